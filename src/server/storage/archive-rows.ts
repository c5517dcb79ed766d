import type { Insertable, Selectable } from 'kysely';
import { sha256, toBase64Url } from '../base64url.js';
import type {
  CommentRecord,
  MentionRecord,
  ReportRecord,
  RuleRecord,
  SettingRecord,
  SubscriptionRecord,
  ThreadRecord,
} from './archive.js';
import { commentFacts, toStoredReport } from './kysely-rows.js';
import { toRule } from './kysely-rules.js';
import { toSubscription } from './kysely-subscriptions.js';
import type { MentionVia } from './mentions.js';
import type { CommentsTable, Database, MentionsTable } from './schema.js';
import type { SettingKey } from './settings.js';
import type { ModerationMode, StoredStatus } from './store.js';

// Each kind of archive record and its row, both ways: the records carry the facts, the rows what the store derives
// from them too. Where the store maps a table's rows already (comments, rules, reports, subscriptions), a record is
// that mapping with its type, and the restore writes such rows as the store does (kysely-rows.ts, kysely-rules.ts).

export function settingRecord(row: { key: string; value: string }): SettingRecord {
  return { type: 'setting', key: row.key as SettingKey, value: row.value };
}

export function ruleRecord(row: Selectable<Database['rules']>): RuleRecord {
  return { type: 'rule', ...toRule(row) };
}

export function threadRecord(row: Selectable<Database['threads']>): ThreadRecord {
  return {
    type: 'thread',
    key: row.key,
    createdAt: row.created_at,
    isLocked: row.locked === 1,
    moderation: row.moderation as ModerationMode | null,
  };
}

export function threadRow(record: ThreadRecord) {
  return {
    key: record.key,
    created_at: record.createdAt,
    locked: record.isLocked ? 1 : 0,
    moderation: record.moderation,
  };
}

export function commentRecord(row: Selectable<CommentsTable>): CommentRecord {
  return { type: 'comment', ...commentFacts(row) };
}

export function reportRecord(row: Selectable<Database['reports']>): ReportRecord {
  return { type: 'report', ...toStoredReport(row) };
}

export function subscriptionRecord(row: Selectable<Database['reply_subscriptions']>): SubscriptionRecord {
  return { type: 'subscription', ...toSubscription(row) };
}

export function subscriptionRow(record: SubscriptionRecord) {
  return {
    id: record.id,
    comment_id: record.commentId,
    address_hash: record.addressHash,
    sealed_address: record.sealedAddress,
    created_at: record.createdAt,
    confirmed_at: record.confirmedAt,
  };
}

export function mentionRecord(row: Selectable<MentionsTable>): MentionRecord {
  return {
    type: 'mention',
    id: row.id,
    source: row.source,
    target: row.target,
    thread: row.thread_key,
    via: row.via as MentionVia,
    state: row.state as MentionRecord['state'],
    status: row.status as StoredStatus | null,
    reason: row.reason,
    detail: row.detail,
    sourceHost: row.source_host,
    senderIp: row.sender_ip,
    kind: row.kind,
    url: row.url,
    title: row.title,
    authorName: row.author_name,
    authorUrl: row.author_url,
    authorPhoto: row.author_photo,
    excerpt: row.excerpt,
    publishedAt: row.published_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    verifiedAt: row.verified_at,
    moderatedAt: row.moderated_at,
  };
}

/** The row of a mention, with what the store derives: its pair hash (as kysely-mentions.ts makes it) and `listed`. */
export async function mentionRow(record: MentionRecord): Promise<Insertable<MentionsTable>> {
  return {
    id: record.id,
    pair_hash: toBase64Url(await sha256(`${record.source}\n${record.target}`)),
    source: record.source,
    target: record.target,
    thread_key: record.thread,
    via: record.via,
    state: record.state,
    status: record.status,
    reason: record.reason,
    detail: record.detail,
    source_host: record.sourceHost,
    sender_ip: record.senderIp,
    listed: record.state === 'verified' && record.status === 'published' ? 1 : 0,
    kind: record.kind,
    url: record.url,
    title: record.title,
    author_name: record.authorName,
    author_url: record.authorUrl,
    author_photo: record.authorPhoto,
    excerpt: record.excerpt,
    published_at: record.publishedAt,
    attempts: record.attempts,
    next_attempt_at: record.nextAttemptAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    verified_at: record.verifiedAt,
    moderated_at: record.moderatedAt,
  };
}
