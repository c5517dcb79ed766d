import type { Comment, EditComment, NewComment } from '../protocol/types.js';
import { call, commentUrl, type Connection, type RequestOptions } from './connection.js';
import { badResponse } from './request.js';
import { isEditCommentResponse, isPostCommentResponse } from './shape.js';

// The calls about one comment: posting it, reading it, and its author's edit and deletion. A module of their
// own, so that the widget's first paint, which only lists, does not carry them.

/** A comment the server accepted. */
export interface PostedComment {
  comment: Comment;
  /** Authorises `editComment` and `deleteComment` for this comment; the server never shows it again. */
  secret: string;
  /** ISO 8601 UTC instant after which the secret no longer edits or deletes. */
  editableUntil: string;
  /** Whether the comment waits for moderation (HTTP 202) instead of being published (HTTP 201). */
  isPending: boolean;
}

/**
 * One comment: a listed one, or, with its `secret`, one the listing leaves out (held for moderation), however
 * long ago its edit window closed. A comment that is not listed, asked for without its secret, is `not_found`.
 */
export async function getComment(
  connection: Connection,
  id: string,
  { secret, ...requestOptions }: RequestOptions & { secret?: string } = {},
): Promise<Comment> {
  const url = commentUrl(connection.api, id);
  const { status, body } = await call(connection, 'GET', url, requestOptions, { secret });
  if (!isEditCommentResponse(body)) throw badResponse(status, 'The comment is malformed');
  return body.comment;
}

/** Posts a new comment or reply. */
export async function postComment(
  connection: Connection,
  { thread, parent, name, email, url, text }: NewComment,
  requestOptions?: RequestOptions,
): Promise<PostedComment> {
  // Only the protocol's fields travel, whatever else the caller's object holds.
  const content = { body: { thread, parent, name, email, url, text } };
  const { status, body } = await call(
    connection,
    'POST',
    new URL('comments', connection.api),
    requestOptions,
    content,
  );
  if (!isPostCommentResponse(body)) throw badResponse(status, 'The posted comment is malformed');
  const { comment, secret, editableUntil } = body;
  return { comment, secret, editableUntil, isPending: comment.status === 'pending' };
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

/** Deletes a comment, authorised by the secret its posting returned. */
export async function deleteComment(
  connection: Connection,
  id: string,
  secret: string,
  requestOptions?: RequestOptions,
): Promise<void> {
  await call(connection, 'DELETE', commentUrl(connection.api, id), requestOptions, { secret });
}
