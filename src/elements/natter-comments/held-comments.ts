import { NatterHttpError, getComment, type Connection } from '../../client/index.js';
import type { Comment } from '../../protocol/types.js';
import {
  loadHeldComments,
  loadTrust,
  saveAuthored,
  saveHeldComment,
  saveTrust,
  type HeldComment,
} from './reader-storage.js';

/** Forgets a held comment, which stays the reader's own: never offered to them to report. */
function forgetHeld(endpoint: string, id: string): void {
  saveHeldComment(endpoint, id, undefined);
  saveAuthored(endpoint, id);
}

/**
 * Asks the server, by its secret, how one of the reader's held comments stands, and keeps what its answer brings:
 * the trust token of the comment's address once a moderator published it. Resolves with the comment while it still
 * waits, `undefined` otherwise. A held comment is forgotten once the server publishes it (it is public now, on its
 * page) or no longer knows it (404: deleted or turned down); a request that fails otherwise forgets nothing.
 */
async function readHeld(
  connection: Connection,
  endpoint: string,
  [id, { secret, email }]: [string, HeldComment],
  signal?: AbortSignal,
): Promise<Comment | undefined> {
  try {
    const { comment, trust } = await getComment(connection, id, { secret, signal });
    if (trust && email) saveTrust(endpoint, email, trust);
    if (comment.status === 'pending') return comment;
    forgetHeld(endpoint, id);
  } catch (error) {
    if (error instanceof NatterHttpError && error.code === 'not_found') forgetHeld(endpoint, id);
  }
  return undefined;
}

/**
 * The reader's comments on `thread` that a moderator still holds, as the server has them now, so that the
 * thread shows them in place, marked, after a reload, instead of letting them vanish until they are approved.
 * `listed` holds the ids of the comments the listing showed: those were approved, and are read once more only
 * when they may bring a trust token this browser lacks (see {@link readHeld}).
 */
export async function restoreHeldComments(
  connection: Connection,
  endpoint: string,
  thread: string,
  listed: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<Comment[]> {
  const held = [...loadHeldComments(endpoint)].filter(([, entry]) => entry.thread === thread);
  const found = await Promise.all(
    held.map(async (entry) => {
      const [id, { email }] = entry;
      if (!listed.has(id)) {
        const comment = await readHeld(connection, endpoint, entry, signal);
        return comment?.thread === thread ? comment : undefined;
      }
      if (email && !loadTrust(endpoint, email)) await readHeld(connection, endpoint, entry, signal);
      else forgetHeld(endpoint, id);
      return undefined;
    }),
  );
  return found.filter((comment) => comment !== undefined);
}

/** How many of the reader's held comments with one address are asked about before posting: the newest. */
const trustLookups = 3;

/**
 * The trust token for `email`: the one kept, or, when there is none, one that a held comment with that address
 * brings now that a moderator approved it (a reader who keeps the page open meanwhile is published at once too);
 * `undefined` when the address has none yet.
 */
export async function trustFor(
  connection: Connection,
  endpoint: string,
  email: string,
): Promise<string | undefined> {
  const kept = loadTrust(endpoint, email);
  if (kept) return kept;
  const address = email.trim().toLowerCase();
  const held = [...loadHeldComments(endpoint)]
    .filter(([, entry]) => entry.email?.trim().toLowerCase() === address)
    .sort(([, a], [, b]) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, trustLookups);
  await Promise.all(held.map((entry) => readHeld(connection, endpoint, entry)));
  return loadTrust(endpoint, email);
}
