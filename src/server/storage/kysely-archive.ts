import {
  CompiledQuery,
  sql,
  type InsertQueryBuilder,
  type InsertResult,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type Transaction,
} from 'kysely';
import { sha256, toBase64Url } from '../base64url.js';
import {
  ArchiveRecordError,
  ArchiveTargetNotEmptyError,
  archiveRecordTypes,
  type ArchiveCounts,
  type ArchiveRecord,
  type ArchiveRecordType,
  type ArchiveStore,
  type CommentRecord,
  type MentionRecord,
  type ReportRecord,
  type RuleRecord,
  type SettingRecord,
  type SubscriptionRecord,
  type ThreadRecord,
} from './archive.js';
import type { Dialect } from './dialect.js';
import type { MentionVia } from './mentions.js';
import type { RuleAction, RuleKind } from './rules.js';
import type { CommentsTable, Database, MentionsTable } from './schema.js';
import type { SettingKey } from './settings.js';
import type { ModerationMode, StoredStatus } from './store.js';
import { childPath, orderKey } from './thread-order.js';

/** Rows a PostgreSQL cursor hands over at a time: memory stays flat, round trips few. */
const rowsPerFetch = 500;

/**
 * What an archive does with each table: carries its rows as records of a type, or leaves them to the running server
 * (archive.ts says why). A table added to schema.ts fails to compile here until someone decides.
 */
const tables: Record<keyof Database, ArchiveRecordType | 'not archived'> = {
  settings: 'setting',
  rules: 'rule',
  threads: 'thread',
  comments: 'comment',
  reports: 'report',
  reply_subscriptions: 'subscription',
  mentions: 'mention',
  admin_sessions: 'not archived',
  deliveries: 'not archived',
  rate_counts: 'not archived',
  reply_send_slots: 'not archived',
};

/** The tables whose rows make a store not empty: the archived ones but settings, which any server start makes. */
const contentTables = (Object.keys(tables) as (keyof Database)[]).filter(
  (table) => tables[table] !== 'not archived' && table !== 'settings',
);

/** A select that can be compiled to SQL and streamed: what `#stream` reads. */
interface StreamableQuery<Row> {
  compile(): CompiledQuery<Row>;
  stream(): AsyncIterableIterator<Row>;
}

/** The archive over Kysely: reads a consistent snapshot row by row, restores in one transaction. */
export class KyselyArchive implements ArchiveStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async isEmpty(): Promise<boolean> {
    return this.#isEmpty(this.db);
  }

  async #isEmpty(db: Kysely<Database>): Promise<boolean> {
    for (const table of contentTables) {
      const row = await db
        .selectFrom(table)
        .select(sql<number>`1`.as('one'))
        .limit(1)
        .executeTakeFirst();
      if (row) return false;
    }
    return true;
  }

  /** `column` in byte order on either backend: PostgreSQL's default collation would sort as a language does. */
  #bytes(column: string): RawBuilder<string> {
    return this.dialect === 'postgres'
      ? sql<string>`${sql.ref(column)} collate "C"`
      : sql<string>`${sql.ref(column)}`;
  }

  async readAll(take: (record: ArchiveRecord) => Promise<void>): Promise<void> {
    // Repeatable read: every select of the export sees the database as it was at the first one (SQLite's read
    // transaction is such a snapshot already, and lets the server write on meanwhile, as WAL does).
    const transaction = this.db.transaction();
    const snapshot =
      this.dialect === 'postgres'
        ? transaction.setIsolationLevel('repeatable read').setAccessMode('read only')
        : transaction;
    await snapshot.execute(async (trx) => {
      const settings = trx.selectFrom('settings').selectAll().orderBy(this.#bytes('key'));
      for await (const row of this.#stream(trx, settings)) await take(settingRecord(row));
      const rules = trx.selectFrom('rules').selectAll().orderBy('created_at').orderBy(this.#bytes('id'));
      for await (const row of this.#stream(trx, rules)) await take(ruleRecord(row));
      const threads = trx.selectFrom('threads').selectAll().orderBy(this.#bytes('key'));
      for await (const row of this.#stream(trx, threads)) await take(threadRecord(row));
      // In thread order: a parent's path begins its replies' paths, so it comes first (but see `restore`).
      const comments = trx.selectFrom('comments').selectAll().orderBy('root_key').orderBy('path');
      for await (const row of this.#stream(trx, comments)) await take(commentRecord(row));
      const reports = trx.selectFrom('reports').selectAll().orderBy('created_at').orderBy(this.#bytes('id'));
      for await (const row of this.#stream(trx, reports)) await take(reportRecord(row));
      const subscriptions = trx
        .selectFrom('reply_subscriptions')
        .selectAll()
        .orderBy('created_at')
        .orderBy(this.#bytes('id'));
      for await (const row of this.#stream(trx, subscriptions)) await take(subscriptionRecord(row));
      const mentions = trx
        .selectFrom('mentions')
        .selectAll()
        .orderBy('created_at')
        .orderBy(this.#bytes('id'));
      for await (const row of this.#stream(trx, mentions)) await take(mentionRecord(row));
    });
  }

  /**
   * The rows of `query`, a few at a time. SQLite steps through them (better-sqlite3's `iterate`); PostgreSQL sends
   * them through a cursor, which Kysely's own streaming would need the pg-cursor package for.
   */
  async *#stream<Row>(trx: Transaction<Database>, query: StreamableQuery<Row>): AsyncIterable<Row> {
    if (this.dialect === 'sqlite') {
      yield* query.stream();
      return;
    }
    const { sql: text, parameters } = query.compile();
    await trx.executeQuery(
      CompiledQuery.raw(`declare archive_rows no scroll cursor for ${text}`, [...parameters]),
    );
    for (;;) {
      const { rows } = await trx.executeQuery<Row>(
        CompiledQuery.raw(`fetch ${rowsPerFetch} from archive_rows`),
      );
      yield* rows;
      if (rows.length < rowsPerFetch) break;
    }
    await trx.executeQuery(CompiledQuery.raw('close archive_rows'));
  }

  async restore(records: AsyncIterable<ArchiveRecord>): Promise<ArchiveCounts> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.#isEmpty(trx))) throw new ArchiveTargetNotEmptyError();
      const restoring = new Restoring(trx);
      for await (const record of records) await restoring.add(record);
      await restoring.finish();
      return restoring.counts;
    });
  }
}

/** How many restored comments' places `Restoring` keeps at hand for their replies. */
const recentPlaces = 1000;

/** What a reply takes from its parent: its thread, its conversation, its stored path, and whether it is listed. */
interface Place {
  thread: string;
  rootKey: string;
  path: string;
  isListed: boolean;
}

/** One restore under way: checks each record against what came before it, writes it, and derives what follows. */
class Restoring {
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
    const own = orderKey(record.createdAt, record.id);
    let place: Place = {
      thread: record.thread,
      rootKey: own,
      path: own,
      isListed: record.status === 'published',
    };
    if (record.parent !== null) {
      const parent = await this.#placeOf(record.parent);
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
      place = {
        thread: record.thread,
        rootKey: parent.rootKey,
        path: childPath(parent.path, own),
        isListed: place.isListed && parent.isListed,
      };
    }
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
    return (
      row && { thread: row.thread_key, rootKey: row.root_key, path: row.path, isListed: row.listed === 1 }
    );
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

function settingRecord(row: { key: string; value: string }): SettingRecord {
  return { type: 'setting', key: row.key as SettingKey, value: row.value };
}

function ruleRecord(row: Selectable<Database['rules']>): RuleRecord {
  return {
    type: 'rule',
    id: row.id,
    kind: row.kind as RuleKind,
    pattern: row.pattern,
    action: row.action as RuleAction,
    note: row.note,
    createdAt: row.created_at,
  };
}

function ruleRow(record: RuleRecord) {
  return {
    id: record.id,
    kind: record.kind,
    pattern: record.pattern,
    action: record.action,
    note: record.note,
    created_at: record.createdAt,
  };
}

function threadRecord(row: Selectable<Database['threads']>): ThreadRecord {
  return {
    type: 'thread',
    key: row.key,
    createdAt: row.created_at,
    isLocked: row.locked === 1,
    moderation: row.moderation as ModerationMode | null,
  };
}

function threadRow(record: ThreadRecord) {
  return {
    key: record.key,
    created_at: record.createdAt,
    locked: record.isLocked ? 1 : 0,
    moderation: record.moderation,
  };
}

function commentRecord(row: Selectable<CommentsTable>): CommentRecord {
  return {
    type: 'comment',
    id: row.id,
    thread: row.thread_key,
    parent: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    secretHash: row.secret_hash,
    editableUntil: row.editable_until,
    reason: row.reason,
    authorIp: row.author_ip,
    reportCount: row.report_count,
    moderatedAt: row.moderated_at,
    isDeleted: row.deleted === 1,
    likes: row.likes,
  };
}

function commentRow(record: CommentRecord, place: Place): Insertable<CommentsTable> {
  return {
    id: record.id,
    thread_key: record.thread,
    parent_id: record.parent,
    root_key: place.rootKey,
    path: place.path,
    author_name: record.authorName,
    author_email: record.authorEmail,
    author_url: record.authorUrl,
    text: record.text,
    status: record.status,
    listed: place.isListed ? 1 : 0,
    created_at: record.createdAt,
    edited_at: record.editedAt,
    secret_hash: record.secretHash,
    editable_until: record.editableUntil,
    reason: record.reason,
    author_ip: record.authorIp,
    report_count: record.reportCount,
    moderated_at: record.moderatedAt,
    deleted: record.isDeleted ? 1 : 0,
    likes: record.likes,
    reply_count: 0,
  };
}

function reportRecord(row: Selectable<Database['reports']>): ReportRecord {
  return {
    type: 'report',
    id: row.id,
    commentId: row.comment_id,
    reason: row.reason as ReportRecord['reason'],
    clientKey: row.client_key,
    createdAt: row.created_at,
  };
}

function reportRow(record: ReportRecord) {
  return {
    id: record.id,
    comment_id: record.commentId,
    reason: record.reason,
    client_key: record.clientKey,
    created_at: record.createdAt,
  };
}

function subscriptionRecord(row: Selectable<Database['reply_subscriptions']>): SubscriptionRecord {
  return {
    type: 'subscription',
    id: row.id,
    commentId: row.comment_id,
    addressHash: row.address_hash,
    sealedAddress: row.sealed_address,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

function subscriptionRow(record: SubscriptionRecord) {
  return {
    id: record.id,
    comment_id: record.commentId,
    address_hash: record.addressHash,
    sealed_address: record.sealedAddress,
    created_at: record.createdAt,
    confirmed_at: record.confirmedAt,
  };
}

function mentionRecord(row: Selectable<MentionsTable>): MentionRecord {
  return {
    type: 'mention',
    id: row.id,
    source: row.source,
    target: row.target,
    thread: row.thread_key,
    via: row.via as MentionVia,
    state: row.state as MentionRecord['state'],
    status: row.status as StoredStatus | null,
    reason: row.reason,
    detail: row.detail,
    sourceHost: row.source_host,
    senderIp: row.sender_ip,
    kind: row.kind,
    url: row.url,
    title: row.title,
    authorName: row.author_name,
    authorUrl: row.author_url,
    authorPhoto: row.author_photo,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    verifiedAt: row.verified_at,
    moderatedAt: row.moderated_at,
  };
}

/** The row of a mention, with what the store derives: its pair hash (as kysely-mentions.ts makes it) and `listed`. */
async function mentionRow(record: MentionRecord): Promise<Insertable<MentionsTable>> {
  return {
    id: record.id,
    pair_hash: toBase64Url(await sha256(`${record.source}\n${record.target}`)),
    source: record.source,
    target: record.target,
    thread_key: record.thread,
    via: record.via,
    state: record.state,
    status: record.status,
    reason: record.reason,
    detail: record.detail,
    source_host: record.sourceHost,
    sender_ip: record.senderIp,
    listed: record.state === 'verified' && record.status === 'published' ? 1 : 0,
    kind: record.kind,
    url: record.url,
    title: record.title,
    author_name: record.authorName,
    author_url: record.authorUrl,
    author_photo: record.authorPhoto,
    excerpt: record.excerpt,
    published_at: record.publishedAt,
    attempts: record.attempts,
    next_attempt_at: record.nextAttemptAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    verified_at: record.verifiedAt,
    moderated_at: record.moderatedAt,
  };
}
