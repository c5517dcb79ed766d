import { sql, type Kysely, type Migration } from 'kysely';

// Released migrations are never edited: a change to the schema is a new file.

/**
 * Reply notifications to guests (docs/notifications.md): `reply_subscriptions`, one per comment whose author asked
 * to hear of replies, and `reply_send_slots`, the sending slots that hold each address to so many messages an hour.
 */
export function replySubscriptions(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reply_subscriptions')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        // An author's own deletion removes the comment, and its subscription with it.
        .addColumn('comment_id', 'varchar(64)', (column) =>
          column.notNull().unique().references('comments.id').onDelete('cascade'),
        )
        .addColumn('address_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('sealed_address', 'varchar(1024)', (column) => column.notNull())
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('confirmed_at', 'varchar(24)')
        .execute();
      await sql`create index reply_subscriptions_by_address on reply_subscriptions (address_hash)`.execute(
        db,
      );
      // Confirmation links expire: the unconfirmed are deleted after a while, oldest first.
      await sql`create index reply_subscriptions_unconfirmed on reply_subscriptions (created_at) where confirmed_at is null`.execute(
        db,
      );
      await db.schema
        .createTable('reply_send_slots')
        .addColumn('address_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('slot', 'integer', (column) => column.notNull())
        .addColumn('used_at', 'varchar(24)', (column) => column.notNull())
        .addPrimaryKeyConstraint('reply_send_slots_key', ['address_hash', 'slot'])
        .execute();
      await sql`create index reply_send_slots_used on reply_send_slots (used_at)`.execute(db);
    },
  };
}
