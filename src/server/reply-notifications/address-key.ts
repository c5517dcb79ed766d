import { fromBase64Url, toBase64Url } from '../base64url.js';
import { randomBase64Url } from '../secrets.js';
import type { SettingStore } from '../storage/settings.js';

/**
 * What reply subscriptions keep of a guest's e-mail address: a keyed hash to count and compare it by, and the
 * address sealed, to send to. Both keys come from one random secret in the settings (`address_key`), made once by
 * whichever instance needs it first: a copy of the subscriptions alone shows no address, though a copy of the
 * whole database (settings included) does, as it does the comments' own addresses (docs/notifications.md).
 */
export interface AddressKey {
  /** HMAC-SHA256 of the address as compared (trimmed, lower case), base64url. */
  hash(address: string): Promise<string>;
  /** The address sealed with AES-256-GCM under a fresh nonce: base64url of the nonce and the ciphertext. */
  seal(address: string): Promise<string>;
  /** The address `seal` sealed, or `undefined` for anything this key did not seal. */
  open(sealed: string): Promise<string | undefined>;
}

/** Web Crypto's key, by way of `crypto.subtle`: not every typecheck world has the DOM's names. */
type CryptoKeyOf = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** Bytes of the nonce AES-GCM takes. */
const nonceLength = 12;

/** The key for `purpose` derived from `secret` (HKDF-SHA256): hashing and sealing never share a key. */
function derive(secret: CryptoKeyOf, purpose: 'hash' | 'seal'): Promise<CryptoKeyOf> {
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: new TextEncoder().encode(`natter reply notifications: ${purpose}`),
    },
    secret,
    purpose === 'hash' ? { name: 'HMAC', hash: 'SHA-256', length: 256 } : { name: 'AES-GCM', length: 256 },
    false,
    purpose === 'hash' ? ['sign'] : ['encrypt', 'decrypt'],
  );
}

/** The address as compared: an address differs from itself by case only in form, never in who reads it. */
function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The address key of a store's settings: read once per process (a failure is not remembered). */
export function createAddressKey(settings: SettingStore): AddressKey {
  const load = async () => {
    const stored = fromBase64Url(await settings.setIfAbsent('address_key', randomBase64Url(32)));
    if (!stored) throw new Error('The stored address key is not base64url');
    const secret = await crypto.subtle.importKey('raw', stored.slice(), 'HKDF', false, ['deriveKey']);
    const [hashing, sealing] = await Promise.all([derive(secret, 'hash'), derive(secret, 'seal')]);
    return { hashing, sealing };
  };
  let keys: ReturnType<typeof load> | undefined;
  const keysOf = () => {
    keys ??= load().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };
  const encode = (text: string) => new TextEncoder().encode(text);
  return {
    async hash(address) {
      const { hashing } = await keysOf();
      const mac = await crypto.subtle.sign('HMAC', hashing, encode(normalizeAddress(address)));
      return toBase64Url(new Uint8Array(mac));
    },
    async seal(address) {
      const { sealing } = await keysOf();
      const nonce = crypto.getRandomValues(new Uint8Array(nonceLength));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, sealing, encode(address));
      const bytes = new Uint8Array(nonceLength + sealed.byteLength);
      bytes.set(nonce);
      bytes.set(new Uint8Array(sealed), nonceLength);
      return toBase64Url(bytes);
    },
    async open(sealed) {
      const bytes = fromBase64Url(sealed);
      if (!bytes || bytes.length <= nonceLength) return undefined;
      const { sealing } = await keysOf();
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.slice(0, nonceLength) },
          sealing,
          bytes.slice(nonceLength),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return undefined;
      }
    },
  };
}
