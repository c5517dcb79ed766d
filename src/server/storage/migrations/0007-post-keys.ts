import { sql, type Kysely, type Migration } from 'kysely';

// Released migrations are never edited: a change to the schema is a new file.

/**
 * Idempotency keys of posts (docs/protocol.md#idempotency-keys): `post_keys`, one row per post that carried a key,
 * kept for a day, so that the same post sent again after its answer was lost finds its comment instead of making a
 * second. Only a hash of each key is stored: the key derives its post's secret (post-keys.ts).
 */
export function postKeys(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('post_keys')
        .addColumn('key_hash', 'varchar(64)', (column) => column.primaryKey())
        // An author's own deletion removes the comment, and its key with it.
        .addColumn('comment_id', 'varchar(64)', (column) =>
          column.notNull().references('comments.id').onDelete('cascade'),
        )
        .addColumn('fingerprint', 'varchar(64)', (column) => column.notNull())
        .addColumn('expires_at', 'varchar(24)', (column) => column.notNull())
        .execute();
      // The deletion of a comment looks its key up by the comment, and expired keys are deleted oldest first.
      await sql`create index post_keys_by_comment on post_keys (comment_id)`.execute(db);
      await sql`create index post_keys_by_expiry on post_keys (expires_at)`.execute(db);
    },
  };
}
