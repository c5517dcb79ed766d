import { limits } from '../protocol/limits.js';

/**
 * Splits thread keys, without repeats, into the batches of `GET /api/v1/counts` at `base`: at most
 * `limits.maxCountThreads` keys each, and no URL longer than `limits.requestUrlLength`. Shared by the client's
 * `getCounts` and `natter/count`, which must not carry the rest of the client.
 */
export function countBatches(base: URL, threads: Iterable<string>): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = base.href.length;
  for (const thread of new Set(threads)) {
    const paramLength = `&thread=${encodeURIComponent(thread)}`.length;
    if (
      batch.length === limits.maxCountThreads ||
      (batch.length > 0 && length + paramLength > limits.requestUrlLength)
    ) {
      batches.push(batch);
      batch = [];
      length = base.href.length;
    }
    batch.push(thread);
    length += paramLength;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
