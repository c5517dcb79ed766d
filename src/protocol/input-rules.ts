import { limits } from './limits.js';
import type { NewComment, ServerLimits } from './types.js';

// The input rules of protocol v1 (docs/protocol.md#input), applied by the widget's form and by the server so that
// both sides accept exactly the same comments. Plain ECMAScript: this module knows neither the DOM nor Node.

/** A field of a new comment that the rules speak about. */
export type CommentField = 'thread' | 'name' | 'email' | 'url' | 'text';

/** Which rule a field breaks. */
export type FieldErrorCode = 'required' | 'too_long' | 'invalid_characters' | 'invalid_email' | 'invalid_url';

/** One broken rule. */
export interface FieldError {
  field: CommentField;
  code: FieldErrorCode;
  /** With `too_long`: the most UTF-16 code units the field may hold. */
  limit?: number;
}

/** The limits a server announced (`ThreadInfo.limits`), or some of them; the protocol's apply to the rest. */
export type InputLimits = Partial<ServerLimits>;

/** What the rules need of a parsed URL: the WHATWG `URL` every JavaScript runtime natter runs on provides. */
interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
}
const { URL: WhatwgUrl } = globalThis as unknown as { URL: new (input: string) => ParsedUrl };

// Control characters (Unicode Cc: U+0000–U+001F, U+007F–U+009F) and unpaired surrogates (which no UTF-8 store
// can hold; with the `u` flag, \p{Cs} matches only unpaired ones).
const controls = /[\p{Cc}\p{Cs}]/u;
// Text may hold tabs and line feeds (normalisation has turned every CR into LF).
const textControls = /[^\P{Cc}\t\n]|\p{Cs}/u;
// Bidi embeddings, overrides and isolates have uses in text, but in a name they only serve to spoof.
const nameControls = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;
// Nothing a reader can see: white space, default-ignorable characters (zero-width spaces and joiners, the
// Hangul fillers U+115F, U+1160 and U+3164, variation selectors, …) and the blank Braille pattern U+2800.
const invisibleOnly = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
// The HTML standard's "valid e-mail address": what <input type=email> accepts.
const emailPattern =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/i;

/**
 * Applies protocol v1's normalisation: trims `name`, `email` and `url`, drops empty optional fields, writes
 * a valid author URL in its WHATWG serialisation, and gives `text` LF line ends without trailing whitespace.
 * Idempotent. The input must already have the protocol's JSON types.
 */
export function normalizeNewComment(input: NewComment): NewComment {
  const comment: NewComment = {
    thread: input.thread,
    parent: input.parent ?? null,
    name: input.name.trim(),
    text: normalizeText(input.text),
  };
  const email = input.email?.trim();
  if (email) comment.email = email;
  const url = input.url?.trim();
  if (url) comment.url = parseAuthorUrl(url)?.href ?? url;
  return comment;
}

/** Comment text as the server stores it: CRLF and lone CR become LF, trailing whitespace goes. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

/** The rule a thread key breaks (docs/protocol.md#thread-keys), or `undefined` for a valid key. */
export function threadKeyError(thread: string): FieldError | undefined {
  return check(
    'thread',
    thread,
    limits.threadLength,
    (value) => controls.test(value) && 'invalid_characters',
  );
}

/**
 * The rules `input` breaks after normalisation, at most one per field, in the order thread, name, email,
 * url, text; empty when the server would accept it (it may still refuse the `parent` or a locked thread).
 */
export function validateNewComment(input: NewComment, inputLimits: InputLimits = {}): FieldError[] {
  const { thread, name, email, url, text } = normalizeNewComment(input);
  return [
    threadKeyError(thread),
    check('name', name, limits.nameLength, (value) => nameControls.test(value) && 'invalid_characters'),
    email &&
      check('email', email, limits.emailLength, (value) => !emailPattern.test(value) && 'invalid_email'),
    url && check('url', url, limits.urlLength, (value) => !parseAuthorUrl(value) && 'invalid_url'),
    ...validateText(text, inputLimits),
  ].filter((error) => typeof error === 'object');
}

/** The rule an edited comment text breaks after normalisation, as a list of none or one. */
export function validateText(text: string, inputLimits: InputLimits = {}): FieldError[] {
  const error = check(
    'text',
    normalizeText(text),
    textLengthLimit(inputLimits),
    (value) => textControls.test(value) && 'invalid_characters',
  );
  return error ? [error] : [];
}

/** The longest text `inputLimits` allows: the server's own limit, never above the protocol's. */
export function textLengthLimit({ textLength }: InputLimits = {}): number {
  return textLength !== undefined && textLength >= 1
    ? Math.min(Math.floor(textLength), limits.textLength)
    : limits.textLength;
}

/** An author URL the protocol accepts (absolute http or https, no credentials), parsed; else `undefined`. */
export function parseAuthorUrl(value: string): ParsedUrl | undefined {
  try {
    const url = new WhatwgUrl(value);
    const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
    return isHttp && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

function check(
  field: CommentField,
  value: string,
  limit: number,
  problem: (value: string) => FieldErrorCode | false,
): FieldError | undefined {
  // A name or a text must show something; a thread key of spaces is still a key (keys are compared exactly).
  const isEmpty = value === '' || ((field === 'name' || field === 'text') && invisibleOnly.test(value));
  if (isEmpty) return { field, code: 'required' };
  if (value.length > limit) return { field, code: 'too_long', limit };
  const code = problem(value);
  return code ? { field, code } : undefined;
}
