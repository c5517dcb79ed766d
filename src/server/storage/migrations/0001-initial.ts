import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

// Released migrations are never edited: a change to the schema is a new file.

/** Threads and comments, with the indexes that keep a page of a thread and the counts call cheap. */
export function initial(dialect: Dialect): Migration {
  // Order keys must compare byte by byte; PostgreSQL's default collation would skip punctuation.
  const binary = dialect === 'postgres' ? sql`collate "C"` : sql``;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('threads')
        .addColumn('key', 'varchar(500)', (column) => column.primaryKey())
        .addColumn('published_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('locked', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('comments')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('thread_key', 'varchar(500)', (column) => column.notNull().references('threads.key'))
        .addColumn('parent_id', 'varchar(64)', (column) => column.references('comments.id'))
        .addColumn('root_key', 'varchar(100)', (column) => column.notNull().modifyEnd(binary))
        .addColumn('path', 'text', (column) => column.notNull().modifyEnd(binary))
        .addColumn('author_name', 'varchar(200)', (column) => column.notNull())
        .addColumn('author_email', 'varchar(300)')
        .addColumn('author_url', 'varchar(600)')
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('status', 'varchar(16)', (column) => column.notNull())
        .addColumn('created_at', 'varchar(24)', (column) => column.notNull())
        .addColumn('edited_at', 'varchar(24)')
        .addColumn('secret_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('editable_until', 'varchar(24)', (column) => column.notNull())
        .execute();

      // A page of a thread in either order is a scan of this index. PostgreSQL leaves `path` out: an index
      // entry must fit in 2704 bytes and a path grows by 41 a level, so a reply some 110 levels deep (fewer under
      // a long thread key) could not be stored. It sorts the replies of each top-level comment instead.
      await db.schema
        .createIndex('comments_thread_order')
        .on('comments')
        .columns(['thread_key', 'status', 'root_key', ...(dialect === 'postgres' ? [] : ['path'])])
        .execute();
      await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
      await db.schema.createIndex('comments_author_email').on('comments').column('author_email').execute();
    },
  };
}
