import { createHash } from 'node:crypto';

/** A serialized answer, ready to send again. */
export interface CachedBody {
  /** What the entry costs the cache's memory budget. */
  size: number;
  /** UTF-8, encoded once: every hit sends these bytes as they are. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  expires: number;
}

/**
 * Serialized GET answers keyed by their raw request line, so that reading a popular thread costs no parsing, no
 * query and no JSON encoding. A write to a thread drops every answer about that thread at once; entries also
 * expire after `ttlMs`, which bounds staleness when another instance (several servers on one PostgreSQL) wrote.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedBody>();
  readonly #keysByThread = new Map<string, Set<string>>();
  #bytes = 0;

  /**
   * @param ttlMs how long an answer may be reused
   * @param maxBytes memory budget for bodies (UTF-8 bytes) and keys (UTF-16 code units × 2); when a new answer would exceed
   *   it, the cache starts over. Keys are raw query strings, so junk parameters cannot grow it past this.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The fresh answer cached under `key`, if any. */
  get(key: string, now: number): CachedBody | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.expires > now ? entry : undefined;
  }

  /** Caches `body` under `key` as an answer about `threads`. */
  set(key: string, threads: readonly string[], body: string, now: number): CachedBody {
    this.#delete(key);
    const bytes = new TextEncoder().encode(body);
    const size = bytes.byteLength + key.length * 2;
    if (this.#bytes + size > this.maxBytes) this.clear();
    this.#bytes += size;
    const entry = {
      size,
      body: bytes,
      etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`,
      expires: now + this.ttlMs,
    };
    this.#entries.set(key, entry);
    for (const thread of threads) {
      let keys = this.#keysByThread.get(thread);
      if (!keys) this.#keysByThread.set(thread, (keys = new Set()));
      keys.add(key);
    }
    return entry;
  }

  /** Forgets every cached answer about `thread`. */
  invalidate(thread: string): void {
    for (const key of this.#keysByThread.get(thread) ?? []) this.#delete(key);
    this.#keysByThread.delete(thread);
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.size;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#keysByThread.clear();
    this.#bytes = 0;
  }
}
