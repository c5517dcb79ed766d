import type { MentionStatusResponse, Reference } from '../../protocol/types.js';
import type { StoredMention } from '../storage/mentions.js';

/** A verified mention as the public sees it: what its source says, never who sent it or why it has its status. */
export function toReference(mention: StoredMention): Reference {
  const entry = mention.entry;
  return {
    id: mention.id,
    thread: mention.thread,
    kind: entry?.kind ?? 'mention',
    url: ownUrl(entry?.url ?? null, mention) ?? mention.source,
    title: entry?.title ?? null,
    author: {
      name: entry?.authorName ?? null,
      url: entry?.authorUrl ?? null,
      photo: entry?.authorPhoto ?? null,
    },
    excerpt: entry?.excerpt ?? null,
    publishedAt: entry?.publishedAt ?? mention.verifiedAt ?? mention.createdAt,
    via: mention.via,
  };
}

/**
 * The entry's own URL, unless it names the target: microformats imply an entry's URL from its only link, which in
 * a short response is the link to the page it answers.
 */
function ownUrl(url: string | null, mention: StoredMention): string | null {
  return url === null || url.split('#')[0] === mention.target ? null : url;
}

/**
 * What a mention's status URL says. Spam reads as `pending`, as a comment's does to its author: a spammer is not
 * told that it was caught. A reference a moderator deleted is `removed`, because it was.
 */
export function mentionStatus(mention: StoredMention): MentionStatusResponse {
  const base = { source: mention.source, target: mention.target, updatedAt: mention.updatedAt };
  if (mention.state === 'verified' && mention.status === 'deleted') {
    return { ...base, state: 'removed', reason: 'deleted' };
  }
  if (mention.state === 'verified') {
    const isShown = mention.status === 'published';
    return {
      ...base,
      state: 'verified',
      status: isShown ? 'published' : 'pending',
      ...(isShown && { reference: toReference(mention) }),
    };
  }
  if (mention.state === 'refused' || mention.state === 'removed') {
    return { ...base, state: mention.state, ...(isReason(mention.reason) && { reason: mention.reason }) };
  }
  return { ...base, state: 'queued' };
}

const reasons = new Set<string>([
  'no_link',
  'source_gone',
  'source_unreachable',
  'source_error',
  'not_text',
  'too_large',
  'too_many_redirects',
  'forbidden_address',
  'too_many_references',
  'deleted',
]);

function isReason(reason: string | null): reason is NonNullable<MentionStatusResponse['reason']> {
  return reason !== null && reasons.has(reason);
}
