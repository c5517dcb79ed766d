import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new author secret: 192 random bits, base64url. Shown once to its author, never stored. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** What the store keeps of a secret: its SHA-256, base64url. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Whether `secret` is the one whose hash is `expectedHash`, in time that does not depend on where they differ. */
export function isSecretValid(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new comment id: 96 random bits as 16 base64url characters (fixed width keeps order keys comparable). */
export function newCommentId(): string {
  return randomBytes(12).toString('base64url');
}
