import { parseAuthorUrl } from '../../protocol/input-rules.js';

/** The longest texts natter keeps of a source, in UTF-16 code units as the protocol's limits count. */
export const sourceTextLimits = { title: 200, name: 100, excerpt: 300 } as const;

/** The longest URL natter keeps of a source. */
const urlLength = 2000;

// Separators, control characters (C0 and C1), unpaired surrogates (no UTF-8 store holds them) and the bidirectional
// formatting characters, which in a title or a name only serve to make it read as something else: one space each run.
const unsafeOrSpace = /[\s\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/**
 * `value` as natter shows text from another site: one line of plain text without control or bidirectional formatting
 * characters, at most `limit` code units, cut at a word where it can be (ending with "…"); `null` when nothing is left.
 */
export function cleanText(value: string, limit: number): string | null {
  const text = value.replace(unsafeOrSpace, ' ').trim();
  if (!text) return null;
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  // At a word boundary, unless the last space is so early that most of the text would go (one long word).
  const lastSpace = cut.lastIndexOf(' ');
  if (text[limit - 1] !== ' ' && lastSpace > limit / 2) cut = cut.slice(0, lastSpace);
  // Inside a word, the cut must not split a surrogate pair.
  return `${cut.replace(/[\ud800-\udbff]$/, '').trimEnd()}…`;
}

/**
 * `value` resolved against `base` when it is an http or https URL without credentials (as the protocol accepts for
 * an author's site) of at most 2,000 characters, in its WHATWG serialisation; else `null`.
 */
export function cleanUrl(value: string, base: string): string | null {
  let href: string;
  try {
    href = new URL(value.trim(), base).href;
  } catch {
    return null;
  }
  return href.length <= urlLength && parseAuthorUrl(href) ? href : null;
}

/**
 * The URL of the document `value` names, resolved against `base`, without its fragment: what two links to one
 * page have in common. `undefined` when `value` is no URL.
 */
export function documentUrl(value: string, base?: string): string | undefined {
  try {
    const url = new URL(value, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
