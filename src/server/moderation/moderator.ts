import type { CommentStore } from '../storage/store.js';
import { decideByMode } from './mode.js';
import type { TrustTokens } from './trust-token.js';
import type { ModerationLayer, Submission, Verdict } from './verdict.js';

export interface ModeratorOptions {
  store: CommentStore;
  /** The spam defences and rules, in order; the first verdict settles a comment. */
  layers: readonly ModerationLayer[];
  trust: TrustTokens;
}

/** Decides what becomes of a new or edited comment: each layer in turn, then the moderation mode. */
export type Moderator = (submission: Submission) => Promise<Verdict>;

/** How far from published each status is: an edit may move a comment further away, never closer. */
const distance: Record<Verdict['status'], number> = { published: 0, pending: 1, spam: 2, deleted: 3 };

/**
 * A layer's verdict on an edit: it may hold or bin a comment (a link added after approval is held like one in a
 * new comment), but never raise one: a held or spam comment is published by a moderator, not by its author
 * editing it until a layer is content. A verdict no worse than the comment's status leaves it as it was.
 */
function judgeEdit(verdict: Verdict, previous: Verdict): Verdict {
  return distance[verdict.status] >= distance[previous.status]
    ? verdict
    : { status: previous.status, reason: previous.reason };
}

/**
 * The moderation pipeline: the layers in order (a verdict settles the comment), then the mode. A first-time
 * author is trusted only with a valid trust token for the comment's e-mail address whose author still has a
 * published comment (one a moderator later marked as spam no longer vouches).
 */
export function createModerator({ store, layers, trust }: ModeratorOptions): Moderator {
  return async (submission) => {
    for (const layer of layers) {
      const verdict = await layer(submission);
      if (verdict) return submission.previous ? judgeEdit(verdict, submission.previous) : verdict;
    }
    const { comment, mode, previous, now } = submission;
    const email = comment.email;
    const isTrusted =
      !previous &&
      mode === 'first-time' &&
      email !== undefined &&
      submission.trust !== undefined &&
      (await trust.isValidFor(submission.trust, email, now)) &&
      (await store.hasPublishedByEmail(email));
    return decideByMode(submission, isTrusted);
  };
}
