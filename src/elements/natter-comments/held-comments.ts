import { NatterHttpError, getComment, type Connection } from '../../client/index.js';
import type { Comment } from '../../protocol/types.js';
import { loadHeldComments, saveHeldComment } from './reader-storage.js';

/**
 * The reader's comments on `thread` that a moderator still holds, as the server has them now, so that the
 * thread shows them in place, marked, after a reload, instead of letting them vanish until they are approved.
 * `listed` holds the ids of the comments the listing showed. A held comment is forgotten once the server lists
 * or publishes it (it is public now, on its page) or no longer knows it (404: deleted or turned down); a request
 * that fails otherwise forgets nothing, and is asked again on the next load.
 */
export async function restoreHeldComments(
  connection: Connection,
  endpoint: string,
  thread: string,
  listed: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<Comment[]> {
  const forget = (id: string) => saveHeldComment(endpoint, id, undefined);
  const held = [...loadHeldComments(endpoint)].filter(([, entry]) => entry.thread === thread);
  const found = await Promise.all(
    held.map(async ([id, { secret }]) => {
      if (listed.has(id)) return forget(id);
      try {
        const { comment } = await getComment(connection, id, { secret, signal });
        if (comment.status === 'pending' && comment.thread === thread) return comment;
        forget(id);
      } catch (error) {
        if (error instanceof NatterHttpError && error.code === 'not_found') forget(id);
      }
      return undefined;
    }),
  );
  return found.filter((comment) => comment !== undefined);
}
