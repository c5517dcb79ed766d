// A PostgreSQL schema of the bench's own in the database it is given, so that a run neither sees nor leaves any
// table of another user of that database (the test suites share it): natter serve finds it through search_path.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onCleanUp } from './processes.mjs';

/** Creates a fresh schema in the database at `url`; resolves with `{ url }` selecting it. Dropped at the end. */
export async function freshSchema(url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const schema = `natter_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  onCleanUp(async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  const location = new URL(url);
  location.searchParams.set('options', `-c search_path=${schema}`);
  return { url: location.href };
}
