import { sql, type Kysely } from 'kysely';
import { toStoredComment } from './kysely-rows.js';
import type { PublishedComments, PublishedPosition } from './published.js';
import type { Database } from './schema.js';
import type { StoredComment } from './store.js';

/**
 * Listed comments by publication (live streams) and by age (feeds), for both dialects. A comment a moderator
 * published counts from that moment (`moderated_at`); one published when posted, from `created_at`. Both are
 * ISO 8601 strings of one width, so they compare as text.
 */
export class KyselyPublished implements PublishedComments {
  constructor(private readonly db: Kysely<Database>) {}

  async since({
    thread,
    after,
    limit,
  }: {
    thread: string;
    after: PublishedPosition;
    limit: number;
  }): Promise<StoredComment[]> {
    const publishedAt = sql<string>`coalesce(moderated_at, created_at)`;
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('thread_key', '=', thread)
      .where('listed', '=', 1)
      .where('status', '=', 'published')
      // A placeholder (deleted, kept for its replies) is nothing new to show.
      .where('deleted', '=', 0)
      .where((eb) =>
        eb.or([
          eb(publishedAt, '>', after.publishedAt),
          eb.and([eb(publishedAt, '=', after.publishedAt), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy(publishedAt, 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toStoredComment);
  }

  async newest({ thread, limit }: { thread?: string; limit: number }): Promise<StoredComment[]> {
    let query = this.db
      .selectFrom('comments')
      .selectAll()
      .where('listed', '=', 1)
      .where('status', '=', 'published')
      // A placeholder (deleted, kept for its replies) is nothing new to show.
      .where('deleted', '=', 0);
    if (thread !== undefined) query = query.where('thread_key', '=', thread);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toStoredComment);
  }
}
