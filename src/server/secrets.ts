import { sha256, toBase64Url } from './base64url.js';

/** `length` bytes from the platform's cryptographically secure generator, as base64url. */
export function randomBase64Url(length: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(length)));
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
