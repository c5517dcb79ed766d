import type { ModerationMode } from '../storage/store.js';
import { held, published, type Submission, type Verdict } from './verdict.js';

/**
 * The last word on a comment no other layer settled, by the moderation mode: `open` publishes; `all` holds; a
 * `first-time` comment is published when its author holds a valid trust token for its e-mail address (given once
 * a comment of theirs was published, see trust-token.ts) and held otherwise, whatever address it gives, so that
 * neither the answer nor the outcome says which addresses are trusted. Without an e-mail address nothing can be
 * trusted: such a comment is always held.
 */
export function decideByMode({ mode, previous }: Submission, isTrusted: boolean): Verdict {
  if (previous) return decideEdit(mode, previous);
  if (mode === 'open') return published();
  if (mode === 'all') return held('every comment is moderated');
  return isTrusted ? published() : held('first comment');
}

/**
 * An edit: under `all` a published or pending comment is held (again: an approved text must not be replaced by one
 * nobody approved); otherwise, and for spam, the comment keeps the status it had and its reason.
 */
function decideEdit(mode: ModerationMode, previous: Verdict): Verdict {
  if (mode === 'all' && (previous.status === 'published' || previous.status === 'pending')) {
    return held('edited');
  }
  return { status: previous.status, reason: previous.reason };
}
