import type { Kysely, Migration } from 'kysely';

// Released migrations are never edited: a change to the schema is a new file.

/**
 * Moderation: statuses `spam` and `deleted` (no schema change: `status` is text), the reason for each status, the
 * author's address, report counts, a per-thread moderation mode, and the tables of reports, rules, settings,
 * admin sessions, notification deliveries and shared rate counts.
 */
export function moderation(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [column, type] of [
        ['reason', 'varchar(500)'],
        ['author_ip', 'varchar(64)'],
        ['moderated_at', 'varchar(24)'],
      ] as const) {
        await db.schema.alterTable('comments').addColumn(column, type).execute();
      }
      await db.schema
        .alterTable('comments')
        .addColumn('report_count', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('threads').addColumn('moderation', 'varchar(16)').execute();
      // The moderation queues: newest first within a status.
      await db.schema
        .createIndex('comments_status_created')
        .on('comments')
        .columns(['status', 'created_at'])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('comment_id', 'varchar(64)', (column) =>
          column.notNull().references('comments.id').onDelete('cascade'),
        )
        .addColumn('reason', 'varchar(16)', (column) => column.notNull())
        .addColumn('client_key', 'varchar(100)', (column) => column.notNull())
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addUniqueConstraint('reports_once_per_client', ['comment_id', 'client_key'])
        .execute();

      await db.schema
        .createTable('rules')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('kind', 'varchar(16)', (column) => column.notNull())
        .addColumn('pattern', 'varchar(500)', (column) => column.notNull())
        .addColumn('action', 'varchar(16)', (column) => column.notNull())
        .addColumn('note', 'varchar(500)')
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('admin_sessions')
        .addColumn('id_hash', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('csrf_token', 'varchar(64)', (column) => column.notNull())
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('expires_at', 'varchar(24)', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('channel', 'varchar(16)', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('last_error', 'varchar(1000)')
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('delivered_at', 'varchar(24)')
        .execute();
      await db.schema
        .createIndex('deliveries_due')
        .on('deliveries')
        .columns(['delivered_at', 'next_attempt_at'])
        .execute();

      await db.schema
        .createTable('rate_counts')
        .addColumn('key', 'varchar(600)', (column) => column.notNull())
        .addColumn('window', 'integer', (column) => column.notNull())
        .addColumn('count', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('rate_counts_key_window', ['key', 'window'])
        .execute();
    },
  };
}
