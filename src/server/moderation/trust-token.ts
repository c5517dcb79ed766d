import { fromBase64Url, sha256, toBase64Url } from '../base64url.js';
import type { Signer } from '../signing.js';

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
async function addressTag(email: string): Promise<string> {
  return toBase64Url(await sha256(`natter-trust\n${email.toLowerCase()}`)).slice(0, 22);
}

/**
 * Trust tokens signed by `signer`: base64url JSON `{ e: the address's fingerprint, t: issued at }`, then the
 * signature.
 */
export function trustTokens(signer: Signer): TrustTokens {
  const encode = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
  return {
    issue: async (email, now) => signer.sign(`t1.${encode({ e: await addressTag(email), t: now })}`),
    async isValidFor(token, email, now) {
      const text = await signer.verify(token);
      if (!text?.startsWith('t1.')) return false;
      const bytes = fromBase64Url(text.slice(3));
      if (!bytes) return false;
      try {
        const { e, t } = JSON.parse(new TextDecoder().decode(bytes)) as { e?: unknown; t?: unknown };
        return (
          typeof e === 'string' &&
          typeof t === 'number' &&
          e === (await addressTag(email)) &&
          t <= now &&
          now - t < trustLifetimeMs
        );
      } catch {
        return false;
      }
    },
  };
}
