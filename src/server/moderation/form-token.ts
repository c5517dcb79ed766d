import { limits } from '../../protocol/limits.js';
import { fingerprint, readToken, signToken, type Signer } from '../signing.js';
import { held, spam, type ModerationLayer } from './verdict.js';

/** What a form token says about the post that carries it. */
export type FormTokenCheck = 'valid' | 'too_fast' | 'stale' | 'forged';

export interface FormTokenTiming {
  /** How soon after it was issued a token may be used: posting faster than anyone types is a bot (default 3 s, `limits`). */
  minAgeMs?: number;
  /** How long a token is good for (default 24 h): one scraped once and replayed for ever is not. */
  lifetimeMs?: number;
}

/** How a server treats form tokens (`AppOptions.formToken`). */
export interface FormTokenOptions extends FormTokenTiming {
  /** Whether a post without a form token is held for a moderator (the default), or left to the other layers. */
  isRequired?: boolean;
}

/**
 * Proof that a post came through a form: a token the client fetched for the thread when its reader started writing
 * (`GET /api/v1/form-token`, docs/protocol.md#spam-defence), signed by the server and bound to the thread and the
 * moment it was issued. A bot that posts straight to the API has none, or one it reuses too fast or too long.
 */
export interface FormTokens {
  /** How soon after it was issued a token may be used. */
  readonly minAgeMs: number;
  /** A token for a post to `thread`, issued at `now`. */
  issue(thread: string, now: number): Promise<string>;
  /** What `token` is worth for a post to `thread` at `now`. */
  check(token: string, thread: string, now: number): Promise<FormTokenCheck>;
}

/** A fingerprint of a thread key: a token names its thread in a few bytes however long the key. */
const threadTag = (thread: string) => fingerprint('natter-form', thread);

/**
 * Form tokens signed by `signer`: `f1.` and base64url JSON `{ h: the thread's fingerprint, t: issued at }`, then
 * the signature. The prefix keeps them apart from trust tokens, signed with the same key.
 */
export function formTokens(
  signer: Signer,
  { minAgeMs = limits.formTokenMinimumAgeMs, lifetimeMs = 24 * 60 * 60 * 1000 }: FormTokenTiming = {},
): FormTokens {
  return {
    minAgeMs,
    issue: async (thread, now) => signToken(signer, 'f1', { h: await threadTag(thread), t: now }),
    async check(token, thread, now) {
      const issued = await readToken(signer, 'f1', token);
      if (typeof issued?.t !== 'number' || issued.h !== (await threadTag(thread))) return 'forged';
      const age = now - issued.t;
      if (age < minAgeMs) return 'too_fast';
      if (age >= lifetimeMs) return 'stale';
      return 'valid';
    },
  };
}

const checkReasons = {
  too_fast: 'posted too fast',
  stale: 'stale form token',
  forged: 'forged form token',
} as const;

/**
 * The honeypot and the form token, as signs of a bot: a filled hidden field, or a token posted too fast, too late,
 * forged or for another thread, is spam. A post without a token is left to `missingFormToken`; edits carry neither
 * and pass.
 */
export function honeypotAndFormToken(tokens: FormTokens): ModerationLayer {
  return async ({ previous, honeypot, formToken, comment, now }) => {
    if (previous) return undefined;
    if (honeypot !== undefined && honeypot.trim() !== '') return spam('honeypot');
    if (formToken === undefined) return undefined;
    const check = await tokens.check(formToken, comment.thread, now);
    return check === 'valid' ? undefined : spam(checkReasons[check]);
  };
}

/**
 * Holds a new comment posted without a form token: a client other than a form (curl, a script, a bot that never
 * loaded the page) is not thereby a spammer, so it waits for a moderator instead of going to spam.
 */
export function missingFormToken(): ModerationLayer {
  return ({ previous, formToken }) =>
    !previous && formToken === undefined ? held('no form token') : undefined;
}
