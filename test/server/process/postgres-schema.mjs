// A PostgreSQL database of its own for a process test: a fresh schema of the test database, which `natter serve`
// finds through search_path, as test/server/storage/backends.ts makes them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test database's URL, or `undefined` when the PostgreSQL tests are not to run. */
export const postgresUrl = process.env.NATTER_TEST_POSTGRES_URL;

/** What to pass as a test's `skip`: false when the PostgreSQL tests run, else why not. */
export const postgresSkip = postgresUrl ? false : 'NATTER_TEST_POSTGRES_URL is not set';

/** Creates a fresh schema; resolves with the URL that selects it and `drop()`, which deletes it. */
export async function freshSchema() {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const schema = `natter_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const location = new URL(postgresUrl);
  location.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: location.href,
    async drop() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}
