/**
 * Comment ids are opaque to clients, but drawn from an alphabet that is safe in URL paths, HTML attributes
 * and fragment identifiers without escaping (docs/protocol.md#ids).
 */
const commentIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `value` is a well-formed comment id: 1 to 64 characters from `A–Z a–z 0–9 _ -`. */
export function isCommentId(value: unknown): value is string {
  return typeof value === 'string' && commentIdPattern.test(value);
}

/** The idempotency keys a server recognises: 22 (128 random bits in base64url) to 128 characters of the same alphabet. */
const idempotencyKeyPattern = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * Whether `value` is a well-formed idempotency key (docs/protocol.md#idempotency-keys): 22 to 128 characters from
 * `A–Z a–z 0–9 _ -`, so that a UUID or 128 random bits in base64url are one.
 */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && idempotencyKeyPattern.test(value);
}
