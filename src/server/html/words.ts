// The words of the server's HTML (the thread page, its form and the markup natter render writes), in English, as the
// widget's English catalog says them where both show the same thing (src/i18n/messages.en.ts).

const plural = (count: number, one: string, other: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : other}`;

export const words = {
  heading: (count: number) => plural(count, 'comment', 'comments'),
  headingEmpty: 'Comments',
  empty: 'No comments yet. Be the first to share your thoughts.',
  showMore: 'Show more comments',
  moreReplies: (count: number) => `Show ${plural(count, 'more reply', 'more replies')}`,
  locked: 'Comments are closed for this page.',
  deleted: 'Comment deleted',
  inReplyTo: 'in reply to {name}',
  inReplyToDeleted: 'in reply to a deleted comment',
  edited: 'edited',
  reply: 'Reply',
  write: 'Write a comment',
  threadTitle: 'Comments',
  backToPage: 'Back to the page',
  formHeading: 'Post a new comment',
  replyHeading: 'Reply to {name}',
  cancelReply: 'Post a new comment instead',
  name: 'Name',
  email: 'Email (optional)',
  emailHint: 'Never shown publicly.',
  url: 'Website URL (optional)',
  text: 'Comment',
  escapingNotice: 'All HTML will be escaped. Hyperlinks will be created for URLs automatically.',
  honeypot: 'Leave this field empty',
  notifyReplies: 'Notify me of replies by email',
  notifyHint: 'You get an email first, with a link to confirm.',
  notifyCheckInbox: 'Check your inbox: open the link in the email we sent you to get replies by email.',
  submit: 'Post',
  submitReply: 'Post reply',
  required: 'Please fill in this field.',
  tooLong: (count: number) => `Use at most ${plural(count, 'character', 'characters')}.`,
  invalidEmail: 'Please enter an email address like name@example.com.',
  invalidCharacters: 'Please remove control or direction-override characters.',
  invalidUrl: 'Please enter a web address starting with http:// or https://.',
  fieldRefused: 'The server did not accept this. Please change it.',
  postErrorField: 'Your comment could not be posted. Please correct the marked field.',
  postError: 'Your comment could not be posted: {message}',
  rateLimited: (seconds: number) =>
    `You are posting too quickly. Please try again in ${plural(seconds, 'second', 'seconds')}.`,
  published: 'Thank you: your comment is published.',
  pending: 'Thank you: your comment awaits a moderator.',
  errorTitle: 'Your comment was not posted',
  errorKept: 'What you wrote is still in the form below.',
  badRequestTitle: 'This address cannot be shown',
};

/** Fills `{name}` in `template`. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}
