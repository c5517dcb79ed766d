import { randomBase64Url } from '../secrets.js';
import { readToken, signToken, type Signer } from '../signing.js';

/**
 * The cookie that marks a browser a moderator signed in from: sent only with sign-in attempts, never readable by
 * scripts.
 */
export const deviceCookie = 'natter_admin_device';
export const deviceCookiePath = '/admin/api/login';
/** A year: a browser stays known across sessions, for as long as a moderator keeps using it. */
export const deviceCookieMaxAgeSeconds = 365 * 24 * 3_600;

/**
 * Device cookies, as OWASP recommends against brute force that would lock the owner out: after a sign-in, the
 * browser holds a signed token naming it, and its later attempts count against that device alone, not against the
 * client address nor the attempts of all clients together. Strangers trying passwords from many addresses thus
 * spend the account's attempts, and the moderator's own browser still gets in.
 */
export interface KnownDevices {
  /** A new device token. */
  issue(now: number): Promise<string>;
  /** The device a token names, if this server signed it; `undefined` for anything else. */
  deviceOf(token: string | undefined): Promise<string | undefined>;
}

/** Device tokens signed with the server's key (`d1`, with a random id and the time it was first given). */
export function knownDevices(signer: Signer): KnownDevices {
  return {
    issue: (now) => signToken(signer, 'd1', { d: randomBase64Url(16), t: now }),
    async deviceOf(token) {
      if (token === undefined || token.length > 200) return undefined;
      const { d } = (await readToken(signer, 'd1', token)) ?? {};
      return typeof d === 'string' ? d : undefined;
    },
  };
}
