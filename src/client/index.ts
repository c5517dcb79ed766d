/**
 * natter's protocol client (`natter/client`): typed calls to a natter server, the one error they throw, and
 * the input rules the widget and the server share. Knows no DOM; runs in browsers and Node 20+ alike.
 */
export { createClient, type NatterClient } from './client.js';
export {
  deleteComment,
  editComment,
  getComment,
  getFormToken,
  likeComment,
  newIdempotencyKey,
  postComment,
  reportComment,
  reportReasons,
  requestFormToken,
  type PostedComment,
  type ReadComment,
} from './comment-calls.js';
export {
  connect,
  defaultTimeout,
  type ClientOptions,
  type Connection,
  type RequestOptions,
} from './connection.js';
export { getCounts, listComments, type ListCommentsQuery } from './thread-calls.js';
export { getMentionStatus, listReferences, sendWebmention, type SentMention } from './reference-calls.js';
export { NatterHttpError, type NatterErrorCode, type NatterHttpErrorInit } from './http-error.js';
export * from '../protocol/index.js';
