/**
 * Protocol v1, shared by the widget, the client and the server: wire types, limits, error statuses and the input
 * rules both sides apply. Imports nothing from outside this folder, and neither the DOM nor Node.
 */
export * from './types.js';
export { limits } from './limits.js';
export { errorStatus } from './errors.js';
export { isCommentId, isIdempotencyKey } from './ids.js';
export { threadKeyOf } from './thread-key.js';
export {
  normalizeNewComment,
  normalizeText,
  parseAuthorUrl,
  textLengthLimit,
  threadKeyError,
  validateNewComment,
  validateText,
  type CommentField,
  type FieldError,
  type FieldErrorCode,
  type InputLimits,
} from './input-rules.js';
