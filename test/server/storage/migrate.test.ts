import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../../src/server/storage/open-store.js';
import { backends } from './backends.js';

/** Records `name` as an applied migration of the database at `location`, as a newer natter would have. */
async function recordMigration(location: string, name: string): Promise<void> {
  const values = [name, new Date().toISOString()];
  const insert = 'insert into natter_migrations (name, timestamp) values';
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      await client.query(`${insert} ($1, $2)`, values);
    } finally {
      await client.end();
    }
    return;
  }
  const database = new BetterSqlite3(location, { fileMustExist: true });
  try {
    database.prepare(`${insert} (?, ?)`).run(...values);
  } finally {
    database.close();
  }
}

// A start on a database whose newest migration is natter's newest skips the migrator (one row read); every other
// database still goes through it, and its checks.
describe('migrations at start', () => {
  for (const backend of backends()) {
    it(`refuses a ${backend.name} database that a newer natter migrated, changing nothing`, async () => {
      const database = await backend.makeDatabase();
      try {
        await (await database.open()).close();
        await recordMigration(database.location, '9999-from-a-newer-natter');
        const applied = await database.appliedMigrations();
        await assert.rejects(database.open(), /Could not migrate the database/);
        assert.deepEqual(await database.appliedMigrations(), applied);
      } finally {
        await database.cleanup();
      }
    });
  }
});
