/**
 * What the widget needs once a reader acts rather than reads: the post form, Edit and Delete on their own
 * comments, Report on everyone else's, Like, the choice of order, the feed link, new comments as they arrive and
 * "My response is on my own website" (which loads the references chunk, as a thread with references does), with
 * their styles and English words. One lazily loaded chunk, requested once the browser has painted the thread (or
 * why it failed): nothing of it comes before the first comment.
 */
export { CommentForm } from './comment-form.js';
export { OwnComments } from './own-comments.js';
export { ReplyForms } from './reply-forms.js';
export { ReportAction } from './report-action.js';
export { LikeAction } from './like-button.js';
export { LiveUpdates } from './live-updates.js';
export { renderThreadTools } from './sort-choice.js';
export { ThreadReferences } from './thread-references.js';
export { interactiveStyles } from './interactive.styles.js';
