import { fingerprint, readToken, signToken, type Signer } from '../signing.js';

/** How long a trust token is good for; an author who comments less than yearly is held once more. */
const trustLifetimeMs = 365 * 24 * 60 * 60 * 1000;

/**
 * First-time moderation's proof that an author was approved before: a token signed by the server, bound to the
 * author's e-mail address, given to the author's client (in the answer to a post that was published, or to the
 * author's read of a comment a moderator approved) and sent back with later posts (`trust`, docs/protocol.md). An
 * address typed into a form proves nothing: only the token does, and only for the address it names.
 */
export interface TrustTokens {
  /** A token for the author of `email`, issued at `now`. */
  issue(email: string, now: number): Promise<string>;
  /** Whether `token` is this server's, unexpired at `now`, and names `email` (compared case-insensitively). */
  isValidFor(token: string, email: string, now: number): Promise<boolean>;
}

/** A fingerprint of an e-mail address: a token names its address without showing it to whoever holds the token. */
const addressTag = (email: string) => fingerprint('natter-trust', email.toLowerCase());

/**
 * Trust tokens signed by `signer`: `t1.` and base64url JSON `{ e: the address's fingerprint, t: issued at }`, then the
 * signature.
 */
export function trustTokens(signer: Signer): TrustTokens {
  return {
    issue: async (email, now) => signToken(signer, 't1', { e: await addressTag(email), t: now }),
    async isValidFor(token, email, now) {
      const { e, t } = (await readToken(signer, 't1', token)) ?? {};
      return (
        typeof e === 'string' &&
        typeof t === 'number' &&
        e === (await addressTag(email)) &&
        t <= now &&
        now - t < trustLifetimeMs
      );
    },
  };
}
