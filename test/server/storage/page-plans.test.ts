import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { postgresBackendFromEnvironment, postgresSkipMessage, sqliteBackend } from './backends.js';

/*
 * The shapes of the queries that find a page's top-level comments (kysely-pages.ts, `#roots`): from a thread's start
 * and after a cursor, in each order. Each must read its partial index alone (0008), never the rows of the table,
 * which in a large database are scattered reads, one per comment.
 */
const topLevel = `select root_key, reply_count, likes from comments
  where thread_key = $1 and listed = 1 and parent_id is null`;
const rootQueries = {
  oldest: `${topLevel} order by root_key asc limit 11`,
  newest: `${topLevel} order by root_key desc limit 11`,
  'oldest after a cursor': `${topLevel} and root_key > $2 order by root_key asc limit 11`,
  liked: `${topLevel} order by likes desc, root_key asc limit 11`,
  'liked after a cursor': `${topLevel} and likes <= $3 and (likes < $3 or (likes = $3 and root_key > $2))
    order by likes desc, root_key asc limit 11`,
  replied: `${topLevel} order by reply_count desc, root_key asc limit 11`,
  'replied backwards': `${topLevel} order by reply_count asc, root_key desc limit 11`,
};

/** The values of a query's parameters: a thread, a root key and a rank, as many as it takes. */
const parametersOf = (query: string) =>
  ['/t', 'key', 3].slice(0, query.includes('$3') ? 3 : query.includes('$2') ? 2 : 1);

describe('the queries of a page’s top-level comments read their index alone', () => {
  it('on SQLite', async () => {
    const database = await sqliteBackend.makeDatabase();
    try {
      await (await database.open()).close();
      const sqlite = new BetterSqlite3(database.location, { readonly: true });
      try {
        for (const [name, query] of Object.entries(rootQueries)) {
          const plan = sqlite
            .prepare(`explain query plan ${query.replace(/\$(\d)/g, '?$1')}`)
            .all(Object.fromEntries(parametersOf(query).map((value, index) => [index + 1, value]))) as {
            detail: string;
          }[];
          const details = plan.map((step) => step.detail).join('; ');
          assert.match(
            details,
            /^SEARCH comments USING COVERING INDEX comments_top_\w+ /,
            `${name}: ${details}`,
          );
        }
      } finally {
        sqlite.close();
      }
    } finally {
      await database.cleanup();
    }
  });

  const postgres = postgresBackendFromEnvironment();
  it('on PostgreSQL', { skip: !postgres && postgresSkipMessage }, async () => {
    const database = await postgres!.makeDatabase();
    const client = new pg.Client({ connectionString: database.location });
    try {
      await (await database.open()).close();
      await client.connect();
      // An empty table is read whole, whatever its indexes: this asks what the planner does once it is large.
      await client.query('set enable_seqscan = off');
      await client.query('set enable_bitmapscan = off');
      for (const [name, query] of Object.entries(rootQueries)) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `explain ${query}`,
          ['/t', 'key', 3].slice(0, query.includes('$3') ? 3 : query.includes('$2') ? 2 : 1),
        );
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        assert.match(
          plan,
          /Index Only Scan (Backward )?using comments_top_\w+ on comments/,
          `${name}:\n${plan}`,
        );
      }
    } finally {
      await client.end();
      await database.cleanup();
    }
  });
});
