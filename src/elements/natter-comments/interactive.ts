/**
 * What the widget needs once a reader acts rather than reads: the post form, and Edit and Delete on their own
 * comments, with their styles. One lazily loaded chunk, requested while the thread loads.
 */
export { CommentForm } from './comment-form.js';
export { OwnComments } from './own-comments.js';
export { interactiveStyles } from './interactive.styles.js';
