import type { CommentStore } from './store.js';

/** Whether `database` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** Opens the store `database` names: a `postgres://` URL, or else a SQLite file path. */
export async function openStore(database: string): Promise<CommentStore> {
  if (isPostgresUrl(database)) {
    const { openPostgresStore } = await import('./postgres/open-postgres.js');
    return openPostgresStore(database);
  }
  const { openSqliteStore } = await import('./sqlite/open-sqlite.js');
  return openSqliteStore(database);
}
