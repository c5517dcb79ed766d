import {
  escapeHtml,
  htmlDocument,
  htmlLines,
  quoted,
  subjectPart,
  type EmailMessage,
} from '../notifications/email.js';

/**
 * The e-mails guests get about their comments: the confirmation of a subscription, and replies, one or several in
 * a message. English for now (the server knows no reader's language). Everything a commenter wrote is quoted as
 * text, escaped in the HTML part, never a link; the only links are the page's and natter's own.
 */

/** Where a comment is: the site's host for subjects, and the page that shows it. */
export interface CommentPlace {
  /** `blog.example.com`. */
  site: string;
  /** The page of the comment's thread, an absolute URL. */
  pageUrl: string;
}

/** A reply, as a notification shows it: never its author's e-mail address or website. */
export interface ShownReply {
  id: string;
  authorName: string;
  text: string;
  createdAt: string;
}

/** The longest piece of the guest's own comment a message quotes to remind them of it. */
const ownTextLength = 300;
/** The longest reply a message of several shows; the link opens all of it. */
const mergedTextLength = 1000;

function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)} […]` : text;
}

/** The address of one comment on its page, as the widget names its elements. */
function commentLink(pageUrl: string, commentId: string): string {
  const url = new URL(pageUrl);
  url.hash = `comment-${commentId}`;
  return url.href;
}

/** A timestamp as people read it: `2026-03-01 10:00 UTC`. */
function readableTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const paragraph = (text: string) => `<p>${htmlLines(text)}</p>`;
const blockquote = (text: string) =>
  `<blockquote style="margin:1em 0;padding:0 1em;border-left:3px solid #ccc;color:#333">${htmlLines(text)}</blockquote>`;
const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const small = (html: string) => `<p style="color:#666;font-size:0.9em">${html}</p>`;

/** The message asking a guest to confirm that they want e-mails about replies: nothing else is sent before. */
export function confirmationMessage(
  place: CommentPlace,
  ownText: string,
  confirmUrl: string,
  lifetimeHours: number,
): EmailMessage {
  const subject = `[${subjectPart(place.site, 80)}] Confirm e-mails about replies to your comment`;
  const asked = `You (or someone who gave your address) asked to get an e-mail whenever someone replies to this comment on ${place.pageUrl}:`;
  const confirm = `To confirm, open this link within ${lifetimeHours} hours:`;
  const ignore =
    'If you did not ask for this, ignore this message: unless the link is opened, no e-mail about replies is sent.';
  const text = [
    asked,
    '',
    quoted(shortened(ownText, ownTextLength)),
    '',
    confirm,
    confirmUrl,
    '',
    ignore,
    '',
    `-- \nSent by the comments of ${place.site}`,
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      paragraph(asked),
      blockquote(shortened(ownText, ownTextLength)),
      paragraph(confirm),
      `<p>${link(confirmUrl, 'Yes, e-mail me about replies')}</p>`,
      small(escapeHtml(ignore)),
    ].join('\n'),
  );
  return { subject, text, html };
}

/** Why the guest gets the message, and how to stop it: the footer of every reply notification. */
function replyFooter(place: CommentPlace, unsubscribeUrl: string): { text: string; html: string } {
  const why = `You get this because you asked for e-mails about replies to your comment on ${place.pageUrl}.`;
  return {
    text: `-- \n${why}\nStop them with one click: ${unsubscribeUrl}`,
    html: small(`${escapeHtml(why)} ${link(unsubscribeUrl, 'Stop these e-mails')}.`),
  };
}

/**
 * The message telling a guest of replies to their comment: one reply, or (held back by the hourly limit, or
 * gathered in a digest) several, oldest first.
 */
export function repliesMessage(
  place: CommentPlace,
  ownText: string,
  replies: readonly ShownReply[],
  unsubscribeUrl: string,
): EmailMessage {
  const sorted = [...replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const footer = replyFooter(place, unsubscribeUrl);
  const site = subjectPart(place.site, 80);
  const own = quoted(shortened(ownText, ownTextLength));
  const [only] = sorted;
  if (sorted.length === 1 && only) {
    const subject = `[${site}] ${subjectPart(only.authorName, 60)} replied to your comment`;
    const intro = `${only.authorName} replied to your comment on ${place.pageUrl}:`;
    const open = commentLink(place.pageUrl, only.id);
    const text = [
      intro,
      '',
      quoted(only.text),
      '',
      'Your comment:',
      own,
      '',
      `Answer it: ${open}`,
      '',
      footer.text,
    ];
    const html = [
      paragraph(intro),
      blockquote(only.text),
      paragraph('Your comment:'),
      blockquote(shortened(ownText, ownTextLength)),
      `<p>${link(open, 'Read it on the page, and answer')}</p>`,
      footer.html,
    ];
    return { subject, text: text.join('\n'), html: htmlDocument(subject, html.join('\n')) };
  }
  const subject = `[${site}] ${sorted.length} replies to your comment`;
  const intro = `${sorted.length} replies to your comment on ${place.pageUrl}.`;
  const text = [intro, '', 'Your comment:', own];
  const html = [paragraph(intro), paragraph('Your comment:'), blockquote(shortened(ownText, ownTextLength))];
  for (const reply of sorted) {
    const heading = `${reply.authorName}, ${readableTime(reply.createdAt)}:`;
    const open = commentLink(place.pageUrl, reply.id);
    text.push('', heading, quoted(shortened(reply.text, mergedTextLength)), `Read it: ${open}`);
    html.push(
      `<h3 style="font-size:1em;margin-bottom:0.25em">${escapeHtml(heading)}</h3>`,
      blockquote(shortened(reply.text, mergedTextLength)),
      `<p>${link(open, 'Read it on the page')}</p>`,
    );
  }
  text.push('', footer.text);
  html.push(footer.html);
  return { subject, text: text.join('\n'), html: htmlDocument(subject, html.join('\n')) };
}
