/**
 * natter's protocol client (`natter/client`): typed calls to a natter server, the one error they throw, and
 * the input rules the widget and the server share. Knows no DOM; runs in browsers and Node 20+ alike.
 */
export {
  connect,
  createClient,
  defaultTimeout,
  deleteComment,
  editComment,
  getCounts,
  listComments,
  postComment,
  type ClientOptions,
  type Connection,
  type ListCommentsQuery,
  type NatterClient,
  type PostedComment,
  type RequestOptions,
} from './client.js';
export { NatterHttpError, type NatterErrorCode, type NatterHttpErrorInit } from './http-error.js';
export * from '../protocol/index.js';
