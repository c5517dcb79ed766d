import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './dialect.js';
import { initial } from './migrations/0001-initial.js';
import { listedAndBoundedPaths } from './migrations/0002-listed-and-bounded-paths.js';
import { moderation } from './migrations/0003-moderation.js';
import { conversations } from './migrations/0004-conversations.js';
import { mentions } from './migrations/0005-mentions.js';
import { replySubscriptions } from './migrations/0006-reply-subscriptions.js';
import { postKeys } from './migrations/0007-post-keys.js';
import { topLevelIndexOnly } from './migrations/0008-top-level-index-only.js';

/** Where Kysely's migrator records the migrations applied, one row each. */
const migrationTable = 'natter_migrations';

/** Every migration, in order; names sort in the order they apply. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-listed-and-bounded-paths': listedAndBoundedPaths(),
    '0003-moderation': moderation(),
    '0004-conversations': conversations(),
    '0005-mentions': mentions(),
    '0006-reply-subscriptions': replySubscriptions(),
    '0007-post-keys': postKeys(),
    '0008-top-level-index-only': topLevelIndexOnly(),
  };
}

/**
 * Whether the newest migration recorded (in `schema`, on PostgreSQL) is the newest there is: then a start reads one
 * row, where Kysely's migrator would read the whole schema (every table and column) to find its own tables, and then
 * every migration applied. No table yet (a fresh database), or any other failure, says no, and the migrator then
 * does its checks.
 */
async function isUpToDate(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<boolean> {
  const table = schema === undefined ? sql.id(migrationTable) : sql.id(schema, migrationTable);
  try {
    const { rows } = await sql<{ name: string | null }>`select max(name) as name from ${table}`.execute(db);
    return rows[0]?.name === Object.keys(migrations(dialect)).at(-1);
  } catch {
    return false;
  }
}

/** The PostgreSQL schema that unqualified names resolve to: the first existing one of the `search_path`. */
async function currentSchema(db: Kysely<unknown>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

/**
 * Brings the schema to the latest version, applying each migration exactly once even when two instances start
 * at once: on PostgreSQL Kysely's migrator takes an advisory lock; on SQLite, where it locks nothing, the caller
 * must hold the database's write lock.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // Unless told a schema, Kysely looks for its tables in every schema of the database: a natter in a schema of its
  // own would find another schema's tables, skip creating its own and fail to start.
  const schema = dialect === 'postgres' ? await currentSchema(db) : undefined;
  if (await isUpToDate(db, dialect, schema)) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    migrationTableName: migrationTable,
    migrationLockTableName: 'natter_migrations_lock',
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not migrate the database: ${why}`, { cause: error });
  }
}
