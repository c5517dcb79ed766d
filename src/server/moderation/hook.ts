import type { Logger } from '../logger.js';
import { requestSignature } from '../signing.js';
import { postWithin } from './remote-call.js';
import { held, published, spam, type ModerationLayer, type Submission, type Verdict } from './verdict.js';

/** The site owner's own moderation service, asked about every new and edited comment. */
export interface ModerationHookOptions {
  /** Where to POST each comment. */
  url: string;
  /** The key of the HMAC-SHA256 signature the hook checks. A secret: never logged. */
  secret: string;
  /** How long to wait for an answer, in milliseconds (default 2 000); past it the comment is held. */
  timeoutMs?: number;
}

/** What natter POSTs to the hook (docs/moderation.md#the-moderation-hook). */
export interface HookRequest {
  /** `reference`: a Webmention's or Pingback's source, its author, URL and title and excerpt as the comment. */
  event: 'new' | 'edit' | 'reference';
  comment: {
    id: string;
    thread: string;
    parent: string | null;
    author: { name: string; email: string | null; url: string | null };
    text: string;
    createdAt: string;
  };
  /** The address the comment came from, or `null` when not known. */
  clientAddress: string | null;
  /** The moderation mode that decides when the hook does not: `open`, `first-time` or `all`. */
  mode: Submission['mode'];
}

function requestOf(submission: Submission): HookRequest {
  const { comment, previous } = submission;
  return {
    event: submission.via ? 'reference' : previous ? 'edit' : 'new',
    comment: {
      id: submission.id,
      thread: comment.thread,
      parent: comment.parent ?? null,
      author: { name: comment.name, email: comment.email ?? null, url: comment.url ?? null },
      text: comment.text,
      createdAt: submission.createdAt,
    },
    clientAddress: submission.clientAddress ?? null,
    mode: submission.mode,
  };
}

/** A hook's reason as moderators read it: one line of printable text, at most 200 characters. */
function cleanReason(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return undefined;
  const line = reason.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line === '' ? undefined : line.slice(0, 200);
}

/** The verdict a hook's answer stands for, or `undefined` when it is not a valid answer. */
function verdictOf(text: string): Verdict | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { action, reason } = answer as { action?: unknown; reason?: unknown };
  const because = cleanReason(reason);
  const why = because ? `moderation hook (${because})` : 'moderation hook';
  if (action === 'publish') return published(why);
  if (action === 'hold') return held(why);
  if (action === 'spam') return spam(why);
  return undefined;
}

/**
 * Asks the site owner's moderation hook what to do with a comment: it answers `{ action: "publish" | "hold" |
 * "spam", reason? }` and that is the verdict ("held: moderation hook (toxicity 0.93)"), the mode included. A hook
 * that fails, is slower than its timeout or answers anything else holds the comment ("held: moderation hook
 * unavailable"): the comment is kept, and never waits longer than the timeout.
 *
 * Each request is signed as Stripe signs its webhooks, and as natter signs its notifications: `X-Natter-Signature:
 * t=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so a hook can tell natter's requests from forgeries and
 * refuse an old one replayed.
 */
export function moderationHook(options: ModerationHookOptions, logger: Logger): ModerationLayer {
  const timeoutMs = options.timeoutMs ?? 2_000;
  return async (submission) => {
    const body = JSON.stringify(requestOf(submission));
    const timestamp = Math.floor(submission.now / 1000);
    let problem: string;
    try {
      const answer = await postWithin(
        options.url,
        {
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'natter',
            'X-Natter-Signature': await requestSignature(options.secret, timestamp, body),
          },
          body,
        },
        timeoutMs,
      );
      const verdict = answer.status >= 200 && answer.status < 300 ? verdictOf(answer.text) : undefined;
      if (verdict) return verdict;
      problem = `answered ${answer.status} ${JSON.stringify(answer.text.slice(0, 100))}`;
    } catch (error) {
      problem = (error as Error).message;
    }
    logger.log('warn', 'moderation hook unavailable: comment held', { problem, comment: submission.id });
    return held('moderation hook unavailable');
  };
}
