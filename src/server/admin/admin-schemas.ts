import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import {
  adminActions,
  adminLimits,
  adminQueues,
  adminStatuses,
  ruleActions,
  ruleKinds,
  type AdminRuleKind,
} from '../../protocol/admin.js';
import { isCommentId } from '../../protocol/ids.js';
import { threadKeyError } from '../../protocol/input-rules.js';
import type { MentionState } from '../../protocol/types.js';
import { HttpError } from '../http-error.js';

// The admin API checks its input as the public API does (schemas.ts): the JSON shape first (400), then the rules of
// each value (422 with the field).

/** A thread key by the protocol's rule. */
const threadKey = z.string().refine((key) => !threadKeyError(key), 'is not a thread key');

/** Text a moderator types into a field: no control characters, not blank. */
const typedText = (most: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(most)
    .refine((text) => !/\p{Cc}/u.test(text), 'holds a control character');

/** `POST /admin/api/login` body. */
export const loginBody = z.object({ password: z.string().min(1).max(adminLimits.passwordLength) });

/** Where a list goes on: the `next` of its previous page (`createdAt|id`). */
const listPosition = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\|[A-Za-z0-9_-]{1,64}$/, 'is not a position in the list');

/** How many a page of a list holds. */
const pageSize = z
  .string()
  .regex(/^\d{1,3}$/, 'is not a decimal number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(adminLimits.maxPageSize))
  .default(adminLimits.defaultPageSize);

/** `GET /admin/api/comments` query. */
export const listQuery = z.object({
  queue: z.enum(adminQueues).default('recent'),
  q: typedText(adminLimits.searchLength).optional(),
  email: typedText(254).optional(),
  thread: threadKey.optional(),
  before: listPosition.optional(),
  limit: pageSize,
});

/** The names `listQuery` reads. */
export const listParameters = ['queue', 'q', 'email', 'thread', 'before', 'limit'] as const;

/** A comment id in a path or a body. */
export const commentId = z.string().refine(isCommentId, 'is not a comment id');

/** `POST /admin/api/comments/bulk` body. */
export const bulkBody = z.object({
  action: z.enum(adminActions),
  ids: z.array(commentId).min(1).max(adminLimits.maxBulkIds),
});

/** `PATCH /admin/api/comments/{id}` body: the text is checked by the protocol's rules afterwards. */
export const editBody = z.object({ text: z.string() });

const mentionStates = ['queued', 'verified', 'refused', 'removed'] as const satisfies readonly MentionState[];

/** `GET /admin/api/references` query: every reference unless a status, a state or a thread narrows it. */
export const referenceListQuery = z.object({
  status: z.enum(adminStatuses).optional(),
  state: z.enum(mentionStates).optional(),
  thread: threadKey.optional(),
  before: listPosition.optional(),
  limit: pageSize,
});

/** The names `referenceListQuery` reads. */
export const referenceListParameters = ['status', 'state', 'thread', 'before', 'limit'] as const;

/** `PATCH /admin/api/references/{id}` body. */
export const referenceChangeBody = z.object({ status: z.enum(adminStatuses) });

/** `PATCH /admin/api/threads` body. */
export const threadChangeBody = z.object({
  key: threadKey,
  locked: z.boolean().optional(),
  moderation: z.enum(['open', 'first-time', 'all']).nullable().optional(),
});

/** `GET /admin/api/threads` query. */
export const threadQuery = z.object({ key: threadKey });

/** `PATCH /admin/api/site` body. */
export const siteChangeBody = z.object({ readOnly: z.boolean() });

/** `POST /admin/api/rules` body; the pattern is checked for its kind afterwards (`normalizePattern`). */
export const newRuleBody = z.object({
  kind: z.enum(ruleKinds),
  pattern: z.string(),
  action: z.enum(ruleActions),
  note: z.string().trim().max(adminLimits.ruleNoteLength).nullish(),
});

/** An IP address (IPv4 in its four-part form only: `0x7f.1` is an address to ipaddr.js, not to a moderator). */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function isAddressRange(text: string): boolean {
  return ipaddr.IPv4.isValidCIDRFourPartDecimal(text) || ipaddr.IPv6.isValidCIDR(text);
}

/** A hostname as URLs spell it (lower case, international names in punycode), or `undefined`. */
function hostnameOf(text: string): string | undefined {
  const bare = text.replace(/^\*?\./, '');
  if (!/^[^\s/:?#@[\]\\]+$/.test(bare)) return undefined;
  try {
    const { hostname } = new URL(`http://${bare}/`);
    return hostname.includes('.') ? hostname : undefined;
  } catch {
    return undefined;
  }
}

/** Per kind: the pattern as stored (trimmed, and lower-cased where case means nothing), or `undefined` if invalid. */
const patternRules: Record<AdminRuleKind, (pattern: string) => string | undefined> = {
  word: (pattern) => pattern,
  name: (pattern) => pattern,
  domain: hostnameOf,
  email: (pattern) => (/^[^\s@]+@[^\s@]+$/.test(pattern) ? pattern.toLowerCase() : undefined),
  ip: (pattern) => (isAddress(pattern) || isAddressRange(pattern) ? pattern.toLowerCase() : undefined),
};

const patternExpects: Record<AdminRuleKind, string> = {
  word: 'a word or phrase',
  name: 'a name',
  domain: 'a domain such as example.com',
  email: 'an e-mail address',
  ip: 'an IP address or a range such as 203.0.113.0/24',
};

/** A rule's pattern as stored; throws 422 (`pattern`) when it is not one of its kind. */
export function normalizePattern(kind: AdminRuleKind, pattern: string): string {
  const text = typedText(adminLimits.rulePatternLength).safeParse(pattern);
  const normalized = text.success ? patternRules[kind](text.data) : undefined;
  if (normalized === undefined) {
    throw new HttpError('validation_failed', `\`pattern\` must be ${patternExpects[kind]}`, 'pattern');
  }
  return normalized;
}
