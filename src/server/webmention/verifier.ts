import type { MentionReason } from '../../protocol/types.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { StoredMention } from '../storage/mentions.js';
import type { CommentStore } from '../storage/store.js';
import type { MentionModerator } from './moderate-mention.js';
import type { SourceReading } from './read-source.js';
import type { FetchedPage, PageFetcher } from './source-page.js';

/** What a fetched source says: whether it links to the target, and about itself (read-source.ts). */
export type SourceReader = (page: FetchedPage, target: string) => SourceReading | Promise<SourceReading>;

export interface MentionVerifierOptions {
  store: CommentStore;
  fetchPage: PageFetcher;
  readSource: SourceReader;
  moderate: MentionModerator;
  /** Fetches per source host and minute (a host sent many mentions waits its turn); none when left out. */
  sourceLimiter?: RateLimiter;
  /** Told of every mention whose reference was shown, changed or taken away: caches of its thread go. */
  onChange: (mention: StoredMention) => void;
  /** Most references a thread holds (queued or verified); more are refused. */
  maxPerThread: number;
  logger: Logger;
}

/** How long a claimed mention is left to its worker before another may take it (a crash, a hung fetch). */
const leaseMs = 2 * 60_000;
/** Mentions verified at a time. */
const batchSize = 4;
/** Waits before trying an unreachable source again; then, refused (or, if verified before, kept as it was). */
const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];

const iso = (time: number) => new Date(time).toISOString();

/**
 * Verifies queued mentions (W3C Webmention §3.2.2): fetches the source, checks that it links to the target, reads
 * what it says, moderates it, and stores the reference; or refuses it, saying why. A source that is gone (404,
 * 410) or no longer links removes a reference verified before. An unreachable source is tried again later.
 */
export function createMentionVerifier(options: MentionVerifierOptions) {
  const { store, logger } = options;

  const refuse = async (
    mention: StoredMention,
    reason: MentionReason,
    detail: string | null,
    now: number,
  ) => {
    const refused = await store.mentions.refuse(mention.id, reason, detail, iso(now));
    logger.log('info', 'mention refused', { mention: mention.id, source: mention.source, reason, detail });
    if (refused) options.onChange(refused);
  };

  /** An unreachable source (or one answering 5xx or 429): later, or never. */
  const retryLater = async (mention: StoredMention, detail: string, now: number) => {
    const delay = retryDelaysMs[mention.attempts];
    if (delay !== undefined) return store.mentions.postpone(mention.id, iso(now + delay), detail, true);
    if (mention.verifiedAt !== null) return store.mentions.keepVerified(mention.id, detail, iso(now));
    return refuse(mention, 'source_unreachable', detail, now);
  };

  const verify = async (mention: StoredMention, now: number): Promise<void> => {
    try {
      await options.sourceLimiter?.take(`mention-source:${mention.sourceHost}`);
    } catch {
      // Its host's turn is spent: the mention waits, without counting as an attempt.
      return store.mentions.postpone(mention.id, iso(now + 60_000), `${mention.sourceHost} sent many`, false);
    }
    if (
      mention.verifiedAt === null &&
      (await store.mentions.countInThread(mention.thread)) > options.maxPerThread
    ) {
      return refuse(mention, 'too_many_references', null, now);
    }
    const outcome = await options.fetchPage(mention.source);
    if (!outcome.ok) {
      if (outcome.reason === 'source_unreachable') return retryLater(mention, outcome.detail, now);
      return refuse(mention, outcome.reason, outcome.detail, now);
    }
    const { page } = outcome;
    if (page.status === 404 || page.status === 410)
      return refuse(mention, 'source_gone', `HTTP ${page.status}`, now);
    if (page.status >= 500 || page.status === 429) return retryLater(mention, `HTTP ${page.status}`, now);
    if (page.status < 200 || page.status > 299)
      return refuse(mention, 'source_error', `HTTP ${page.status}`, now);
    const reading = await options.readSource(page, mention.target);
    if (!reading.linksToTarget) return refuse(mention, 'no_link', null, now);
    const verdict = await options.moderate(mention, reading.entry, now);
    const verified = await store.mentions.verify(mention.id, {
      entry: reading.entry,
      ...verdict,
      at: iso(now),
    });
    logger.log('info', 'mention verified', {
      mention: mention.id,
      source: mention.source,
      status: verified?.status,
    });
    if (verified) options.onChange(verified);
  };

  return {
    /** One round: claims the due mentions and verifies them. */
    async processDue(now = Date.now()): Promise<{ claimed: number }> {
      const claimed = await store.mentions.claim(iso(now), iso(now + leaseMs), batchSize);
      await Promise.all(
        claimed.map((mention) =>
          verify(mention, now).catch((error: unknown) => {
            // Left claimed: taken again once its lease ends.
            logger.log('error', 'mention could not be verified', {
              mention: mention.id,
              error: String(error),
            });
          }),
        ),
      );
      return { claimed: claimed.length };
    },
  };
}
