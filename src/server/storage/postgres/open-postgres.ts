import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { classifyPostgresError } from './driver-errors.js';

/** PostgreSQL's `invalid_schema_name`. */
const invalidSchemaName = '3F000';
const migrationAttempts = 5;

/**
 * Whether a migration failed because another schema of the database was dropped while it ran: Kysely's migrator
 * reads every schema's tables (through `pg_get_serial_sequence`), which fails on one that goes away mid-query.
 * Migrating again is safe: each migration applies once, under the migrator's lock.
 */
function isRacedByADroppedSchema(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return (cause as { code?: unknown } | undefined)?.code === invalidSchemaName;
}

async function migrate(db: Kysely<Database>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db as Kysely<unknown>, 'postgres');
      return;
    } catch (error) {
      if (attempt === migrationAttempts || !isRacedByADroppedSchema(error)) throw error;
    }
  }
}

/** Connects to the PostgreSQL database at `url` (`postgres://…`), migrated to the latest schema. */
export async function openPostgresStore(url: string, { maxConnections = 10 } = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, { classify: classifyPostgresError, locksRows: true });
}
