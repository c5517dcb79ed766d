import { Kysely } from 'kysely';
import pg from 'pg';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector.js';
import { classifyPostgresError } from './driver-errors.js';
import { preparingPool } from './prepared-statements.js';

/** Connects to the PostgreSQL database at `url` (`postgres://…`), migrated to the latest schema. */
export async function openPostgresStore(url: string, { maxConnections = 10 } = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // A client that loses its connection must not crash the process. The pool listens to its idle clients, and
  // replaces one that fails; a client it has lent out (to a transaction between two statements, say) has nobody
  // listening, and PostgreSQL ends every session when it shuts down or restarts. The call using it fails with the
  // lost connection (StoreUnavailableError), and the pool drops the client when it comes back.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({ pool: preparingPool(pool) }),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, { dialect: 'postgres', classify: classifyPostgresError, locksRows: true });
}
