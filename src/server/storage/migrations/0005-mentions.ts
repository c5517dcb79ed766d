import { sql, type Kysely, type Migration } from 'kysely';

// Released migrations are never edited: a change to the schema is a new file.

/**
 * References: the `mentions` table (received Webmentions and Pingbacks, their verification queue and the references
 * they became) and each thread's count of published references.
 */
export function mentions(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('threads')
        .addColumn('reference_count', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('mentions')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('pair_hash', 'varchar(64)', (column) => column.notNull().unique())
        .addColumn('source', 'varchar(2048)', (column) => column.notNull())
        .addColumn('target', 'varchar(2048)', (column) => column.notNull())
        .addColumn('thread_key', 'varchar(500)', (column) => column.notNull())
        .addColumn('via', 'varchar(16)', (column) => column.notNull())
        .addColumn('state', 'varchar(16)', (column) => column.notNull())
        .addColumn('status', 'varchar(16)')
        .addColumn('reason', 'varchar(500)')
        .addColumn('detail', 'varchar(1000)')
        .addColumn('source_host', 'varchar(255)', (column) => column.notNull())
        .addColumn('sender_ip', 'varchar(64)')
        .addColumn('listed', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('kind', 'varchar(16)')
        .addColumn('url', 'varchar(2048)')
        .addColumn('title', 'varchar(1000)')
        .addColumn('author_name', 'varchar(500)')
        .addColumn('author_url', 'varchar(2048)')
        .addColumn('author_photo', 'varchar(2048)')
        .addColumn('excerpt', 'varchar(2000)')
        .addColumn('published_at', 'varchar(24)')
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'varchar(24)')
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('updated_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('verified_at', 'varchar(24)')
        .addColumn('moderated_at', 'varchar(24)')
        .execute();
      // The thread's references, in the order pages show them; the queue, due first; the moderators' lists.
      await sql`create index mentions_listed on mentions (thread_key, listed, published_at, id)`.execute(db);
      await sql`create index mentions_due on mentions (next_attempt_at) where state = 'queued'`.execute(db);
      await sql`create index mentions_by_status on mentions (status, created_at)`.execute(db);
      await sql`create index mentions_by_host on mentions (source_host, state)`.execute(db);
    },
  };
}
