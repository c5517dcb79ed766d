import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { ArchiveStore } from './archive.js';
import { CommitGroups, type CommitGroupOptions, type Settled } from './commit-groups.js';
import type { DeliveryQueue } from './deliveries.js';
import type { Dialect } from './dialect.js';
import { StoreUnavailableError, type ClassifyDriverError } from './errors.js';
import type { ImportStore } from './imports.js';
import { KyselyArchive } from './kysely-archive.js';
import { KyselyDeliveries } from './kysely-deliveries.js';
import { KyselyImports } from './kysely-imports.js';
import { KyselyMentions } from './kysely-mentions.js';
import type { MentionStore } from './mentions.js';
import { KyselyPostKeys } from './kysely-post-keys.js';
import { postQueries, savepoint } from './post-queries.js';
import type { PostKey, PostKeyStore } from './post-keys.js';
import { KyselyPages } from './kysely-pages.js';
import { KyselyPublished } from './kysely-published.js';
import { KyselyRateCounts } from './kysely-rate-counts.js';
import {
  commentRow,
  idsPerStatement,
  placeOfRow,
  placeUnder,
  reportRow,
  toStoredComment,
  toStoredReport,
  type Place,
} from './kysely-rows.js';
import { KyselyRules } from './kysely-rules.js';
import { KyselySessions } from './kysely-sessions.js';
import { KyselySettings } from './kysely-settings.js';
import { KyselySubscriptions } from './kysely-subscriptions.js';
import type { PublishedComments } from './published.js';
import type { RateCounter } from './rate-counts.js';
import type { RuleStore } from './rules.js';
import type { CommentsTable, Database } from './schema.js';
import type { SessionStore } from './sessions.js';
import type { SettingStore } from './settings.js';
import type { SubscriptionStore } from './subscriptions.js';
import type {
  CommentEdit,
  CommentQuery,
  CommentStore,
  DeleteOutcome,
  InsertOutcome,
  ModerationMode,
  NewReport,
  NewStoredComment,
  Page,
  PageQuery,
  QueueCounts,
  ReportOutcome,
  StatusChange,
  StoredComment,
  StoredReport,
  StoredStatus,
  StoredThread,
} from './store.js';
import { rootIdOf } from './thread-order.js';

/** `target` with every method's errors passed through `run`, which translates the driver's. */
function translating<T extends object>(target: T, run: <R>(work: () => Promise<R>) => Promise<R>): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        run(() => (value as (...parameters: unknown[]) => Promise<unknown>).apply(object, args));
    },
  });
}

const allStatuses: readonly StoredStatus[] = ['published', 'pending', 'spam', 'deleted'];

/** Thrown inside an insert's transaction to roll it back when the parent cannot take the reply. */
class ParentNotListed extends Error {}

/** Thrown inside an insert's transaction to roll it back when a live post holds its idempotency key. */
class DuplicatePostKey extends Error {}

/** A comment to insert, with its post's idempotency key if it has one. */
interface NewInsert {
  comment: NewStoredComment;
  postKey: PostKey | undefined;
}

/**
 * The store over Kysely, for both dialects: the SQL it builds is portable, and the dialect-specific parts
 * (connection, pragmas, collation, what a driver's errors mean) live in each backend's folder.
 */
export class KyselyStore implements CommentStore {
  readonly #db: Kysely<Database>;
  readonly #classify: ClassifyDriverError;
  readonly #onClose: () => Promise<void>;
  readonly #locksRows: boolean;
  readonly #insertGroups?: CommitGroups<NewInsert, InsertOutcome>;
  readonly #queries = postQueries();
  readonly #pages: KyselyPages;
  readonly settings: SettingStore;
  readonly rules: RuleStore;
  readonly sessions: SessionStore;
  readonly deliveries: DeliveryQueue;
  readonly rates: RateCounter;
  readonly published: PublishedComments;
  readonly mentions: MentionStore;
  readonly archive: ArchiveStore;
  readonly imports: ImportStore;
  readonly subscriptions: SubscriptionStore;
  readonly postKeys: PostKeyStore;

  constructor(
    db: Kysely<Database>,
    {
      dialect,
      classify,
      onClose = () => db.destroy(),
      locksRows = false,
      groupsInserts,
    }: {
      dialect: Dialect;
      classify: ClassifyDriverError;
      onClose?: () => Promise<void>;
      /**
       * Whether the database has row locks (`select … for update`, PostgreSQL) that concurrent transactions need; on
       * SQLite one writer at a time holds the whole file.
       */
      locksRows?: boolean;
      /**
       * When given, concurrent inserts share transactions (commit-groups.ts): on SQLite, whose one writer commits one
       * transaction at a time, each with an fsync of its own. PostgreSQL groups the commits of concurrent
       * transactions itself.
       */
      groupsInserts?: CommitGroupOptions;
    },
  ) {
    this.#db = db;
    this.#locksRows = locksRows;
    if (groupsInserts) {
      this.#insertGroups = new CommitGroups((inserts) => this.#insertGroup(inserts), groupsInserts);
    }
    this.#classify = classify;
    this.#onClose = onClose;
    this.#pages = new KyselyPages(db);
    const run = <R>(work: () => Promise<R>) => this.#run(work);
    this.settings = translating(new KyselySettings(db), run);
    this.rules = translating(new KyselyRules(db), run);
    this.sessions = translating(new KyselySessions(db), run);
    this.deliveries = translating(new KyselyDeliveries(db), run);
    this.rates = translating(new KyselyRateCounts(db), run);
    this.published = translating(new KyselyPublished(db), run);
    this.mentions = translating(new KyselyMentions(db, locksRows), run);
    this.archive = translating(new KyselyArchive(db, dialect), run);
    this.imports = translating(new KyselyImports(db), run);
    this.subscriptions = translating(new KyselySubscriptions(db), run);
    this.postKeys = translating(new KyselyPostKeys(db), run);
  }

  /** Runs `work`, turning the driver's errors that mean "busy or unreachable" into `StoreUnavailableError`. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#translated(error);
    }
  }

  /** `error`, or `StoreUnavailableError` when the driver's error means "busy or unreachable". */
  #translated(error: unknown): unknown {
    return this.#classify(error) === 'unavailable' ? new StoreUnavailableError(error) : error;
  }

  getThread(key: string): Promise<StoredThread> {
    return this.#run(async () => {
      const [row] = (await this.#queries.thread.execute(this.#db, { key })).rows;
      return {
        key,
        listedCount: row?.published_count ?? 0,
        isLocked: row?.locked === 1,
        moderation: (row?.moderation as ModerationMode | null | undefined) ?? null,
        referenceCount: row?.reference_count ?? 0,
      };
    });
  }

  listPage(query: PageQuery): Promise<Page> {
    return this.#run(() => this.#pages.listPage(query));
  }

  countListed(threads: readonly string[]): Promise<Record<string, number>> {
    return this.#run(async () => {
      const counts: Record<string, number> = Object.fromEntries(threads.map((thread) => [thread, 0]));
      if (threads.length === 0) return counts;
      const rows = await this.#db
        .selectFrom('threads')
        .select(['key', 'published_count'])
        .where('key', 'in', threads)
        .execute();
      for (const row of rows) counts[row.key] = row.published_count;
      return counts;
    });
  }

  getComment(id: string): Promise<StoredComment | undefined> {
    return this.#run(async () => {
      const row = await this.#db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStoredComment(row);
    });
  }

  isListed(id: string): Promise<boolean> {
    return this.#run(async () => {
      const row = await this.#db
        .selectFrom('comments')
        .select('listed')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.listed === 1;
    });
  }

  insertComment(comment: NewStoredComment, postKey?: PostKey): Promise<InsertOutcome> {
    if (this.#insertGroups) return this.#insertGroups.add({ comment, postKey });
    return this.#run(async () => {
      try {
        await this.#db.transaction().execute((trx) => this.#insert(trx, comment, postKey));
        return 'inserted';
      } catch (error) {
        return this.#refusal(error);
      }
    });
  }

  /** The outcome an insert's error stands for when it is a refusal of that insert; any other error is thrown. */
  #refusal(error: unknown): InsertOutcome {
    if (error instanceof DuplicatePostKey) return 'duplicate_key';
    // The parent's foreign key, should the parent go all the same: the thread's lock keeps out this store's
    // deletions, not those of other writers of the database.
    if (error instanceof ParentNotListed || this.#classify(error) === 'broken_reference') {
      return 'parent_not_listed';
    }
    throw error;
  }

  /**
   * Inserts a group of comments in one transaction, each in a savepoint of its own, so that one refused (or failing)
   * rolls back alone. The transaction, and so every insert of the group, fails when its commit does, or when a
   * failure ended it early (SQLite rolls a transaction back itself on a full disk or an I/O error).
   */
  #insertGroup(inserts: readonly NewInsert[]): Promise<Settled<InsertOutcome>[]> {
    return this.#run(() =>
      this.#db.transaction().execute(async (trx) => {
        const settled: Settled<InsertOutcome>[] = [];
        for (const { comment, postKey } of inserts) {
          await trx.executeQuery(savepoint.begin);
          try {
            await this.#insert(trx, comment, postKey);
            settled.push({ value: 'inserted' });
          } catch (error) {
            // A failure that ended the transaction leaves no savepoint to go back to: the group fails with it.
            await trx.executeQuery(savepoint.rollback).catch(() => Promise.reject(error));
            try {
              settled.push({ value: this.#refusal(error) });
            } catch {
              settled.push({ error: this.#translated(error) });
            }
          }
          await trx.executeQuery(savepoint.release);
        }
        return settled;
      }),
    );
  }

  async #insert(trx: Transaction<Database>, comment: NewStoredComment, postKey?: PostKey): Promise<void> {
    await this.#queries.addThread.execute(trx, { key: comment.thread, created_at: comment.createdAt });
    await this.#lockThread(trx, comment.thread);
    let parent: Place | undefined;
    if (comment.parent) {
      const [row] = (await this.#queries.parent.execute(trx, { id: comment.parent })).rows;
      // A placeholder takes no replies: there is nothing left to answer.
      if (!row || row.thread_key !== comment.thread || row.listed !== 1 || row.deleted !== 0) {
        throw new ParentNotListed();
      }
      parent = placeOfRow(row);
    }
    const place = placeUnder(parent, comment);
    const row = commentRow(
      {
        ...comment,
        reason: comment.reason ?? null,
        authorIp: comment.authorIp ?? null,
        editedAt: null,
        reportCount: 0,
        moderatedAt: null,
        isDeleted: false,
        likes: 0,
      },
      place,
    );
    await this.#queries.addComment.execute(trx, row);
    if (postKey) await this.#keepPostKey(trx, comment, postKey);
    if (place.isListed) {
      await this.#addToCount(trx, comment.thread, 1);
      if (comment.parent) await this.#addToReplies(trx, place.rootKey, 1);
    }
  }

  /**
   * Stores a post's idempotency key with its comment, taking over the row of an expired key that was not forgotten
   * yet; throws `DuplicatePostKey` when a live post holds it. On PostgreSQL a concurrent insert of the same key
   * waits here until the first commits or rolls back.
   */
  async #keepPostKey(trx: Transaction<Database>, comment: NewStoredComment, postKey: PostKey): Promise<void> {
    const result = await this.#queries.keepPostKey.execute(trx, {
      key_hash: postKey.keyHash,
      comment_id: comment.id,
      fingerprint: postKey.fingerprint,
      expires_at: postKey.expiresAt,
      now: comment.createdAt,
    });
    if (Number(result.numAffectedRows ?? 0) === 0) throw new DuplicatePostKey();
  }

  editComment(
    id: string,
    { text, editedAt, status, reason }: CommentEdit,
  ): Promise<StoredComment | undefined> {
    return this.#run(() =>
      this.#change(id, { text, edited_at: editedAt, status, ...(reason !== undefined && { reason }) }),
    );
  }

  /**
   * Sets a comment's columns in one transaction, taking it and its replies out of the listing (or back in) when its
   * status changes; the comment as it is then, or `undefined` when there is none.
   */
  async #change(
    id: string,
    changes: Updateable<CommentsTable> & { status: StoredStatus },
  ): Promise<StoredComment | undefined> {
    const changed = await this.#db.transaction().execute(async (trx) => {
      await this.#lockThread(trx, { of: id });
      const before = await trx
        .selectFrom('comments')
        .select(['status', 'thread_key', 'root_key'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!before) return false;
      await trx.updateTable('comments').set(changes).where('id', '=', id).execute();
      if (changes.status !== before.status) await this.#relist(trx, id, before);
      return true;
    });
    return changed ? this.getComment(id) : undefined;
  }

  /**
   * Recomputes `listed` for a comment and every reply below it, after its status changed: listed when it and
   * every comment above it are published. The thread's count and the conversation's reply count follow, placeholders
   * counting in neither.
   */
  async #relist(
    trx: Transaction<Database>,
    id: string,
    { thread_key: thread, root_key: rootKey }: { thread_key: string; root_key: string },
  ): Promise<void> {
    const { rows } = await sql<{
      id: string;
      should_list: number;
      listed: number;
      deleted: number;
      parent_id: string | null;
    }>`
      with recursive tree(id, should_list) as (
        select c.id, case when c.status = 'published' and (p.id is null or p.listed = 1) then 1 else 0 end
        from comments c left join comments p on p.id = c.parent_id
        where c.id = ${id}
        union all
        select c.id, case when c.status = 'published' and tree.should_list = 1 then 1 else 0 end
        from comments c join tree on c.parent_id = tree.id
      )
      select tree.id, tree.should_list, comments.listed, comments.deleted, comments.parent_id
      from tree join comments on comments.id = tree.id
      where tree.should_list <> comments.listed
    `.execute(trx);
    const changes = { 1: [] as string[], 0: [] as string[] };
    let count = 0;
    let replies = 0;
    for (const row of rows) {
      const isListed = row.should_list === 1;
      changes[isListed ? 1 : 0].push(row.id);
      if (row.deleted === 1) continue;
      count += isListed ? 1 : -1;
      if (row.parent_id !== null) replies += isListed ? 1 : -1;
    }
    for (const listed of [1, 0] as const) {
      for (let start = 0; start < changes[listed].length; start += idsPerStatement) {
        const ids = changes[listed].slice(start, start + idsPerStatement);
        await trx.updateTable('comments').set({ listed }).where('id', 'in', ids).execute();
      }
    }
    await this.#addToCount(trx, thread, count);
    await this.#addToReplies(trx, rootKey, replies);
  }

  deleteComment(id: string): Promise<DeleteOutcome> {
    return this.#run(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#db.transaction().execute((trx) => this.#delete(trx, id));
        } catch (error) {
          // A reply committed between our look for replies and the delete (PostgreSQL reads committed data): its
          // foreign key catches what the look could not, and the next attempt sees the reply.
          if (this.#classify(error) !== 'broken_reference' || attempt === 3) throw error;
        }
      }
    });
  }

  /**
   * An author's deletion: a comment that published replies answer becomes a placeholder; any other goes, with its
   * replies (none of them published, so none public), and so does each placeholder above it left without a published
   * reply.
   */
  async #delete(trx: Transaction<Database>, id: string): Promise<DeleteOutcome> {
    // A reply racing this deletion either committed before (and is seen below, keeping a placeholder) or waits for
    // the thread, and then finds its parent gone.
    await this.#lockThread(trx, { of: id });
    const comment = await trx
      .selectFrom('comments')
      .select(['thread_key', 'root_key', 'parent_id', 'listed', 'deleted'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!comment || comment.deleted === 1) return 'not_found';
    const isCounted = comment.listed === 1;
    const isPlaceholder = await this.#hasPublishedReply(trx, id);
    if (isPlaceholder) {
      await trx
        .updateTable('comments')
        .set({
          deleted: 1,
          text: '',
          author_name: '',
          author_email: null,
          author_url: null,
          author_ip: null,
          likes: 0,
          report_count: 0,
          reason: 'deleted by its author: kept for its replies',
        })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('reports').where('comment_id', '=', id).execute();
    } else {
      await this.#deleteWithReplies(trx, id);
      // Placeholders above that answered nothing else go too.
      let parentId = comment.parent_id;
      while (parentId) {
        const parent = await trx
          .selectFrom('comments')
          .select(['parent_id', 'deleted'])
          .where('id', '=', parentId)
          .executeTakeFirst();
        if (!parent || parent.deleted !== 1 || (await this.#hasPublishedReply(trx, parentId))) break;
        await this.#deleteWithReplies(trx, parentId);
        parentId = parent.parent_id;
      }
    }
    if (isCounted) {
      await this.#addToCount(trx, comment.thread_key, -1);
      if (comment.parent_id) await this.#addToReplies(trx, comment.root_key, -1);
    }
    return isPlaceholder ? 'placeholder' : 'deleted';
  }

  async #hasPublishedReply(trx: Transaction<Database>, id: string): Promise<boolean> {
    const reply = await trx
      .selectFrom('comments')
      .select('id')
      .where('parent_id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return reply !== undefined;
  }

  /**
   * Deletes a comment and every reply below it, their reports with them (the reports' foreign key cascades). None of
   * them may be counted. One statement: a reply's foreign key on its parent is checked at its end, when both are gone.
   */
  async #deleteWithReplies(trx: Transaction<Database>, id: string): Promise<void> {
    await sql`
      with recursive tree(id) as (
        select id from comments where id = ${id}
        union all
        select c.id from comments c join tree on c.parent_id = tree.id
      )
      delete from comments where id in (select id from tree)
    `.execute(trx);
  }

  addLike(id: string, change: 1 | -1): Promise<{ likes: number; thread: string } | undefined> {
    return this.#run(async () => {
      const row = await this.#db
        .updateTable('comments')
        .set({
          likes: sql<number>`case when likes + ${sql.lit(change)} < 0 then 0 else likes + ${sql.lit(change)} end`,
        })
        .where('id', '=', id)
        .where('listed', '=', 1)
        .where('deleted', '=', 0)
        .returning(['likes', 'thread_key'])
        .executeTakeFirst();
      return row && { likes: row.likes, thread: row.thread_key };
    });
  }

  setThreadLocked(key: string, isLocked: boolean): Promise<void> {
    return this.#run(async () => {
      const locked = isLocked ? 1 : 0;
      await this.#db
        .insertInto('threads')
        .values({ key, locked, created_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ locked }))
        .execute();
    });
  }

  setStatus(id: string, { status, reason, at }: StatusChange): Promise<StoredComment | undefined> {
    return this.#run(() =>
      // Publishing is a moderator's answer to the reports so far: later ones count afresh.
      this.#change(id, {
        status,
        reason,
        moderated_at: at,
        ...(status === 'published' && { report_count: 0 }),
      }),
    );
  }

  setThreadModeration(key: string, mode: ModerationMode | null): Promise<void> {
    return this.#run(async () => {
      await this.#db
        .insertInto('threads')
        .values({ key, moderation: mode, created_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ moderation: mode }))
        .execute();
    });
  }

  findComments(query: CommentQuery): Promise<StoredComment[]> {
    return this.#run(async () => {
      if (query.statuses?.length === 0) return [];
      let select = this.#db.selectFrom('comments').selectAll();
      if (query.statuses) select = select.where('status', 'in', [...query.statuses]);
      if (query.isReported) select = select.where('report_count', '>', 0);
      if (query.thread !== undefined) select = select.where('thread_key', '=', query.thread);
      if (query.authorEmail !== undefined) {
        select = select.where(sql`lower(author_email)`, '=', sql`lower(${query.authorEmail})`);
      }
      if (query.search) {
        // A plain substring, case-insensitively: `%` and `_` in what a moderator types are just text.
        const needle = `%${query.search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
        select = select.where((eb) =>
          eb.or(
            (['text', 'author_name', 'author_email', 'author_url', 'thread_key'] as const).map(
              (column) => sql<boolean>`lower(${sql.ref(column)}) like ${needle} escape '\\'`,
            ),
          ),
        );
      }
      if (query.before) {
        const [createdAt = '', id = ''] = query.before.split('|');
        select = select.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toStoredComment);
    });
  }

  countQueues(): Promise<QueueCounts> {
    return this.#run(async () => {
      const rows = await this.#db
        .selectFrom('comments')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute();
      const reported = await this.#db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('report_count', '>', 0)
        .where('status', 'in', ['published', 'pending'])
        .executeTakeFirst();
      const counts = Object.fromEntries(allStatuses.map((status) => [status, 0])) as QueueCounts;
      for (const row of rows) counts[row.status] = Number(row.count);
      counts.reported = Number(reported?.count ?? 0);
      return counts;
    });
  }

  addReport(report: NewReport): Promise<ReportOutcome> {
    return this.#run(() =>
      this.#db.transaction().execute(async (trx): Promise<ReportOutcome> => {
        // A placeholder shows nothing to report.
        const comment = await trx
          .selectFrom('comments')
          .select('report_count')
          .where('id', '=', report.commentId)
          .where('deleted', '=', 0)
          .executeTakeFirst();
        if (!comment) return { outcome: 'not_found' };
        const inserted = await trx
          .insertInto('reports')
          .values(reportRow(report))
          .onConflict((conflict) => conflict.columns(['comment_id', 'client_key']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          return { outcome: 'duplicate', reportCount: comment.report_count };
        }
        await trx
          .updateTable('comments')
          .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
          .where('id', '=', report.commentId)
          .execute();
        return { outcome: 'added', reportCount: comment.report_count + 1 };
      }),
    );
  }

  reportsOf(commentId: string): Promise<StoredReport[]> {
    return this.#run(async () => {
      const rows = await this.#db
        .selectFrom('reports')
        .selectAll()
        .where('comment_id', '=', commentId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toStoredReport);
    });
  }

  hasPublishedByEmail(email: string): Promise<boolean> {
    return this.#run(async () => {
      const row = await this.#db
        .selectFrom('comments')
        .select('id')
        .where(sql`lower(author_email)`, '=', sql`lower(${email})`)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  /**
   * Locks the row of a thread (given by its key, or `of` one of its comments) on PostgreSQL: the first lock of every
   * transaction that changes a thread's comments, so that they queue one behind the other, each seeing what the one
   * before committed. Row locks taken in other orders deadlock: two replies holding a shared lock on their parent,
   * each waiting for the other's to update the parent's reply count. SQLite writes one transaction at a time anyway.
   */
  async #lockThread(trx: Transaction<Database>, thread: string | { of: string }): Promise<void> {
    if (!this.#locksRows) return;
    await trx
      .selectFrom('threads')
      .select('key')
      .where(
        'key',
        '=',
        typeof thread === 'string'
          ? thread
          : trx.selectFrom('comments').select('thread_key').where('id', '=', thread.of),
      )
      .forNoKeyUpdate()
      .execute();
  }

  async #addToCount(trx: Kysely<Database>, thread: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.#queries.addToCount.execute(trx, { thread, delta });
  }

  /** Adds to the reply count of the top-level comment whose order key is `rootKey`. */
  async #addToReplies(trx: Kysely<Database>, rootKey: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.#queries.addToReplies.execute(trx, { id: rootIdOf(rootKey), delta });
  }

  close(): Promise<void> {
    return this.#onClose();
  }
}
