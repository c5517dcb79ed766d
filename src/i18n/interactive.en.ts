import type { Catalog } from './messages.en.js';

/**
 * English words for acting on a thread: the post form, Edit and Delete on the reader's own comments, and Report on
 * everyone else's. Part of the English source catalog (messages.en.ts), kept apart so that they come with the
 * interactive chunk instead of the first paint.
 */
export const enInteractive = {
  formHeading: 'Post a new comment',
  nameLabel: 'Name',
  emailLabel: 'Email (optional)',
  emailHint: 'Never shown publicly.',
  urlLabel: 'Website URL (optional)',
  textLabel: 'Comment',
  rememberMe: 'Remember me on this device',
  escapingNotice: 'All HTML will be escaped. Hyperlinks will be created for URLs automatically.',
  charactersLeft: { one: '{count} character left', other: '{count} characters left' },
  submit: 'Post',
  submitting: 'Posting…',
  draftRestored: 'Your unsent comment was restored.',
  reply: 'Reply',
  replyHeading: 'Reply to {name}',
  replyLabel: 'Your reply',
  submitReply: 'Post reply',

  required: 'Please fill in this field.',
  tooLong: { one: 'Use at most {count} character.', other: 'Use at most {count} characters.' },
  invalidEmail: 'Please enter an email address like name@example.com.',
  invalidCharacters: 'Please remove control or direction-override characters.',
  invalidUrl: 'Please enter a web address starting with http:// or https://.',
  postError: 'Your comment could not be posted: {message}',
  postErrorField: 'Your comment could not be posted. Please correct the marked field.',
  fieldRefused: 'The server did not accept this. Please change it.',
  postErrorNetwork:
    'Your comment could not be posted because the server could not be reached. It is kept here; please try again.',
  rateLimited: {
    one: 'You are posting too quickly. Please try again in {count} second.',
    other: 'You are posting too quickly. Please try again in {count} seconds.',
  },

  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  editLabel: 'Edit your comment',
  confirmDelete: 'Delete this comment? This cannot be undone.',
  confirmDeleteButton: 'Delete comment',
  keepComment: 'Keep it',
  deleting: 'Deleting…',
  commentUpdated: 'Your comment was updated.',
  commentUpdatedPending: 'Your comment was updated and will appear again once a moderator approves it.',
  commentDeleted: 'Your comment was deleted.',
  editWindowClosed: 'The time for changing this comment has passed, so it stays as it is.',
  secretRejected: 'This browser can no longer change this comment.',
  deleteHasReplies: 'This comment has replies now, so it can no longer be deleted. You can still edit it.',
  changeFailed: 'The change could not be saved: {message}',
  changeFailedNetwork: 'The server could not be reached. Your text is kept here; please try again.',
  changeRateLimited: {
    one: 'You are changing comments too quickly. Please try again in {count} second.',
    other: 'You are changing comments too quickly. Please try again in {count} seconds.',
  },
  close: 'Close',
  posted: 'Your comment is published.',
  postedPending: 'Your comment is awaiting moderation and will appear once approved.',

  report: 'Report',
  reportQuestion: 'Why should a moderator look at this comment?',
  reportSpam: 'Spam',
  reportAbuse: 'Abuse or harassment',
  reportOffTopic: 'Off-topic',
  reportChooseReason: 'Please choose a reason.',
  sendReport: 'Send report',
  sendingReport: 'Sending…',
  reported: 'Reported',
  reportThanks: 'Thanks, a moderator will look at it.',
  reportGone: 'This comment is no longer shown, so there is nothing to report.',
  reportClosed: 'Reports are not taken at the moment. Please try again later.',
  reportFailed: 'The report could not be sent: {message}',
  reportFailedNetwork:
    'The report could not be sent because the server could not be reached. Please try again.',
  reportRateLimited: {
    one: 'You are sending reports too quickly. Please try again in {count} second.',
    other: 'You are sending reports too quickly. Please try again in {count} seconds.',
  },
} satisfies Catalog;
