import type { Kysely, Selectable } from 'kysely';
import type { CommentsTable, Database } from './schema.js';
import type {
  CommentStore,
  NewStoredComment,
  Page,
  PagePosition,
  PageQuery,
  StoredComment,
  StoredThread,
} from './store.js';

/** The order key of one comment: fixed-width timestamp and id, so keys compare correctly as bytes. */
function orderKey(createdAt: string, id: string): string {
  return `${createdAt}|${id}`;
}

function toStoredComment(row: Selectable<CommentsTable>): StoredComment {
  return {
    id: row.id,
    thread: row.thread_key,
    parent: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    secretHash: row.secret_hash,
    editableUntil: row.editable_until,
  };
}

/**
 * The store over Kysely, for both dialects: the SQL it builds is portable, and the dialect-specific parts
 * (connection, pragmas, collation) live in each backend's folder.
 */
export class KyselyStore implements CommentStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onClose: () => Promise<void> = () => db.destroy(),
  ) {}

  async getThread(key: string): Promise<StoredThread> {
    const row = await this.db
      .selectFrom('threads')
      .select(['published_count', 'locked'])
      .where('key', '=', key)
      .executeTakeFirst();
    return { key, publishedCount: row?.published_count ?? 0, isLocked: row?.locked === 1 };
  }

  async listPage({ thread, sort, limit, after }: PageQuery): Promise<Page> {
    const isOldest = sort === 'oldest';
    let query = this.db
      .selectFrom('comments')
      .selectAll()
      .where('thread_key', '=', thread)
      .where('status', '=', 'published');
    if (after) {
      const anchorPath = await this.#pathOf(after);
      // The first condition is implied by the second; it is there so the index bounds the scan, which would
      // otherwise start at the thread's first comment for every page.
      query = query
        .where('root_key', isOldest ? '>=' : '<=', after.rootKey)
        .where((eb) =>
          eb.or([
            eb('root_key', isOldest ? '>' : '<', after.rootKey),
            ...(anchorPath
              ? [eb.and([eb('root_key', '=', after.rootKey), eb('path', '>', anchorPath)])]
              : []),
          ]),
        );
    }
    const rows = await query
      .orderBy('root_key', isOldest ? 'asc' : 'desc')
      .orderBy('path', 'asc')
      .limit(limit + 1)
      .execute();
    const hasMore = rows.length > limit;
    const pageRows = hasMore ? rows.slice(0, limit) : rows;
    const last = pageRows.at(-1);
    return {
      comments: pageRows.map(toStoredComment),
      next:
        hasMore && last
          ? {
              rootKey: last.root_key,
              commentKey: orderKey(last.created_at, last.id),
              parentId: last.parent_id,
            }
          : undefined,
    };
  }

  /**
   * The order path of the comment a page position names: its parent's path and its own key (so it holds even
   * if that comment was deleted since), or `undefined` when the parent is gone too; the page then resumes at
   * the next top-level comment.
   */
  async #pathOf({ rootKey, commentKey, parentId }: PagePosition): Promise<string | undefined> {
    if (!parentId) return commentKey === rootKey ? commentKey : undefined;
    const parent = await this.db
      .selectFrom('comments')
      .select('path')
      .where('id', '=', parentId)
      .where('root_key', '=', rootKey)
      .executeTakeFirst();
    return parent && `${parent.path}/${commentKey}`;
  }

  async countPublished(threads: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(threads.map((thread) => [thread, 0]));
    if (threads.length === 0) return counts;
    const rows = await this.db
      .selectFrom('threads')
      .select(['key', 'published_count'])
      .where('key', 'in', threads)
      .execute();
    for (const row of rows) counts[row.key] = row.published_count;
    return counts;
  }

  async getComment(id: string): Promise<StoredComment | undefined> {
    const row = await this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStoredComment(row);
  }

  async insertComment(comment: NewStoredComment): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('threads')
        .values({ key: comment.thread, created_at: comment.createdAt })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .execute();
      const own = orderKey(comment.createdAt, comment.id);
      let rootKey = own;
      let path = own;
      if (comment.parent) {
        const parent = await trx
          .selectFrom('comments')
          .select(['root_key', 'path'])
          .where('id', '=', comment.parent)
          .executeTakeFirstOrThrow();
        rootKey = parent.root_key;
        path = `${parent.path}/${own}`;
      }
      await trx
        .insertInto('comments')
        .values({
          id: comment.id,
          thread_key: comment.thread,
          parent_id: comment.parent,
          root_key: rootKey,
          path,
          author_name: comment.authorName,
          author_email: comment.authorEmail,
          author_url: comment.authorUrl,
          text: comment.text,
          status: comment.status,
          created_at: comment.createdAt,
          edited_at: null,
          secret_hash: comment.secretHash,
          editable_until: comment.editableUntil,
        })
        .execute();
      if (comment.status === 'published') await this.#addToCount(trx, comment.thread, 1);
    });
  }

  async updateText(id: string, text: string, editedAt: string): Promise<StoredComment | undefined> {
    await this.db.updateTable('comments').set({ text, edited_at: editedAt }).where('id', '=', id).execute();
    return this.getComment(id);
  }

  async deleteComment(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const reply = await trx
        .selectFrom('comments')
        .select('id')
        .where('parent_id', '=', id)
        .executeTakeFirst();
      if (reply) return false;
      const deleted = await trx
        .deleteFrom('comments')
        .where('id', '=', id)
        .returning(['thread_key', 'status'])
        .executeTakeFirst();
      if (!deleted) return false;
      if (deleted.status === 'published') await this.#addToCount(trx, deleted.thread_key, -1);
      return true;
    });
  }

  async setThreadLocked(key: string, isLocked: boolean): Promise<void> {
    const locked = isLocked ? 1 : 0;
    await this.db
      .insertInto('threads')
      .values({ key, locked, created_at: new Date().toISOString() })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ locked }))
      .execute();
  }

  async hasPublishedByEmail(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', email)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row !== undefined;
  }

  async #addToCount(trx: Kysely<Database>, thread: string, delta: number): Promise<void> {
    await trx
      .updateTable('threads')
      .set((eb) => ({ published_count: eb('published_count', '+', delta) }))
      .where('key', '=', thread)
      .execute();
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
