import { threadKeyError } from '../../protocol/input-rules.js';
import { threadKeyOf } from '../../protocol/thread-key.js';
import { HttpError } from '../http-error.js';
import { QueueFullError, type MentionVia, type StoredMention } from '../storage/mentions.js';
import type { SiteState } from '../site-state.js';
import type { CommentStore } from '../storage/store.js';

/** Longest source or target URL taken. */
const maxUrlLength = 2048;
/** Mentions of one source host waiting to be verified, beyond which its next ones are refused for a while. */
const maxQueuedPerHost = 20;
/** Mentions waiting in all: the queue's bound, however many hosts send. */
const maxQueued = 10_000;
/** References a thread holds (queued or verified); more are refused as `too_many_references`. */
export const maxReferencesPerThread = 1_000;

export interface MentionReceiverOptions {
  store: CommentStore;
  /** A read-only site takes no references, as it takes no comments. */
  site: SiteState;
  /** Origins whose pages may be targets (`https://blog.example`). */
  targetOrigins: ReadonlySet<string>;
  newId: () => string;
  now: () => number;
}

/** A received mention's `source` and `target`, as a Webmention's form or a Pingback's call gave them. */
export interface MentionRequest {
  source: string | undefined;
  target: string | undefined;
  via: MentionVia;
  senderIp: string | undefined;
}

/** `url` parsed if it is an absolute http or https URL without credentials, within the length; its fragment gone. */
function parseUrl(url: string): URL | undefined {
  if (url.length > maxUrlLength || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) return undefined;
  parsed.hash = '';
  return parsed;
}

/**
 * Checks a received mention as the Webmention Recommendation's receiver must before queuing it (§3.2.1): source and
 * target http(s) URLs, not the same, the target a page this server takes references for; then queues it. Refusals
 * are 400 `bad_request` naming the field (Pingback maps them to its faults); a host with many mentions waiting is
 * 429, a full queue 503.
 */
export async function receiveMention(
  { store, site, targetOrigins, newId, now }: MentionReceiverOptions,
  request: MentionRequest,
): Promise<StoredMention> {
  if (!request.source) throw new HttpError('bad_request', 'source is missing', 'source');
  if (!request.target) throw new HttpError('bad_request', 'target is missing', 'target');
  const source = parseUrl(request.source);
  if (!source) throw new HttpError('bad_request', 'source must be an http or https URL', 'source');
  const target = parseUrl(request.target);
  if (!target) throw new HttpError('bad_request', 'target must be an http or https URL', 'target');
  if (source.href === target.href)
    throw new HttpError('bad_request', 'source and target are the same', 'source');
  if (!targetOrigins.has(target.origin)) {
    throw new HttpError('bad_request', 'target is not a page this server takes responses for', 'target');
  }
  const thread = threadKeyOf(target.href);
  if (threadKeyError(thread))
    throw new HttpError('bad_request', 'target is not a page this server takes responses for', 'target');
  if ((await store.getThread(thread)).isLocked || (await site.isReadOnly(now()))) {
    throw new HttpError(
      'bad_request',
      'the target page takes no responses: its comments are closed',
      'target',
    );
  }
  const sourceHost = source.hostname;
  try {
    return await store.mentions.receive(
      {
        id: newId(),
        source: source.href,
        target: target.href,
        thread,
        via: request.via,
        sourceHost,
        senderIp: request.senderIp ?? null,
        at: new Date(now()).toISOString(),
      },
      { perHost: maxQueuedPerHost, total: maxQueued },
    );
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    const retryAfter = { 'Retry-After': '600' };
    if (error.scope === 'all') {
      throw new HttpError(
        'unavailable',
        'Too many mentions are waiting; send again later',
        undefined,
        retryAfter,
      );
    }
    throw new HttpError(
      'rate_limited',
      `Many mentions from ${sourceHost} are waiting; send again later`,
      'source',
      retryAfter,
    );
  }
}
