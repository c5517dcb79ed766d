import ipaddr from 'ipaddr.js';
import { normalizeNewComment, validateNewComment, type FieldError } from '../../protocol/input-rules.js';
import { limits } from '../../protocol/limits.js';
import { htmlToText, type HtmlTextOptions } from './html-text.js';
import type { SourceComment, SourceTextKind } from './source-records.js';

/** A comment's fields as natter stores them, after its input rules. */
export interface CommentFields {
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  authorIp: string | null;
  text: string;
}

/** What a source gives of a comment's fields, and the thread key its page became. */
export type RawFields = Pick<
  SourceComment,
  'authorName' | 'authorEmail' | 'authorUrl' | 'authorIp' | 'body' | 'bodyKind'
> & { thread: string };

/** The fields, and what had to change for natter's rules to take them; or why no change could make them fit. */
export type CleanedFields = { fields: CommentFields; changes: string[] } | { skip: string };

/** The name of an author the source has none for: natter's rules want one. */
export const anonymous = 'Anonymous';

/** Characters a name may not hold: the input rules' (control characters, bidi embeddings, overrides, isolates). */
const nameControls = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu;
/** Characters a text may not hold: control characters but tab and line feed, and unpaired surrogates. */
const textControls = /[^\P{Cc}\t\n]|\p{Cs}/gu;

/** `value` cut to at most `limit` UTF-16 code units, never inside a surrogate pair, ending with `end`. */
function cut(value: string, limit: number, end = ''): string {
  let at = limit - end.length;
  const code = value.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return value.slice(0, at).trimEnd() + end;
}

/** An IP address as written, when it is one (IPv4 in four decimal parts, or IPv6); anonymised ones are kept. */
function ipOf(value: string): string | null {
  const trimmed = value.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed) || ipaddr.IPv6.isValid(trimmed)) return trimmed;
  return null;
}

/** A comment's text from the source's body: HTML becomes text; what was left out is said in `changes`. */
function textOf(
  body: string,
  kind: SourceTextKind,
  options: Partial<HtmlTextOptions>,
  changes: string[],
): string {
  const { text, hadHiddenContent, isCut } = htmlToText(body, {
    keepsLineBreaks: kind === 'text',
    ...options,
  });
  if (hadHiddenContent) changes.push('text: scripts, styles or embedded frames left out');
  if (isCut) changes.push('text: HTML nested too deep, read down to 256 elements');
  return text;
}

/**
 * A source comment's fields under natter's input rules (src/protocol/input-rules.ts): normalised as a posted
 * comment is, and where a field breaks a rule, mended the way that loses least (a name too long is cut, an e-mail
 * address that is none dropped, a text too long cut with "…"), each mend said in `changes`. A comment whose text
 * is empty, or that no mend makes fit, is skipped. The rules themselves decide: what is mended is checked again.
 */
export function cleanFields(raw: RawFields, textOptions: Partial<HtmlTextOptions> = {}): CleanedFields {
  const changes: string[] = [];
  const text = textOf(raw.body, raw.bodyKind, textOptions, changes);
  const authorIp = raw.authorIp ? ipOf(raw.authorIp) : null;
  let input = normalizeNewComment({
    thread: raw.thread,
    parent: null,
    name: raw.authorName,
    email: raw.authorEmail,
    url: raw.authorUrl,
    text,
  });
  // A mend may leave another rule broken (a text without its control characters may still be too long): each round
  // mends the first broken rule, and a field mended and still broken is left to the last check.
  for (let round = 0; round < 8; round += 1) {
    const [error] = validateNewComment(input);
    if (!error) break;
    const mended = mend(input, error, changes);
    if (typeof mended === 'string') return { skip: mended };
    input = normalizeNewComment(mended);
  }
  const [left] = validateNewComment(input);
  if (left) return { skip: `${left.field}: ${left.code.replace('_', ' ')}` };
  return {
    fields: {
      authorName: input.name,
      authorEmail: input.email ?? null,
      authorUrl: input.url ?? null,
      authorIp,
      text: input.text,
    },
    changes,
  };
}

type Input = ReturnType<typeof normalizeNewComment>;

/** `input` with the field of `error` mended, or why the comment cannot be taken. */
function mend(input: Input, { field, code }: FieldError, changes: string[]): Input | string {
  switch (field) {
    case 'thread':
      return `thread key: ${code.replace('_', ' ')}`;
    case 'name': {
      if (code === 'required') {
        changes.push(`name: none, "${anonymous}" instead`);
        return { ...input, name: anonymous };
      }
      if (code === 'too_long') {
        changes.push(`name: cut to ${limits.nameLength} characters`);
        return { ...input, name: cut(input.name, limits.nameLength) };
      }
      changes.push('name: control or bidi characters removed');
      const name = input.name.replace(nameControls, '');
      return { ...input, name: name.trim() === '' ? anonymous : name };
    }
    case 'email':
      changes.push(`e-mail address: dropped (${code === 'too_long' ? 'too long' : 'not an address'})`);
      return { ...input, email: undefined };
    case 'url': {
      // "example.com" as people type it: a website without its scheme.
      const withScheme = `http://${input.url}`;
      if (code === 'invalid_url' && !/^[a-z][\w+.-]*:/i.test(input.url ?? '') && isAcceptedUrl(withScheme)) {
        changes.push('website: "http://" added');
        return { ...input, url: withScheme };
      }
      changes.push(`website: dropped (${code === 'too_long' ? 'too long' : 'not an http or https URL'})`);
      return { ...input, url: undefined };
    }
    case 'text':
      if (code === 'required') return 'text: empty';
      if (code === 'too_long') {
        changes.push(`text: cut to ${limits.textLength} characters`);
        return { ...input, text: cut(input.text, limits.textLength, ' …') };
      }
      changes.push('text: control characters removed');
      return { ...input, text: input.text.replace(textControls, '') };
  }
}

/** Whether the rules take `url` as an author's website. */
function isAcceptedUrl(url: string): boolean {
  return !validateNewComment({ thread: '/', name: 'x', text: 'x', url }).some(
    (error) => error.field === 'url',
  );
}
