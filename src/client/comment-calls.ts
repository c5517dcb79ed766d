import type {
  Comment,
  EditComment,
  FormTokenResponse,
  NewComment,
  ReportComment,
  ReportReason,
} from '../protocol/types.js';
import { call, commentUrl, withQuery, type Connection, type RequestOptions } from './connection.js';
import { badResponse } from './request.js';
import {
  isEditCommentResponse,
  isFormTokenResponse,
  isGetCommentResponse,
  isLikeResponse,
  isPostCommentResponse,
} from './comment-shape.js';

// The calls about one comment: the form token that goes with posting it, posting it, reading it, its author's
// edit and deletion, a reader's report and like. A module of their own, so that the widget's first paint, which only
// lists, does not carry them.

/** A comment the server accepted. */
export interface PostedComment {
  comment: Comment;
  /** Authorises `editComment` and `deleteComment` for this comment; the server never shows it again. */
  secret: string;
  /** ISO 8601 UTC instant after which the secret no longer edits or deletes. */
  editableUntil: string;
  /** Whether the comment waits for moderation (HTTP 202) instead of being published (HTTP 201). */
  isPending: boolean;
  /**
   * When the comment was published and gave an e-mail address: the trust token that lets later comments with that
   * address skip first-time moderation. Send it as `NewComment.trust`.
   */
  trust?: string;
}

/** A comment read by its id; for its author (by the secret), once it is published, the trust token too. */
export interface ReadComment {
  comment: Comment;
  /** As {@link PostedComment.trust}: given to the author of a published comment that gave an e-mail address. */
  trust?: string;
}

/** Every reason to report a comment (`ReportReason`), in the order a form offers them. */
export const reportReasons: readonly ReportReason[] = ['spam', 'abuse', 'off_topic'];

/**
 * A form token for posting to `thread`, with how old it must be when the post arrives (`minimumAgeMs`, when the
 * server says). Sent with the post as `NewComment.formToken`, it tells the server that a form was loaded before
 * the comment came. The server refuses one younger than that (too fast for a person) or a day old (stale); its
 * comments are then treated as spam, or held.
 */
export async function requestFormToken(
  connection: Connection,
  thread: string,
  requestOptions?: RequestOptions,
): Promise<FormTokenResponse> {
  const url = withQuery(new URL('form-token', connection.api), [['thread', thread]]);
  const { status, body } = await call(connection, 'GET', url, requestOptions);
  if (!isFormTokenResponse(body)) throw badResponse(status, 'The form token is malformed');
  return body;
}

/** The token of `requestFormToken`'s answer alone. */
export async function getFormToken(
  connection: Connection,
  thread: string,
  requestOptions?: RequestOptions,
): Promise<string> {
  return (await requestFormToken(connection, thread, requestOptions)).formToken;
}

/**
 * One comment: a listed one, or, with its `secret`, one the listing leaves out (held for moderation), however
 * long ago its edit window closed. A comment that is not listed, asked for without its secret, is `not_found`.
 */
export async function getComment(
  connection: Connection,
  id: string,
  { secret, ...requestOptions }: RequestOptions & { secret?: string } = {},
): Promise<ReadComment> {
  const url = commentUrl(connection.api, id);
  const { status, body } = await call(connection, 'GET', url, requestOptions, { secret });
  if (!isGetCommentResponse(body)) throw badResponse(status, 'The comment is malformed');
  return { comment: body.comment, ...(body.trust !== undefined && { trust: body.trust }) };
}

/**
 * Posts a new comment or reply; with `formToken`, `honeypot` and `trust` when given (the server's spam defences
 * and first-time moderation read them), `notify` (reply notifications, when the thread offers them), and
 * `idempotencyKey` (see {@link newIdempotencyKey}), which makes sending the same post again safe.
 */
export async function postComment(
  connection: Connection,
  { thread, parent, name, email, url, text, formToken, honeypot, trust, notify, idempotencyKey }: NewComment,
  requestOptions?: RequestOptions,
): Promise<PostedComment> {
  // Only the protocol's fields travel, whatever else the caller's object holds.
  const content = {
    body: { thread, parent, name, email, url, text, formToken, honeypot, trust, notify, idempotencyKey },
  };
  const { status, body } = await call(
    connection,
    'POST',
    new URL('comments', connection.api),
    requestOptions,
    content,
  );
  if (!isPostCommentResponse(body)) throw badResponse(status, 'The posted comment is malformed');
  const isPending = body.comment.status === 'pending';
  const posted: PostedComment = {
    comment: body.comment,
    secret: body.secret,
    editableUntil: body.editableUntil,
    isPending,
  };
  if (body.trust !== undefined) posted.trust = body.trust;
  return posted;
}

/** Replaces a comment's text, authorised by the secret its posting returned; resolves with the new comment. */
export async function editComment(
  connection: Connection,
  id: string,
  text: string,
  secret: string,
  requestOptions?: RequestOptions,
): Promise<Comment> {
  const edit: EditComment = { text };
  const { status, body } = await call(connection, 'PATCH', commentUrl(connection.api, id), requestOptions, {
    body: edit,
    secret,
  });
  if (!isEditCommentResponse(body)) throw badResponse(status, 'The edited comment is malformed');
  return body.comment;
}

/**
 * Deletes a comment, authorised by the secret its posting returned. Resolves with the placeholder the comment
 * leaves when replies answer it (`deleted: true`), when the server sends one back; otherwise with `undefined`.
 */
export async function deleteComment(
  connection: Connection,
  id: string,
  secret: string,
  requestOptions?: RequestOptions,
): Promise<Comment | undefined> {
  const { body } = await call(connection, 'DELETE', commentUrl(connection.api, id), requestOptions, {
    secret,
  });
  return isEditCommentResponse(body) ? body.comment : undefined;
}

/**
 * Reports a listed comment to the site's moderators, for `reason`. A comment that is not listed (or no longer) is
 * `not_found`; a server may limit how often one reader reports (`rate_limited`).
 */
export async function reportComment(
  connection: Connection,
  id: string,
  reason: ReportReason,
  requestOptions?: RequestOptions,
): Promise<void> {
  const comment = commentUrl(connection.api, id);
  const url = new URL(`${comment.pathname}/reports`, comment);
  const report: ReportComment = { reason };
  await call(connection, 'POST', url, requestOptions, { body: report });
}

/**
 * Likes a listed comment, or with `isLiked` false takes a like back (additive to v1: `POST` and `DELETE
 * /api/v1/comments/{id}/likes`); resolves with the comment's count of likes after the change. The server counts
 * likes without knowing who gave them: remembering that this reader liked a comment is the client's task.
 */
export async function likeComment(
  connection: Connection,
  id: string,
  isLiked = true,
  requestOptions?: RequestOptions,
): Promise<number> {
  const comment = commentUrl(connection.api, id);
  const url = new URL(`${comment.pathname}/likes`, comment);
  const { status, body } = await call(connection, isLiked ? 'POST' : 'DELETE', url, requestOptions);
  if (!isLikeResponse(body)) throw badResponse(status, 'The count of likes is malformed');
  return body.likes;
}

/**
 * A new idempotency key for one post (docs/protocol.md#idempotency-keys): 128 bits from the platform's secure
 * generator, base64url. Send it with every attempt at the same comment, and a new one with the next comment.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
