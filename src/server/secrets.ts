import { sha256, toBase64Url } from './base64url.js';

/**
 * Random bytes drawn ahead from the platform's cryptographically secure generator, 4 KiB at a time: a draw costs
 * about 10 µs however few bytes it asks for, and a post takes 36 (its id and secret), as Node's randomUUID caches.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** `length` bytes from the platform's cryptographically secure generator, as base64url. */
export function randomBase64Url(length: number): string {
  if (length > pool.length) return toBase64Url(crypto.getRandomValues(new Uint8Array(length)));
  if (poolOffset + length > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return toBase64Url(bytes);
}

/** A new author secret: 192 random bits, base64url. Shown once to its author, never stored. */
export function newSecret(): string {
  return randomBase64Url(24);
}

/** What the store keeps of a secret: its SHA-256, base64url. */
export async function hashSecret(secret: string): Promise<string> {
  return toBase64Url(await sha256(secret));
}

/** Whether `secret` is the one whose hash is `expectedHash`, in time that does not depend on where they differ. */
export async function isSecretValid(secret: string, expectedHash: string): Promise<boolean> {
  const actual = await hashSecret(secret);
  if (actual.length !== expectedHash.length) return false;
  let difference = 0;
  for (let index = 0; index < actual.length; index += 1) {
    difference |= actual.charCodeAt(index) ^ expectedHash.charCodeAt(index);
  }
  return difference === 0;
}

/** A new comment id: 96 random bits as 16 base64url characters (fixed width keeps order keys comparable). */
export function newCommentId(): string {
  return randomBase64Url(12);
}
