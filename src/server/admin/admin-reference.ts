import type { AdminReference } from '../../protocol/admin.js';
import type { StoredMention } from '../storage/mentions.js';

/** A received mention as moderators see it: the sender's address and the reasons included, never a lease. */
export function toAdminReference(mention: StoredMention): AdminReference {
  const { entry } = mention;
  return {
    id: mention.id,
    thread: mention.thread,
    target: mention.target,
    source: mention.source,
    via: mention.via,
    state: mention.state,
    status: mention.status,
    reason: mention.reason,
    detail: mention.detail,
    sourceHost: mention.sourceHost,
    senderIp: mention.senderIp,
    kind: entry?.kind ?? null,
    url: entry?.url ?? null,
    title: entry?.title ?? null,
    author: {
      name: entry?.authorName ?? null,
      url: entry?.authorUrl ?? null,
      photo: entry?.authorPhoto ?? null,
    },
    excerpt: entry?.excerpt ?? null,
    publishedAt: entry?.publishedAt ?? null,
    attempts: mention.attempts,
    createdAt: mention.createdAt,
    updatedAt: mention.updatedAt,
    verifiedAt: mention.verifiedAt,
    moderatedAt: mention.moderatedAt,
  };
}
