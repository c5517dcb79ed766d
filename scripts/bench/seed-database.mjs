#!/usr/bin/env node
// Fills a natter database with published comments fast enough for a million: rows written straight into the store's
// own tables (migrated by the store itself first), in large transactions, built by the store's own row functions
// (kysely-rows.js: the same root keys, paths and listed flags as a post makes). SQLite through better-sqlite3, one
// prepared insert; PostgreSQL through multi-row inserts of unnest()ed arrays. Each conversation is a comment, two
// replies to it and a reply to the first reply; conversations go to the threads in turn. Thread counts and reply
// counts are kept as the store keeps them.
//   node scripts/bench/seed-database.mjs --database FILE|postgres://… --comments N [--threads N] [--prefix /t/]
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { commentRow, placeUnder } from '../../dist/lib/server/storage/kysely-rows.js';
import { isPostgresUrl, openStore } from '../../dist/lib/server/storage/open-store.js';

/** Comments per transaction. */
const batchSize = 20_000;
/** Each conversation: a comment, a reply to it, another reply to it, a reply to the first reply. */
const perConversation = 4;
const firstTime = Date.parse('2024-01-01T00:00:00.000Z');
/** Any 43 base64url characters: a SHA-256 no secret will ever match. */
const secretHash = 'seeded-comments-have-no-secret-000000000000';

/** The id of the `index`th seeded comment: 16 characters of the id alphabet, never one a server makes by chance. */
const seededId = (index) => `s${index.toString(36).padStart(15, '0')}`;

/**
 * The rows of comments `from` to `from + count - 1` of a seeding that adds comments `first` to `end - 1`, and per
 * thread the comments added. Conversations start at `first`; the seeding's `c`th goes to the next thread in turn
 * after those of earlier seedings (`threadKeys[(⌈first / 4⌉ + c) % threadKeys.length]`).
 */
function buildRows(from, count, { first, end, threadKeys }) {
  const rows = [];
  const added = new Map();
  const conversationOffset = Math.ceil(first / perConversation);
  const timeOf = (index) => new Date(firstTime + index * 1000).toISOString();
  for (let index = from; index < from + count; index += 1) {
    const position = (index - first) % perConversation;
    const topIndex = index - position;
    const thread =
      threadKeys[(conversationOffset + (topIndex - first) / perConversation) % threadKeys.length];
    // Comment 3 answers the first reply, the others the conversation's first comment (written before, maybe by the
    // batch before: its place follows from its id, thread and time alone).
    const parentIndex = position === 0 ? undefined : position === 3 ? index - 2 : topIndex;
    const comment = {
      id: seededId(index),
      thread,
      parent: parentIndex === undefined ? null : seededId(parentIndex),
      authorName: `Reader ${index % 97}`,
      authorEmail: null,
      authorUrl: null,
      text: `Comment ${index}: a paragraph of an ordinary length, about what the article said and what it left out.`,
      status: 'published',
      createdAt: timeOf(index),
      editedAt: null,
      secretHash,
      editableUntil: new Date(firstTime + index * 1000 + 15 * 60_000).toISOString(),
      reason: null,
      authorIp: null,
      reportCount: 0,
      moderatedAt: null,
      isDeleted: false,
      likes: 0,
    };
    const placeOf = (at, parent) =>
      placeUnder(parent, { id: seededId(at), thread, createdAt: timeOf(at), status: 'published' });
    const top = placeOf(topIndex);
    const parent = parentIndex === undefined ? undefined : position === 3 ? placeOf(index - 2, top) : top;
    const row = commentRow(comment, placeUnder(parent, comment));
    // The store counts a conversation's replies on its first comment, one by one; here all at once.
    if (position === 0) row.reply_count = Math.min(perConversation, end - index) - 1;
    rows.push(row);
    added.set(thread, (added.get(thread) ?? 0) + 1);
  }
  return { rows, added };
}

/** Writes batches into a SQLite file. */
function sqliteWriter(file) {
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // Seeding is repeatable: a crash in the middle loses nothing that matters, so no fsync per batch.
  database.pragma('synchronous = OFF');
  let insertComment;
  const upsertThread = database.prepare(
    `insert into threads (key, created_at, published_count) values (?, ?, ?)
     on conflict (key) do update set published_count = published_count + excluded.published_count`,
  );
  const write = database.transaction(({ rows, added }, createdAt) => {
    for (const [thread, count] of added) upsertThread.run(thread, createdAt, count);
    insertComment ??= database.prepare(
      `insert into comments (${Object.keys(rows[0]).join(', ')}) values (${Object.keys(rows[0])
        .map((column) => `@${column}`)
        .join(', ')})`,
    );
    for (const row of rows) insertComment.run(row);
  });
  return {
    write: async (batch, createdAt) => write(batch, createdAt),
    count: async () => database.prepare('select count(*) as count from comments').get().count,
    async close() {
      database.exec('analyze');
      database.pragma('wal_checkpoint(TRUNCATE)');
      database.close();
    },
  };
}

/** Writes batches into a PostgreSQL database (the schema its URL's search_path names). */
async function postgresWriter(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: columns } = await client.query(
    `select column_name, udt_name from information_schema.columns
     where table_schema = current_schema() and table_name = 'comments'`,
  );
  const typeOf = new Map(columns.map(({ column_name: name, udt_name: type }) => [name, type]));
  return {
    async write({ rows, added }, createdAt) {
      const names = Object.keys(rows[0]);
      await client.query('begin');
      try {
        await client.query(
          `insert into threads (key, created_at, published_count)
           select key, $2, count from unnest($1::varchar[], $3::int4[]) as added(key, count)
           on conflict (key) do update set published_count = threads.published_count + excluded.published_count`,
          [[...added.keys()], createdAt, [...added.values()]],
        );
        await client.query(
          `insert into comments (${names.join(', ')})
           select * from unnest(${names.map((name, index) => `$${index + 1}::${typeOf.get(name)}[]`).join(', ')})`,
          names.map((name) => rows.map((row) => row[name])),
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    count: async () => Number((await client.query('select count(*) as count from comments')).rows[0].count),
    async close() {
      // As autovacuum would have long since on a live database: the counts' updates leave the threads table mostly
      // dead rows (15 per live one at a million comments), and a table never vacuumed has no visibility map for
      // index-only scans. Unsettled, autovacuum works through it while the latency part measures: 3,000 random pages
      // took 6.1-8.1 s before a vacuum and 4.3 s after.
      await client.query('vacuum analyze comments');
      await client.query('vacuum analyze threads');
      await client.end();
    },
  };
}

/**
 * Adds `comments` published comments to `database` (a SQLite file or a postgres:// URL), creating its tables first
 * when needed: conversation after conversation, each in the next of `threadKeys` in turn. `first` is the number of
 * comments seeded into it before (their ids and times follow on); resolves with the seconds it took.
 */
export async function seedComments(database, { comments, threadKeys, first = 0 }) {
  const started = performance.now();
  await (await openStore(database)).close();
  const writer = isPostgresUrl(database) ? await postgresWriter(database) : sqliteWriter(database);
  try {
    const end = first + comments;
    for (let index = first; index < end; index += batchSize) {
      const batch = buildRows(index, Math.min(batchSize, end - index), { first, end, threadKeys });
      await writer.write(batch, batch.rows[0].created_at);
    }
  } finally {
    await writer.close();
  }
  return (performance.now() - started) / 1000;
}

/** `count` thread keys: `${prefix}0`, `${prefix}1`, … */
export const numberedThreads = (count, prefix) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      comments: { type: 'string' },
      threads: { type: 'string', default: '10000' },
      prefix: { type: 'string', default: '/seeded/' },
    },
  });
  if (!values.database || !values.comments) {
    console.error(
      'usage: seed-database.mjs --database FILE|postgres://… --comments N [--threads N] [--prefix /t/]',
    );
    process.exit(2);
  }
  await (await openStore(values.database)).close();
  const writer = isPostgresUrl(values.database)
    ? await postgresWriter(values.database)
    : sqliteWriter(values.database);
  const first = await writer.count();
  await writer.close();
  const seconds = await seedComments(values.database, {
    comments: Number(values.comments),
    threadKeys: numberedThreads(Number(values.threads), values.prefix),
    first,
  });
  console.log(`${values.comments} comments seeded in ${seconds.toFixed(1)} s (${first} there before)`);
}
