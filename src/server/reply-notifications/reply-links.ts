import { readToken, signToken, type Signer } from '../signing.js';

/**
 * The links of reply notifications: the confirmation link (it expires) and the unsubscribe link (it works as long
 * as the subscription does). Each carries the subscription's id in a token signed with the server's key, of a kind
 * of its own, so that neither can stand for the other, nor any other token natter signs.
 */

/** How long a confirmation link works; a subscription not confirmed by then is deleted. */
export const confirmationLifetimeMs = 72 * 60 * 60_000;

/** Where the links lead, under the server's public URL. */
const confirmPath = 'notifications/confirm';
const unsubscribePath = 'notifications/unsubscribe';

const confirmKind = 'rc1';
const unsubscribeKind = 'ru1';

/** What a confirmation token says: the subscription, or why it cannot be read. */
export type ConfirmationClaim = { subscription: string } | { problem: 'invalid' | 'expired' };

/** `<baseUrl>path?token=…`: `baseUrl` ends in `/`. */
function linkTo(baseUrl: string, path: string, token: string): string {
  return `${baseUrl}${path}?token=${encodeURIComponent(token)}`;
}

/** The link that confirms a subscription, until `expiresAt` (milliseconds). */
export async function confirmationLink(
  signer: Signer,
  baseUrl: string,
  subscription: string,
  expiresAt: number,
): Promise<string> {
  return linkTo(
    baseUrl,
    confirmPath,
    await signToken(signer, confirmKind, { s: subscription, e: expiresAt }),
  );
}

/** The link that ends a subscription: a GET shows a button, a POST unsubscribes at once (RFC 8058). */
export async function unsubscribeLink(
  signer: Signer,
  baseUrl: string,
  subscription: string,
): Promise<string> {
  return linkTo(baseUrl, unsubscribePath, await signToken(signer, unsubscribeKind, { s: subscription }));
}

/** What a confirmation link's token claims at `now`: a forged, altered or foreign one is `invalid`. */
export async function readConfirmation(
  signer: Signer,
  token: string,
  now: number,
): Promise<ConfirmationClaim> {
  const value = await readToken(signer, confirmKind, token);
  if (typeof value?.s !== 'string' || typeof value.e !== 'number') return { problem: 'invalid' };
  return now > value.e ? { problem: 'expired' } : { subscription: value.s };
}

/** The subscription an unsubscribe link's token names, or `undefined` for any token this server did not sign. */
export async function readUnsubscribe(signer: Signer, token: string): Promise<string | undefined> {
  const value = await readToken(signer, unsubscribeKind, token);
  return typeof value?.s === 'string' ? value.s : undefined;
}
