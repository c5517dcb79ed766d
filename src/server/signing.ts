import { fromBase64Url, sha256, toBase64Url, toHex } from './base64url.js';
import { randomBase64Url } from './secrets.js';
import type { SettingKey, SettingStore } from './storage/settings.js';

/** Signs and checks short texts with the server's key (HMAC-SHA256, Web Crypto), shared by every instance. */
export interface Signer {
  /** `text` and its signature: `text.signature`, base64url. */
  sign(text: string): Promise<string>;
  /** The text a signed value carries, if its signature is this server's; `undefined` for anything else. */
  verify(signed: string): Promise<string | undefined>;
}

/** Web Crypto's key and its usages, by way of `crypto.subtle`: not every typecheck world has the DOM's names. */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
type KeyUsages = Parameters<typeof crypto.subtle.importKey>[4];

/**
 * An HMAC-SHA256 key made of a random secret kept in the setting `name`: the secret is made once, by whichever
 * instance needs it first, so that every instance on the database has the same key, and read once per process. A
 * failure (the store unreachable) is not remembered: the next use reads again. `keyBytes` says how the stored text
 * becomes the key's bytes.
 */
export function settingKey(
  settings: SettingStore,
  name: SettingKey,
  keyBytes: (stored: string) => Uint8Array<ArrayBuffer>,
  usages: KeyUsages,
): () => Promise<HmacKey> {
  const load = async () => {
    const stored = await settings.setIfAbsent(name, randomBase64Url(32));
    return crypto.subtle.importKey('raw', keyBytes(stored), { name: 'HMAC', hash: 'SHA-256' }, false, usages);
  };
  let key: Promise<HmacKey> | undefined;
  return () => {
    key ??= load().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

/**
 * A signer whose key lives in the settings (`signing_key`): made once, by whichever instance needs it first, and
 * read once per process. Every token natter hands out (form tokens, trust tokens) is signed with it.
 */
export function createSigner(settings: SettingStore): Signer {
  const signingKey = settingKey(
    settings,
    'signing_key',
    (stored) => {
      const bytes = fromBase64Url(stored);
      if (!bytes) throw new Error('The stored signing key is not base64url');
      return bytes.slice();
    },
    ['sign', 'verify'],
  );
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
 * A token of the kind `kind` names (`f1` for form tokens, `t1` for trust tokens) carrying `value`:
 * `<kind>.<base64url JSON>`, signed by `signer`. The kind keeps tokens signed with the same key apart.
 */
export async function signToken(signer: Signer, kind: string, value: object): Promise<string> {
  return signer.sign(`${kind}.${toBase64Url(new TextEncoder().encode(JSON.stringify(value)))}`);
}

/** What a token `signToken` made of the kind `kind` carries; `undefined` for any other text. */
export async function readToken(
  signer: Signer,
  kind: string,
  token: string,
): Promise<Record<string, unknown> | undefined> {
  const text = await signer.verify(token);
  const bytes = text?.startsWith(`${kind}.`) ? fromBase64Url(text.slice(kind.length + 1)) : undefined;
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A fingerprint of `text` for a token to name it by (a thread, an e-mail address): 22 base64url characters of the
 * SHA-256 of `<label>\n<text>`, a few bytes however long the text, and without showing it.
 */
export async function fingerprint(label: string, text: string): Promise<string> {
  return toBase64Url(await sha256(`${label}\n${text}`)).slice(0, 22);
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
