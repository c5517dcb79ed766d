import { CompiledQuery, type Insertable } from 'kysely';
import { CompiledOnce } from './compiled-once.js';
import type { CommentsTable } from './schema.js';

/** The savepoint each insert of a group runs in. */
export const savepoint = {
  begin: CompiledQuery.raw('savepoint natter_insert'),
  rollback: CompiledQuery.raw('rollback to natter_insert'),
  release: CompiledQuery.raw('release natter_insert'),
};

/** The queries of every post, compiled once per store (compiled-once.ts); the store builds the rest each time. */
export function postQueries() {
  return {
    thread: new CompiledOnce((db, { key }: { key: string }) =>
      db
        .selectFrom('threads')
        .select(['published_count', 'locked', 'moderation', 'reference_count'])
        .where('key', '=', key),
    ),
    addThread: new CompiledOnce((db, values: { key: string; created_at: string }) =>
      db
        .insertInto('threads')
        .values(values)
        .onConflict((conflict) => conflict.column('key').doNothing()),
    ),
    parent: new CompiledOnce((db, { id }: { id: string }) =>
      db
        .selectFrom('comments')
        .select(['root_key', 'path', 'thread_key', 'listed', 'deleted'])
        .where('id', '=', id),
    ),
    addComment: new CompiledOnce((db, row: Insertable<CommentsTable>) =>
      db.insertInto('comments').values(row),
    ),
    // An expired key's row not forgotten yet is taken over; a live one is left alone, and no row changes.
    keepPostKey: new CompiledOnce(
      (
        db,
        {
          now,
          ...kept
        }: { key_hash: string; comment_id: string; fingerprint: string; expires_at: string; now: string },
      ) =>
        db
          .insertInto('post_keys')
          .values(kept)
          .onConflict((conflict) =>
            conflict
              .column('key_hash')
              .doUpdateSet({
                comment_id: kept.comment_id,
                fingerprint: kept.fingerprint,
                expires_at: kept.expires_at,
              })
              .where('post_keys.expires_at', '<=', now),
          ),
    ),
    addToCount: new CompiledOnce((db, { thread, delta }: { thread: string; delta: number }) =>
      db
        .updateTable('threads')
        .set((eb) => ({ published_count: eb('published_count', '+', delta) }))
        .where('key', '=', thread),
    ),
    addToReplies: new CompiledOnce((db, { id, delta }: { id: string; delta: number }) =>
      db
        .updateTable('comments')
        .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
        .where('id', '=', id),
    ),
  };
}
