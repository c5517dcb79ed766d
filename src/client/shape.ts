import { isCommentId } from '../protocol/ids.js';
import type { Comment, ListCommentsResponse, ServerLimits, ThreadInfo } from '../protocol/types.js';

// Sanity checks of the server's answers: enough that a broken server is reported as `bad_response` at once
// instead of surfacing as a TypeError deep inside a UI. Unknown members are allowed (protocol v1 may grow). The
// answers about one comment are checked in comment-shape.ts, beside the calls that need them, out of the widget's
// first paint.

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is a string. */
export const isString = (value: unknown): value is string => typeof value === 'string';
/** Whether `value` is a string or `null`. */
export const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Whether `value` has the shape of a {@link Comment}. */
export function isComment(value: unknown): value is Comment {
  return (
    isRecord(value) &&
    isCommentId(value.id) &&
    isString(value.thread) &&
    (value.parent === null || isCommentId(value.parent)) &&
    isRecord(value.author) &&
    isString(value.author.name) &&
    isStringOrNull(value.author.url) &&
    isString(value.text) &&
    isString(value.createdAt) &&
    isStringOrNull(value.editedAt) &&
    (value.status === 'published' || value.status === 'pending')
  );
}

function isServerLimits(value: unknown): value is ServerLimits {
  return isRecord(value) && isCount(value.textLength) && value.textLength > 0;
}

function isThreadInfo(value: unknown): value is ThreadInfo {
  return (
    isRecord(value) &&
    isString(value.key) &&
    isCount(value.count) &&
    typeof value.locked === 'boolean' &&
    (value.policy === undefined || isString(value.policy)) &&
    (value.limits === undefined || isServerLimits(value.limits))
  );
}

/** Whether `value` has the shape of a `GET /api/v1/comments` answer. */
export function isListCommentsResponse(value: unknown): value is ListCommentsResponse {
  return (
    isRecord(value) &&
    isThreadInfo(value.thread) &&
    Array.isArray(value.comments) &&
    value.comments.every(isComment) &&
    isStringOrNull(value.next) &&
    (value.previous === undefined || isStringOrNull(value.previous))
  );
}

/** Reads the count of each requested thread from a `GET /api/v1/counts` answer; `undefined` if any is missing. */
export function readCounts(value: unknown, threads: readonly string[]): [string, number][] | undefined {
  if (!isRecord(value) || !isRecord(value.counts)) return undefined;
  const { counts } = value;
  // Own properties only: a thread may well be called `constructor` or `__proto__`.
  const entries = threads.map((thread): [string, unknown] => [
    thread,
    Object.hasOwn(counts, thread) ? counts[thread] : undefined,
  ]);
  return entries.every(([, count]) => isCount(count)) ? (entries as [string, number][]) : undefined;
}
