import type { CommentEventType } from '../events.js';
import { adminLink, type CommentNotice, type EmailFormat } from './notice.js';

/** An e-mail to the site owner: a subject, plain text, and the same as simple HTML. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** An e-mail with its envelope. */
export interface OutgoingEmail extends EmailMessage {
  /** `owner@example.com` or `Comments <natter@example.com>`. */
  from: string;
  to: readonly string[];
  /** Headers besides the usual ones, such as `List-Unsubscribe`: natter's own values, never a commenter's text. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Sends e-mail: the runtime's part (SMTP through nodemailer on Node, node/smtp-sender.ts). Resolves once the server
 * took the message; rejects when it did not, or when `signal` aborts.
 */
export interface EmailSender {
  send(message: OutgoingEmail, signal: AbortSignal): Promise<void>;
}

/** Who is e-mailed, how often, and through what. */
export interface EmailSettings {
  from: string;
  to: readonly string[];
  /** `each`: one message per held comment, at once; `digest`: everything new, once per interval. */
  mode: EmailFormat;
  /** With `digest`: minutes between digests (60 for hourly), counted from midnight UTC. */
  digestIntervalMinutes?: number;
  sender: EmailSender;
}

/** The events an e-mail tells of, by mode: a held comment needs the owner; a digest tells all that is new. */
export const emailedEvents: Record<EmailFormat, readonly CommentEventType[]> = {
  each: ['held'],
  digest: ['held', 'reported', 'published'],
};

/** `text` safe to put in HTML, as text or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * `text` fit for a subject line: one line (no control characters, which could start another header), without the
 * bidirectional overrides that can make a subject read other than it is, at most `length` characters.
 */
export function subjectPart(text: string, length: number): string {
  const line = text
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** A timestamp as the owner reads it: `2025-06-01 10:00 UTC`. */
function readableTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The site a message is about, for its subject: the public URL's host. */
function siteOf(publicUrl: string): string {
  return new URL(publicUrl).host;
}

/** Escaped text with its line breaks kept. */
export const htmlLines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

/** Text quoted line by line, as mail quotes: `> `. */
export const quoted = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

/** The longest text a digest shows of one comment; the link opens all of it. */
const digestTextLength = 1000;

const headings: Record<CommentEventType, string> = {
  held: 'Awaiting moderation',
  reported: 'Reported by readers',
  published: 'Published',
  spam: 'Sent to spam',
  approved: 'Approved',
  moderated: 'Moderated',
};

/** Who wrote a comment, as plain text: `Ada <ada@example.com> (https://ada.example)`. */
function authorLine(notice: CommentNotice): string {
  const { authorName, authorEmail, authorUrl } = notice.comment;
  return [authorName, authorEmail && `<${authorEmail}>`, authorUrl && `(${authorUrl})`]
    .filter(Boolean)
    .join(' ');
}

/** The facts of one notice, as label and value: who, when, why. */
function facts(notice: CommentNotice): [label: string, value: string][] {
  const rows: [string, string][] = [
    ['From', authorLine(notice)],
    ['Posted', readableTime(notice.comment.createdAt)],
  ];
  if (notice.comment.editedAt) rows.push(['Edited', readableTime(notice.comment.editedAt)]);
  // Reasons say what they are about: "held: 4 links", "reported: abuse".
  const why = notice.reason ?? notice.comment.reason;
  if (why) rows.push(['Why', why]);
  return rows;
}

function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)} […]` : text;
}

/** One comment in plain text: its facts, its text quoted, and the link that opens it. */
function textBlock(notice: CommentNotice, publicUrl: string, textLength = Infinity): string {
  return [
    ...facts(notice).map(([label, value]) => `${label}: ${value}`),
    '',
    quoted(shortened(notice.comment.text, textLength)),
    '',
    `Open it in the admin page: ${adminLink(publicUrl, notice.comment.id)}`,
  ].join('\n');
}

/** One comment in HTML: every piece of user text escaped, the only link the admin page's. */
function htmlBlock(notice: CommentNotice, publicUrl: string, textLength = Infinity): string {
  const rows = facts(notice)
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding-right:1em;font-weight:600">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const link = escapeHtml(adminLink(publicUrl, notice.comment.id));
  return [
    `<table role="presentation" style="border-collapse:collapse">\n${rows}\n</table>`,
    `<blockquote style="margin:1em 0;padding:0 1em;border-left:3px solid #ccc;color:#333">${htmlLines(shortened(notice.comment.text, textLength))}</blockquote>`,
    `<p><a href="${link}">Open it in the admin page</a></p>`,
  ].join('\n');
}

/** A whole HTML e-mail: `body` (HTML, escaped already) under `subject` as its title. */
export function htmlDocument(subject: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5;color:#1a1a1a">',
    body,
    '</body></html>',
    '',
  ].join('\n');
}

/** The message telling the owner that a comment awaits moderation. */
export function heldMessage(notice: CommentNotice, publicUrl: string): EmailMessage {
  const { comment } = notice;
  const what = comment.editedAt ? 'An edited comment' : 'A comment';
  const subject = `[${siteOf(publicUrl)}] Awaiting moderation: ${subjectPart(comment.authorName, 60)} on ${subjectPart(comment.thread, 80)}`;
  const text = [
    `${what} on ${comment.thread} awaits moderation.`,
    '',
    textBlock(notice, publicUrl),
    '',
    footer(publicUrl),
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(what)} on <strong>${escapeHtml(comment.thread)}</strong> awaits moderation.</p>`,
      htmlBlock(notice, publicUrl),
      htmlFooter(publicUrl),
    ].join('\n'),
  );
  return { subject, text, html };
}

/** The order a digest's sections come in: what needs the owner first. */
const digestOrder: readonly CommentEventType[] = [
  'held',
  'reported',
  'published',
  'spam',
  'approved',
  'moderated',
];

/** One message telling of every notice in `notices`, grouped by what happened, each group oldest first. */
export function digestMessage(notices: readonly CommentNotice[], publicUrl: string): EmailMessage {
  const sections = digestOrder
    .map((type) => ({
      type,
      notices: notices.filter((notice) => notice.type === type).sort((a, b) => a.at.localeCompare(b.at)),
    }))
    .filter((section) => section.notices.length > 0);
  const counts = sections.map(({ type, notices }) => `${notices.length} ${headings[type].toLowerCase()}`);
  const subject = `[${siteOf(publicUrl)}] Comments digest: ${counts.join(', ')}`;
  const intro = `What happened to comments since the last digest: ${counts.join(', ')}.`;
  const text = [
    intro,
    ...sections.flatMap(({ type, notices }) => {
      const heading = `${headings[type]} (${notices.length})`;
      return [
        '',
        heading,
        '='.repeat(heading.length),
        ...notices.flatMap((notice) => [
          '',
          `On ${notice.comment.thread}:`,
          textBlock(notice, publicUrl, digestTextLength),
        ]),
      ];
    }),
    '',
    footer(publicUrl),
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(intro)}</p>`,
      ...sections.flatMap(({ type, notices }) => [
        `<h2 style="font-size:1.2em;margin-top:1.5em">${escapeHtml(headings[type])} (${notices.length})</h2>`,
        ...notices.flatMap((notice) => [
          `<h3 style="font-size:1em;margin-bottom:0.25em">On ${escapeHtml(notice.comment.thread)}</h3>`,
          htmlBlock(notice, publicUrl, digestTextLength),
        ]),
      ]),
      htmlFooter(publicUrl),
    ].join('\n'),
  );
  return { subject, text, html };
}

function footer(publicUrl: string): string {
  return `-- \nSent by natter at ${publicUrl}`;
}

function htmlFooter(publicUrl: string): string {
  return `<p style="color:#666;font-size:0.9em">Sent by natter at ${escapeHtml(publicUrl)}</p>`;
}
