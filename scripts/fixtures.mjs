/**
 * Fixture data for the demo server, shaped like protocol v1 (src/protocol/types.ts): small factories with
 * defaults, and the demo thread built from them.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The comment policy the demo site shows above its form. */
export const demoPolicy = '<p>Be kind. Comments are moderated; see our <a href="/policy">policy</a>.</p>';

/** A comment's author; `url` is the author's website or `null`. */
export function makeAuthor(name = 'A. Reader', url = null) {
  return { name, url };
}

/** A published top-level comment; any field can be overridden. */
export function makeComment(overrides = {}) {
  return {
    id: randomUUID(),
    thread: '/',
    parent: null,
    author: makeAuthor(),
    text: 'Thanks for writing this.',
    createdAt: new Date().toISOString(),
    editedAt: null,
    status: 'published',
    ...overrides,
  };
}

/** What the server says about a thread. */
export function makeThread(key, overrides = {}) {
  return { key, count: 0, locked: false, policy: demoPolicy, ...overrides };
}

/** `GET /api/v1/comments` answer for one page holding all of `comments`. */
export function makeListResponse(thread, comments, next = null) {
  return { thread: makeThread(thread, { count: comments.length }), comments, next };
}

/** `POST /api/v1/comments` answer: the stored comment and its one-time edit secret. */
export function makePostResponse(comment, editWindowMs = 15 * 60 * 1000) {
  const editableUntil = new Date(Date.parse(comment.createdAt) + editWindowMs).toISOString();
  return { comment, secret: randomBytes(24).toString('base64url'), editableUntil };
}

/** `ErrorResponse` body. */
export function makeError(code, message, field) {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Three readers' comments on the demo article, oldest first, dated relative to `now`. */
export function demoComments(thread, now = new Date()) {
  const ago = (milliseconds) => new Date(now.getTime() - milliseconds).toISOString();
  return [
    makeComment({
      thread,
      author: makeAuthor('Hannah Okafor'),
      text:
        'I help run a small online group for people caring for a parent with dementia, and the rule that ' +
        'saved us was your “lived experience, not advice” one. Medical questions get pointed back to the ' +
        "person's own GP and to sources we have checked, starting with https://www.who.int/ and a short " +
        'reading list our volunteers keep at example.org/page.',
      createdAt: ago(13 * DAY + 4 * HOUR),
    }),
    makeComment({
      thread,
      author: makeAuthor('Jonas Lindqvist'),
      text:
        'As a GP, “bring me what you find” is the one change that has done most for my consultations.\n\n' +
        'It takes longer at first. But patients whose reading is taken seriously are far more willing to ' +
        'hear “this part is not right” afterwards, and some of them find papers I had missed.\n\n' +
        'The hard part is the system around us: a ten-minute slot leaves little room for reading a ' +
        'screenshot together. I would like practices to plan time for exactly that.',
      createdAt: ago(6 * DAY + 7 * HOUR),
      editedAt: ago(6 * DAY + 6 * HOUR),
    }),
    makeComment({
      thread,
      author: makeAuthor('Priya Raman', 'https://priyaraman.example/'),
      text:
        'Thank you for the privacy section. I was diagnosed with MS two years ago and only later realised ' +
        'how much I had shared in public groups. These days I use a separate email address and a nickname ' +
        'for anything health-related, and I think twice before posting photos.',
      createdAt: ago(3 * HOUR),
    }),
  ];
}
