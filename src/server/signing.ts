import { fromBase64Url, toBase64Url, toHex } from './base64url.js';
import type { SettingStore } from './storage/settings.js';

/** Signs and checks short texts with the server's key (HMAC-SHA256, Web Crypto), shared by every instance. */
export interface Signer {
  /** `text` and its signature: `text.signature`, base64url. */
  sign(text: string): Promise<string>;
  /** The text a signed value carries, if its signature is this server's; `undefined` for anything else. */
  verify(signed: string): Promise<string | undefined>;
}

/**
 * A signer whose key lives in the settings (`signing_key`): made once, by whichever instance needs it first, and
 * read once per process. Every token natter hands out (form tokens, trust tokens) is signed with it.
 */
export function createSigner(settings: SettingStore): Signer {
  const loadKey = async () => {
    const fresh = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const stored = fromBase64Url(await settings.setIfAbsent('signing_key', fresh));
    if (!stored) throw new Error('The stored signing key is not base64url');
    return crypto.subtle.importKey('raw', stored.slice(), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  };
  let key: ReturnType<typeof loadKey> | undefined;
  const signingKey = () => {
    key ??= loadKey().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  const bytes = (text: string) => new TextEncoder().encode(text);
  return {
    async sign(text) {
      const signature = await crypto.subtle.sign('HMAC', await signingKey(), bytes(text));
      return `${text}.${toBase64Url(new Uint8Array(signature))}`;
    },
    async verify(signed) {
      const dot = signed.lastIndexOf('.');
      const signature = dot === -1 ? undefined : fromBase64Url(signed.slice(dot + 1));
      if (!signature) return undefined;
      const text = signed.slice(0, dot);
      // Web Crypto's verify compares in constant time.
      const isValid = await crypto.subtle.verify('HMAC', await signingKey(), signature.slice(), bytes(text));
      return isValid ? text : undefined;
    },
  };
}

/**
 * The `X-Natter-Signature` of `body` sent at `timestamp` (Unix seconds), as Stripe signs its webhooks:
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" under secret>`. The timestamp is signed with the body,
 * so a receiver that refuses old timestamps refuses replays. Notification webhooks and the moderation hook are
 * signed alike, so that one check serves both.
 */
export async function requestSignature(secret: string, timestamp: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${toHex(mac)}`;
}
