import { sql, type Kysely, type Migration } from 'kysely';

// Released migrations are never edited: a change to the schema is a new file.

/**
 * Conversations: `deleted` (1 for an author's deleted comment kept as a placeholder because listed replies answer
 * it), `likes`, and `reply_count` (on a top-level comment: the listed replies of its conversation at every depth,
 * placeholders not counted), with the partial indexes that page a thread's top-level comments by time, by likes and
 * by replies without reading their replies. Existing top-level comments get their reply counts computed once.
 */
export function conversations(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const column of ['deleted', 'likes', 'reply_count']) {
        await db.schema
          .alterTable('comments')
          .addColumn(column, 'integer', (definition) => definition.notNull().defaultTo(0))
          .execute();
      }
      await sql`
        update comments set reply_count = (
          select count(*) from comments replies
          where replies.root_key = comments.root_key and replies.thread_key = comments.thread_key
            and replies.parent_id is not null and replies.listed = 1
        )
        where parent_id is null
      `.execute(db);
      // Written out: Kysely's index builder knows neither a descending column nor a partial index on both dialects.
      await sql`
        create index comments_top_level on comments (thread_key, listed, root_key) where parent_id is null
      `.execute(db);
      await sql`
        create index comments_top_liked on comments (thread_key, listed, likes desc, root_key)
        where parent_id is null
      `.execute(db);
      await sql`
        create index comments_top_replied on comments (thread_key, listed, reply_count desc, root_key)
        where parent_id is null
      `.execute(db);
    },
  };
}
