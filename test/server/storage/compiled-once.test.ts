import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CompiledOnce } from '../../../src/server/storage/compiled-once.js';
import { migrateToLatest } from '../../../src/server/storage/migrate.js';
import type { Database } from '../../../src/server/storage/schema.js';

async function memoryDatabase(): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
  });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return db;
}

describe('CompiledOnce', () => {
  it('builds a query once and runs it with the values of each use, constants of the query kept', async () => {
    const db = await memoryDatabase();
    let builds = 0;
    const addThread = new CompiledOnce((kysely, values: { key: string; created_at: string }) => {
      builds += 1;
      return kysely
        .insertInto('threads')
        .values({ ...values, locked: 0 })
        .onConflict((conflict) => conflict.column('key').doNothing());
    });
    const locked = new CompiledOnce((kysely, { key }: { key: string }) =>
      kysely.selectFrom('threads').select(['key', 'locked']).where('key', '=', key),
    );
    for (const key of ['/a', '/b', '/a', '/c']) {
      await addThread.execute(db, { key, created_at: '2026-12-06T00:00:00.000Z' });
    }
    assert.equal(builds, 1);
    const rows = await db.selectFrom('threads').select(['key', 'locked']).orderBy('key').execute();
    assert.deepEqual(rows, [
      { key: '/a', locked: 0 },
      { key: '/b', locked: 0 },
      { key: '/c', locked: 0 },
    ]);
    assert.deepEqual((await locked.execute(db, { key: '/b' })).rows, [{ key: '/b', locked: 0 }]);
    assert.deepEqual((await locked.execute(db, { key: '/none' })).rows, []);
    await db.destroy();
  });

  it('refuses values other than those it was compiled with, or undefined ones, rather than store them wrong', async () => {
    const db = await memoryDatabase();
    const addThread = new CompiledOnce((kysely, values: Record<string, string | undefined>) =>
      kysely.insertInto('threads').values(values as { key: string; created_at: string }),
    );
    await addThread.execute(db, { key: '/a', created_at: '2026-12-06T00:00:00.000Z' });
    await assert.rejects(addThread.execute(db, { key: '/b' }), /missing/);
    await assert.rejects(addThread.execute(db, { key: '/b', created_at: undefined }), /undefined/);
    await assert.rejects(addThread.execute(db, { key: '/b', created: 'x' }), /not given/);
    assert.equal((await db.selectFrom('threads').selectAll().execute()).length, 1);
    await db.destroy();
  });
});
