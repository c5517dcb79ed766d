import { sql, type Kysely, type Migration } from 'kysely';
// Released migrations are never edited: a change to the schema is a new file.

/** thread-order.ts's `maxStoredDepth` when this migration was written; stated here so that it never changes. */
const maxStoredDepth = 10;

/**
 * Adds `listed` (a comment is public when it and every comment above it are published) and bounds stored order
 * paths at `maxStoredDepth` keys: rows stored deeper are moved to that depth as thread-order.ts's `childPath`
 * stores them now. The thread-order index reads `listed`; on PostgreSQL it now holds `path` too, which its index
 * entry limit of 2704 bytes allowed only once paths were bounded (10 keys of 41 bytes), and compares it byte by
 * byte as the column does (0001 declared it `collate "C"`).
 */
export function listedAndBoundedPaths(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('comments')
        .addColumn('listed', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      // Until now only published comments could have replies, so a published comment had only published ancestors.
      await sql`update comments set listed = case when status = 'published' then 1 else 0 end`.execute(db);

      // A stored path of more than `maxStoredDepth` keys has more than that many slashes less one.
      const tooDeep = await sql<{ id: string; path: string }>`
        select id, path from comments
        where length(path) - length(replace(path, '/', '')) >= ${sql.lit(maxStoredDepth)}
      `.execute(db);
      for (const { id, path } of tooDeep.rows) {
        const keys = path.split('/');
        const bounded = [...keys.slice(0, maxStoredDepth - 1), keys.at(-1)].join('/');
        await sql`update comments set path = ${bounded} where id = ${id}`.execute(db);
      }

      await db.schema.dropIndex('comments_thread_order').execute();
      await db.schema
        .createIndex('comments_thread_order')
        .on('comments')
        .columns(['thread_key', 'listed', 'root_key', 'path'])
        .execute();
      // First-time moderation compares e-mail addresses case-insensitively (they are ASCII by the protocol's rules).
      await db.schema.dropIndex('comments_author_email').execute();
      await db.schema
        .createIndex('comments_author_email')
        .on('comments')
        .expression(sql`lower(author_email)`)
        .execute();
    },
  };
}
