import { CompiledQuery, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import {
  ArchiveTargetNotEmptyError,
  type ArchiveCounts,
  type ArchiveRecord,
  type ArchiveRecordType,
  type ArchiveStore,
} from './archive.js';
import { Restoring } from './archive-restore.js';
import {
  commentRecord,
  mentionRecord,
  reportRecord,
  ruleRecord,
  settingRecord,
  subscriptionRecord,
  threadRecord,
} from './archive-rows.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

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
  post_keys: 'not archived',
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
