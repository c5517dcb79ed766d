import { Kysely } from 'kysely';
import pg from 'pg';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector.js';
import { classifyPostgresError } from './driver-errors.js';

/** Connects to the PostgreSQL database at `url` (`postgres://…`), migrated to the latest schema. */
export async function openPostgresStore(url: string, { maxConnections = 10 } = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, { dialect: 'postgres', classify: classifyPostgresError, locksRows: true });
}
