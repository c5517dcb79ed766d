import {
  deleteComment,
  editComment,
  getComment,
  getFormToken,
  likeComment,
  postComment,
  reportComment,
  type PostedComment,
  type ReadComment,
} from './comment-calls.js';
import { connect, type ClientOptions, type RequestOptions } from './connection.js';
import { getMentionStatus, listReferences, sendWebmention, type SentMention } from './reference-calls.js';
import { getCounts, listComments, type ListCommentsQuery } from './thread-calls.js';
import type {
  Comment,
  ListCommentsResponse,
  MentionStatusResponse,
  NewComment,
  Reference,
  ReportReason,
} from '../protocol/types.js';

/** A typed client of natter's protocol v1 (docs/protocol.md). Every failure is a `NatterHttpError`. */
export interface NatterClient {
  /** One page of a thread's published comments, with what the server says about the thread. */
  listComments(query: ListCommentsQuery, options?: RequestOptions): Promise<ListCommentsResponse>;
  /**
   * One comment: a listed one, or, with its `secret`, one the listing leaves out (held for moderation), however
   * long ago its edit window closed. A comment that is not listed, asked for without its secret, is `not_found`.
   * Its author gets the trust token of a published comment that gave an e-mail address.
   */
  getComment(id: string, options?: RequestOptions & { secret?: string }): Promise<ReadComment>;
  /** A form token for posting to `thread`, to send as `NewComment.formToken`. */
  getFormToken(thread: string, options?: RequestOptions): Promise<string>;
  /** Posts a new comment or reply (with its form token, honeypot and trust token when given). */
  postComment(comment: NewComment, options?: RequestOptions): Promise<PostedComment>;
  /** Replaces a comment's text, authorised by the secret its posting returned; resolves with the new comment. */
  editComment(id: string, text: string, secret: string, options?: RequestOptions): Promise<Comment>;
  /** Deletes a comment, authorised by the secret its posting returned. */
  deleteComment(id: string, secret: string, options?: RequestOptions): Promise<Comment | undefined>;
  /** Reports a listed comment to the site's moderators. */
  reportComment(id: string, reason: ReportReason, options?: RequestOptions): Promise<void>;
  /** Likes a listed comment (or, `isLiked` false, takes the like back); resolves with its count of likes. */
  likeComment(id: string, isLiked?: boolean, options?: RequestOptions): Promise<number>;
  /**
   * Published comments per thread, keyed by the given thread keys. Asks in as many requests as the
   * protocol's limits require, and not at all for an empty list.
   */
  getCounts(threads: Iterable<string>, options?: RequestOptions): Promise<Record<string, number>>;
  /** A thread's published references (responses on other websites), oldest first. */
  listReferences(thread: string, options?: RequestOptions): Promise<Reference[]>;
  /**
   * Sends a Webmention to `endpoint` (a thread's `ThreadInfo.webmention`): `source` links to `target`. Resolves once
   * the server has queued it, with the URL its status is read from.
   */
  sendWebmention(
    endpoint: string | URL,
    mention: { source: string; target: string },
    options?: RequestOptions,
  ): Promise<SentMention>;
  /** How a Webmention stands, read from the status URL that sending it gave. */
  getMentionStatus(statusUrl: string | URL, options?: RequestOptions): Promise<MentionStatusResponse>;
}

/**
 * Creates a client for the natter server at `options.endpoint`: every call of the protocol as one object.
 * Throws a `TypeError` at once if the endpoint is not an absolute http or https URL.
 */
export function createClient(options: ClientOptions): NatterClient {
  const connection = connect(options);
  return {
    listComments: (query, requestOptions) => listComments(connection, query, requestOptions),
    getComment: (id, requestOptions) => getComment(connection, id, requestOptions),
    getFormToken: (thread, requestOptions) => getFormToken(connection, thread, requestOptions),
    postComment: (comment, requestOptions) => postComment(connection, comment, requestOptions),
    editComment: (id, text, secret, requestOptions) =>
      editComment(connection, id, text, secret, requestOptions),
    deleteComment: (id, secret, requestOptions) => deleteComment(connection, id, secret, requestOptions),
    reportComment: (id, reason, requestOptions) => reportComment(connection, id, reason, requestOptions),
    likeComment: (id, isLiked, requestOptions) => likeComment(connection, id, isLiked, requestOptions),
    getCounts: (threads, requestOptions) => getCounts(connection, threads, requestOptions),
    listReferences: (thread, requestOptions) => listReferences(connection, thread, requestOptions),
    sendWebmention: (endpoint, mention, requestOptions) =>
      sendWebmention(connection, endpoint, mention, requestOptions),
    getMentionStatus: (statusUrl, requestOptions) => getMentionStatus(connection, statusUrl, requestOptions),
  };
}
