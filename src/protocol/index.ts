export * from './types.js';
export { limits } from './limits.js';
export { errorStatus } from './errors.js';
export { isCommentId } from './ids.js';
