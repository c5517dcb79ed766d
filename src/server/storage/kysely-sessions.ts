import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SessionStore, StoredSession } from './sessions.js';

/** Moderators' sessions in the `admin_sessions` table. */
export class KyselySessions implements SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: StoredSession): Promise<void> {
    await this.db
      .insertInto('admin_sessions')
      .values({
        id_hash: session.idHash,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async find(idHash: string, now: string): Promise<StoredSession | undefined> {
    const row = await this.db
      .selectFrom('admin_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        idHash: row.id_hash,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async extend(idHash: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('admin_sessions')
      .set({ expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async remove(idHash: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
  }

  async removeExpired(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('admin_sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeAll(): Promise<void> {
    await this.db.deleteFrom('admin_sessions').execute();
  }
}
