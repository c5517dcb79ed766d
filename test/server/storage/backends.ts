import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../../src/server/storage/postgres/open-postgres.js';
import { openSqliteStore } from '../../../src/server/storage/sqlite/open-sqlite.js';
import type { CommentStore } from '../../../src/server/storage/store.js';

/** A store open on a database of its own, and how to close it and throw the database away. */
export interface TestStore {
  store: CommentStore;
  cleanup(): Promise<void>;
}

/** A fresh database that no store has opened yet. */
export interface TestDatabase {
  /** What `openStore` takes: a SQLite file path or a `postgres://` URL. */
  location: string;
  /** Opens a store on this database, as a server starting up would. */
  open(): Promise<CommentStore>;
  /** Names of the migrations the database records as applied, read without the store. */
  appliedMigrations(): Promise<string[]>;
  /** Deletes the database; close the stores opened on it first. */
  cleanup(): Promise<void>;
}

/** A storage backend the tests can run against. */
export interface Backend {
  name: string;
  makeDatabase(): Promise<TestDatabase>;
  makeStore(): Promise<TestStore>;
}

/** Opens a store on a fresh database of `makeDatabase`'s, and deletes the database again on cleanup. */
async function storeOn(makeDatabase: () => Promise<TestDatabase>): Promise<TestStore> {
  const database = await makeDatabase();
  let store: CommentStore;
  try {
    store = await database.open();
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return {
    store,
    async cleanup() {
      // Closing twice is harmless, so a test may close the store itself.
      await store.close();
      await database.cleanup();
    },
  };
}

/** SQLite: a new file in a temporary folder of its own. */
export const sqliteBackend: Backend = {
  name: 'SQLite',
  async makeDatabase() {
    const folder = await mkdtemp(join(tmpdir(), 'natter-store-'));
    const file = join(folder, 'natter.db');
    return {
      location: file,
      open: () => openSqliteStore(file),
      async appliedMigrations() {
        const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
        try {
          const rows = database.prepare('select name from natter_migrations order by name').all();
          return rows.map((row) => (row as { name: string }).name);
        } finally {
          database.close();
        }
      },
      cleanup: () => rm(folder, { recursive: true, force: true }),
    };
  },
  makeStore: () => storeOn(sqliteBackend.makeDatabase),
};

/** The variable that names the PostgreSQL server for the tests, e.g. `postgres://natter:natter@127.0.0.1/natter_test`. */
export const postgresUrlVariable = 'NATTER_TEST_POSTGRES_URL';

/** Why the PostgreSQL tests do not run when the variable is not set. */
export const postgresSkipMessage = `${postgresUrlVariable} is not set: set it to a postgres:// URL on this machine to run the PostgreSQL tests`;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `url` if it names a PostgreSQL server on this machine; throws otherwise, as the tests create and drop schemas
 * and must never reach a server that holds anything else.
 */
export function loopbackPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${postgresUrlVariable} is not a URL`);
  }
  const isPostgres = parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:';
  // node-postgres lets `?host=` and `?hostaddr=` override the host of the URL.
  const isLoopback =
    loopbackHosts.has(parsed.hostname) &&
    !parsed.searchParams.has('host') &&
    !parsed.searchParams.has('hostaddr');
  if (!isPostgres || !isLoopback) {
    throw new Error(`${postgresUrlVariable} must be a postgres:// URL on 127.0.0.1, localhost or [::1]`);
  }
  return url;
}

/** PostgreSQL at `url`: each database is a new schema of its own, which the store finds through `search_path`. */
export function postgresBackend(url: string): Backend {
  const serverUrl = loopbackPostgresUrl(url);
  // One connection for creating, reading and dropping the schemas; it lets the test process exit when idle.
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1, allowExitOnIdle: true });
  admin.on('error', () => {});
  const backend: Backend = {
    name: 'PostgreSQL',
    async makeDatabase() {
      const schema = `natter_test_${process.pid}_${randomBytes(6).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      const location = new URL(serverUrl);
      location.searchParams.set('options', `-c search_path=${schema}`);
      return {
        location: location.href,
        open: () => openPostgresStore(location.href),
        async appliedMigrations() {
          const { rows } = await admin.query<{ name: string }>(
            `select name from ${schema}.natter_migrations order by name`,
          );
          return rows.map((row) => row.name);
        },
        async cleanup() {
          await admin.query(`drop schema if exists ${schema} cascade`);
        },
      };
    },
    makeStore: () => storeOn(backend.makeDatabase),
  };
  return backend;
}

/** The PostgreSQL backend when `NATTER_TEST_POSTGRES_URL` is set (to a loopback URL), else `undefined`. */
export function postgresBackendFromEnvironment(): Backend | undefined {
  const url = process.env[postgresUrlVariable];
  return url ? postgresBackend(url) : undefined;
}

/** Every backend the tests can use here: SQLite always, PostgreSQL when `NATTER_TEST_POSTGRES_URL` is set. */
export function backends(): Backend[] {
  const postgres = postgresBackendFromEnvironment();
  return postgres ? [sqliteBackend, postgres] : [sqliteBackend];
}
