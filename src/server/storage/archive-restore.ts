import { sql, type InsertQueryBuilder, type InsertResult, type Transaction } from 'kysely';
import {
  ArchiveRecordError,
  archiveRecordTypes,
  type ArchiveCounts,
  type ArchiveRecord,
  type CommentRecord,
  type ReportRecord,
  type SettingRecord,
  type SubscriptionRecord,
} from './archive.js';
import { mentionRow, subscriptionRow, threadRow } from './archive-rows.js';
import { commentRow, placeOfRow, placeUnder, reportRow, type Place } from './kysely-rows.js';
import { ruleRow } from './kysely-rules.js';
import type { Database } from './schema.js';

/** How many restored comments' places `Restoring` keeps at hand for their replies. */
const recentPlaces = 1000;

/** One restore under way: checks each record against what came before it, writes it, and derives what follows. */
export class Restoring {
  readonly counts = Object.fromEntries(archiveRecordTypes.map((type) => [type, 0])) as ArchiveCounts;
  #position = 0;
  #kind = 0;
  /**
   * Replies that came before their parent, by the parent's id. The archive's thread order puts parents first but
   * for replies at the depth where paths stop growing (thread-order.ts) that are older than their parent, which only
   * clocks set back or imported dates make: a few, held until their parent comes.
   */
  readonly #waiting = new Map<string, { record: CommentRecord; position: number }[]>();

  /** The keys of the threads restored: every comment names one, and they are far fewer than comments. */
  readonly #threads = new Set<string>();
  /**
   * The places of the comments restored last, which their replies need: in thread order a reply comes soon after
   * its parent, so most replies find it here instead of asking the database.
   */
  readonly #recent = new Map<string, Place>();

  constructor(private readonly trx: Transaction<Database>) {}

  async add(record: ArchiveRecord): Promise<void> {
    const position = ++this.#position;
    const kind = archiveRecordTypes.indexOf(record.type);
    if (kind < this.#kind) {
      throw new ArchiveRecordError(
        `a ${record.type} comes after the ${archiveRecordTypes[this.#kind]}s: records go ${archiveRecordTypes.join(', ')}`,
        position,
      );
    }
    if (kind > this.#kind && this.#kind === archiveRecordTypes.indexOf('comment')) this.#checkNoneWaiting();
    this.#kind = kind;
    this.counts[record.type]++;
    switch (record.type) {
      case 'setting':
        return this.#setting(record);
      case 'rule':
        return this.#insert(
          this.trx.insertInto('rules').values(ruleRow(record)),
          `rule ${record.id}`,
          position,
        );
      case 'thread':
        await this.#insert(
          this.trx.insertInto('threads').values(threadRow(record)),
          `thread ${JSON.stringify(record.key)}`,
          position,
        );
        this.#threads.add(record.key);
        return;
      case 'comment':
        return this.#comment(record, position);
      case 'report':
        return this.#report(record, position);
      case 'subscription':
        return this.#subscription(record, position);
      case 'mention':
        return this.#insert(
          this.trx.insertInto('mentions').values(await mentionRow(record)),
          `mention ${record.id}`,
          position,
        );
    }
  }

  async #setting(record: SettingRecord): Promise<void> {
    // The new database's own keys, made when a server started on it, give way to the site's.
    await this.trx
      .insertInto('settings')
      .values({ key: record.key, value: record.value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: record.value }))
      .execute();
  }

  /** Runs an insert; a second row with the same id (or the same unique value) is refused, naming what it repeats. */
  async #insert<Table extends keyof Database>(
    insert: InsertQueryBuilder<Database, Table, InsertResult>,
    what: string,
    position: number,
  ): Promise<void> {
    const result = await insert.onConflict((conflict) => conflict.doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new ArchiveRecordError(`a second record for ${what}`, position);
    }
  }

  async #comment(record: CommentRecord, position: number): Promise<void> {
    if (!this.#threads.has(record.thread)) {
      throw new ArchiveRecordError(
        `comment ${record.id} is in thread ${JSON.stringify(record.thread)}, which no thread record before it names`,
        position,
      );
    }
    let parent: Place | undefined;
    if (record.parent !== null) {
      parent = await this.#placeOf(record.parent);
      if (!parent) {
        const waiting = this.#waiting.get(record.parent) ?? [];
        waiting.push({ record, position });
        this.#waiting.set(record.parent, waiting);
        return;
      }
      if (parent.thread !== record.thread) {
        throw new ArchiveRecordError(
          `comment ${record.id} answers ${record.parent}, which is in another thread`,
          position,
        );
      }
    }
    const place = placeUnder(parent, record);
    await this.#insert(
      this.trx.insertInto('comments').values(commentRow(record, place)),
      `comment ${record.id}`,
      position,
    );
    this.#recent.set(record.id, place);
    if (this.#recent.size > recentPlaces) this.#recent.delete(this.#recent.keys().next().value ?? '');
    const replies = this.#waiting.get(record.id);
    if (!replies) return;
    this.#waiting.delete(record.id);
    for (const reply of replies) await this.#comment(reply.record, reply.position);
  }

  /** Where a restored comment stands: from the recent ones, else from the database; `undefined` before it came. */
  async #placeOf(id: string): Promise<Place | undefined> {
    const recent = this.#recent.get(id);
    if (recent) return recent;
    const row = await this.trx
      .selectFrom('comments')
      .select(['thread_key', 'root_key', 'path', 'listed'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && placeOfRow(row);
  }

  #checkNoneWaiting(): void {
    const [parent, replies] = this.#waiting.entries().next().value ?? [];
    const [first] = replies ?? [];
    if (parent === undefined || !first) return;
    throw new ArchiveRecordError(
      `comment ${first.record.id} answers ${parent}, which the archive does not hold`,
      first.position,
    );
  }

  async #report(record: ReportRecord, position: number): Promise<void> {
    await this.#checkComment(record.commentId, `report ${record.id}`, position);
    await this.#insert(
      this.trx.insertInto('reports').values(reportRow(record)),
      `report ${record.id} (or of its comment by its client)`,
      position,
    );
  }

  async #subscription(record: SubscriptionRecord, position: number): Promise<void> {
    await this.#checkComment(record.commentId, `subscription ${record.id}`, position);
    await this.#insert(
      this.trx.insertInto('reply_subscriptions').values(subscriptionRow(record)),
      `subscription ${record.id} (or of its comment)`,
      position,
    );
  }

  /** Refuses a record of a comment that the archive did not hold before it. */
  async #checkComment(commentId: string, what: string, position: number): Promise<void> {
    const comment = await this.trx
      .selectFrom('comments')
      .select('id')
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!comment) {
      throw new ArchiveRecordError(
        `${what} is of comment ${commentId}, which the archive does not hold`,
        position,
      );
    }
  }

  /** Derives the counts the store keeps beside the rows, as its migrations compute them. */
  async finish(): Promise<void> {
    this.#checkNoneWaiting();
    await sql`
      update threads set
        published_count = (
          select count(*) from comments
          where comments.thread_key = threads.key and comments.listed = 1 and comments.deleted = 0
        ),
        reference_count = (
          select count(*) from mentions where mentions.thread_key = threads.key and mentions.listed = 1
        )
    `.execute(this.trx);
    await sql`
      update comments set reply_count = (
        select count(*) from comments replies
        where replies.root_key = comments.root_key and replies.thread_key = comments.thread_key
          and replies.parent_id is not null and replies.listed = 1 and replies.deleted = 0
      )
      where parent_id is null
    `.execute(this.trx);
  }
}
