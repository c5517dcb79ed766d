// base64url without padding (RFC 4648 §5) over the web platform's btoa and atob: no Buffer, so the app runs on
// any runtime with web-standard APIs.
import { sha256 as sha256Now } from '@noble/hashes/sha2.js';

/** `bytes` as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes `text` encodes in base64url (padding optional), or `undefined` if it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/**
 * Inputs up to this size are hashed on the spot, in JavaScript (@noble/hashes); larger ones by Web Crypto, off the
 * event loop. On Node each Web Crypto call is a job handed to the thread pool: about 50 µs for the 32 bytes of a
 * secret against 2 µs on the spot, and a post hashes several short texts (its secret, its idempotency key).
 */
const hashedInPlaceBytes = 16 * 1024;

/** SHA-256 of `data` (a string is hashed as UTF-8). */
export async function sha256(data: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length <= hashedInPlaceBytes) return sha256Now(bytes);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** `bytes` as lower-case hexadecimal, two digits a byte. */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
