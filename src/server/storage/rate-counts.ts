/** Counts of writes per key (a client or a thread) and minute, shared by every instance on the same database. */
export interface RateCounter {
  /** Adds one to `key`'s count in `window` (a minute since the epoch); resolves with the counts of that window and the one before. */
  hit(key: string, window: number): Promise<{ current: number; previous: number }>;
  /** Forgets windows before `window`; resolves with how many rows went. */
  prune(window: number): Promise<number>;
}
