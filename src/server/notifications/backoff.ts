/**
 * How long a failed notification waits before its next attempt, after its first, second, … failure: 30 s, 2 min,
 * 10 min, 1 h, 4 h, 12 h, then a day. After the eighth failed attempt (some 41 hours after the first) it is given
 * up, and stays in the queue as failed, with the last error.
 */
export const retryDelaysMs: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  4 * 60 * 60_000,
  12 * 60 * 60_000,
  24 * 60 * 60_000,
];

/** Milliseconds to wait after a delivery's `failures`-th failed attempt, or `undefined` when it is given up. */
export function retryDelayAfter(failures: number): number | undefined {
  return failures >= 1 ? retryDelaysMs[failures - 1] : undefined;
}
