import { held, published, type ModerationLayer, type Verdict } from '../moderation/verdict.js';
import type { StoredMention } from '../storage/mentions.js';
import type { CommentStore, ModerationMode } from '../storage/store.js';
import type { SourceEntry } from './source-page.js';

/** Decides what becomes of a verified mention: shown, held for a moderator, or spam. */
export type MentionModerator = (mention: StoredMention, entry: SourceEntry, now: number) => Promise<Verdict>;

export interface MentionModeratorOptions {
  store: CommentStore;
  /** referenceDefences(): the site owner's lists, Akismet and the hook. */
  layers: readonly ModerationLayer[];
  /** The server's moderation mode, for threads without their own. */
  mode: ModerationMode;
}

/**
 * The moderation of references: the layers see a reference as a comment by its author (or its source's host), its
 * URL the source and its text the title and excerpt, sent from the sender's address; then the thread's mode. Under
 * `first-time` the trust is in a source host: its first reference waits for a moderator, and once one of its
 * references is published, the next ones are too.
 */
export function mentionModerator({ store, layers, mode }: MentionModeratorOptions): MentionModerator {
  return async (mention, entry, now) => {
    const thread = await store.getThread(mention.thread);
    const threadMode = thread.moderation ?? mode;
    const text = [entry.title, entry.excerpt].filter(Boolean).join('\n\n') || mention.source;
    const submission = {
      comment: {
        thread: mention.thread,
        name: entry.authorName ?? mention.sourceHost,
        url: mention.source,
        text,
      },
      thread,
      mode: threadMode,
      clientAddress: mention.senderIp ?? undefined,
      id: mention.id,
      createdAt: mention.createdAt,
      now,
      via: mention.via,
    };
    for (const layer of layers) {
      const verdict = await layer(submission);
      if (verdict) return verdict;
    }
    return decideByMode(threadMode, mention.sourceHost, store);
  };
}

async function decideByMode(mode: ModerationMode, host: string, store: CommentStore): Promise<Verdict> {
  if (mode === 'open') return published();
  if (mode === 'all') return held('every reference is moderated');
  if (await store.mentions.hasPublishedFromHost(host)) return published();
  return held(`first reference from ${host}`);
}
