import type { ContentCoding } from './accept-encoding.js';
import { sha256, toBase64Url } from './base64url.js';
import { compressionThresholdBytes, encodedEtag, type Compression, type TaggedBody } from './compression.js';

/** The codings an answer may be sent in besides identity, each `true`: what `chooseCoding` chooses among. */
export type OfferedCodings = Readonly<Partial<Record<ContentCoding, true>>>;

/** A serialized answer, ready to send again. */
export interface CachedBody extends TaggedBody {
  /** UTF-8, encoded once: every hit sends these bytes, or a form `ResponseCache.form` made, as they are. */
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  /**
   * The codings the answer may be sent in: every coding of the cache's compression for an answer of at least
   * `compressionThresholdBytes`, none for a smaller one; a coding that came out no smaller is taken out.
   */
  readonly offered: OfferedCodings;
  readonly expires: number;
}

/** An answer as a route makes it: its body, and the threads it is about (a write to one of them drops it). */
export interface MadeAnswer {
  threads: readonly string[];
  body: string;
}

/** An answer being made: what asks for its key meanwhile waits for it, unless a write came since it began. */
interface Making {
  readonly answer: Promise<CachedBody>;
  /** `#writes` when it began. */
  readonly writes: number;
}

/** How long answers live and how many the cache may hold. */
export interface ResponseCacheOptions {
  /** How long an answer may be reused, in milliseconds. */
  ttlMs: number;
  /** Most answers held at once. */
  maxEntries?: number;
  /** Most memory the answers and their index may take, charged as measured below. */
  maxBytes?: number;
  /** How to make the answers' compressed forms (the runtime's); without it, answers are kept as they are. */
  compression?: Compression;
}

/** The cached answers about one thread: dropped together when the thread is written to. */
interface ThreadIndex {
  /** The thread's key, copied (see `detached`): the only copy the cache holds. */
  readonly thread: string;
  /** Keys of the entries about this thread: exactly the live ones, never a key of a dropped entry. */
  readonly keys: Set<string>;
}

interface Entry extends CachedBody {
  /** The key it is held under. */
  readonly key: string;
  offered: OfferedCodings;
  /**
   * Its compressed forms, each made when a client first asked for its coding: while it is being made, the promise
   * of it, which the requests asking meanwhile share.
   */
  readonly forms: Partial<Record<ContentCoding, TaggedBody | Promise<TaggedBody | undefined>>>;
  /** What the entry costs the budget (its forms included); its threads' `ThreadIndex`es are charged apart. */
  size: number;
  /** The index of every thread the answer is about, so dropping it leaves no key behind in any of them. */
  readonly indexes: readonly ThreadIndex[];
}

/*
 * What an entry costs beyond its body's bytes and its strings' characters. Measured on Node 20 (x64) with
 * `--expose-gc`, from 200,000 `set`s of small bodies (a throwaway script, not kept): the growth of heapUsed plus
 * arrayBuffers, and of RSS, which also sees the native half of every ArrayBuffer (its backing store and
 * bookkeeping), per entry, minus the characters and bytes themselves:
 * - an entry (its `#entries` slot, the entry object, the Uint8Array and its ArrayBuffer, the ETag string, the
 *   `indexes` array, the key's string header): about 500 bytes of heap, about 800 with the native part;
 * - a thread's first answer (its `#indexes` slot, the `ThreadIndex`, the Set, the thread's string header): 230;
 * - each further thread an answer is about (a slot in its Set and in `indexes`): 35 to 40.
 * The constants round these up and strings are charged two bytes per code unit (V8 often needs one), so the budget
 * errs on the side of holding less: 1,110 bytes charged for an entry that measured 875 in RSS. Each entry's `forms`
 * object (made on demand since) adds about 65 bytes: 100,000 `set`s of 16-byte bodies, each about a thread of its
 * own, measured 867 bytes of heap and 1,505 to 1,538 of RSS per entry, against 802 and 1,456 to 1,466 before; the
 * constant went from 1,000 to 1,150, and such an entry is charged 1,568.
 */
const entryOverheadBytes = 1_150;
const threadIndexOverheadBytes = 300;
const indexSlotBytes = 48;
/*
 * Each compressed form of an answer (its object, Uint8Array, ArrayBuffer and slot, the form's ETag string header),
 * measured the same way from 100,000 answers with two forms of 16 bytes each: about 350 bytes of heap, 520 with the
 * native part, beyond the bytes and characters.
 */
const encodedBodyOverheadBytes = 500;

/** A V8 string takes one or two bytes per UTF-16 code unit; two is always enough. */
const charBytes = (text: string) => 2 * text.length;

/**
 * A copy of `text` that holds on to nothing else. V8 makes a substring of 13 characters or more a slice of its
 * parent: a thread key read from a query would keep the whole request URL alive (up to 16 KB) for as long as the
 * cache holds the key, uncharged.
 */
const detached = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

const encoder = new TextEncoder();

/** A strong ETag of `bytes`: base64url of the first 128 bits of their SHA-256, through Web Crypto. */
async function etagOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return `"${toBase64Url((await sha256(bytes)).subarray(0, 16))}"`;
}

/** Offered by answers too small to compress, and by those whose every coding came out no smaller. */
const offersNothing: OfferedCodings = Object.freeze({});

/** `offered` without `coding`. */
const without = (offered: OfferedCodings, coding: ContentCoding): OfferedCodings =>
  Object.freeze(
    Object.fromEntries(Object.keys(offered).flatMap((name) => (name === coding ? [] : [[name, true]]))),
  );

/**
 * Serialized GET answers keyed by the request's known parameters, so that reading a popular thread costs no
 * parsing, no query and no JSON encoding. Each answer is compressed in a coding only once a client asks for it, then
 * kept in that form too: an answer read once (a thread nobody else opens in two seconds) costs no compression its
 * reader did not ask for, and a popular one is compressed once per coding. A write to a thread drops every answer
 * about that thread at once; entries also expire after `ttlMs`, which bounds staleness when another instance
 * (several servers on one PostgreSQL) wrote. Bounded by count and by memory: the oldest answers go first (expired ones as soon as a new
 * answer comes), so no sequence of requests can grow it past `maxEntries` or `maxBytes`.
 */
export class ResponseCache {
  /** In insertion order, which is age order: `set` re-inserts a replaced key. */
  readonly #entries = new Map<string, Entry>();
  readonly #indexes = new Map<string, ThreadIndex>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #compression: Compression | undefined;
  /** What an answer worth compressing offers: every coding of `#compression`. */
  readonly #offered: OfferedCodings;
  readonly #making = new Map<string, Making>();
  /** Writes to any thread so far (`invalidate`, `clear`): an answer begun before one may not show it. */
  #writes = 0;
  #bytes = 0;

  /**
   * Defaults: 10,000 answers and 32 MiB, whichever is reached first. With answers living two seconds, that is far
   * more than the hot pages of a busy site need, and little enough for a small VPS.
   */
  constructor({
    ttlMs,
    maxEntries = 10_000,
    maxBytes = 32 * 1024 * 1024,
    compression,
  }: ResponseCacheOptions) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
    this.#compression = compression;
    this.#offered = Object.freeze(
      Object.fromEntries((compression?.codings ?? []).map((coding) => [coding, true])),
    );
  }

  /** The fresh answer cached under `key`, if any. */
  get(key: string, now: number): CachedBody | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.expires > now ? entry : undefined;
  }

  /**
   * The fresh answer under `key`; else the one being made for it already; else the one `make` resolves with, cached:
   * when a popular page expires, the hundred requests that find it gone query it, encode it and compress it once, not
   * a hundred times over with all their buffers (and zlib's) alive at once. An answer begun before a write to any
   * thread is neither shared with what asks after the write nor kept, since it may not show it; a failure reaches
   * every request that waited for it, as the same request would have failed alike.
   */
  fill(key: string, now: () => number, make: () => Promise<MadeAnswer>): Promise<CachedBody> {
    const cached = this.get(key, now());
    if (cached) return Promise.resolve(cached);
    const making = this.#making.get(key);
    const writes = this.#writes;
    if (making && making.writes === writes) return making.answer;
    const answer = make()
      .then(async ({ threads, body }) => {
        const made = await this.set(key, threads, body, now());
        // Read before a write that came while it was made: sent to those who asked meanwhile, kept for nobody after.
        if (this.#writes !== writes && this.#entries.get(key) === made) this.#delete(key);
        return made;
      })
      .finally(() => {
        if (this.#making.get(key)?.answer === answer) this.#making.delete(key);
      });
    this.#making.set(key, { answer, writes });
    return answer;
  }

  /**
   * Caches `body` under `key` as an answer about `threads` and resolves with it, ready to send (also when it was too
   * large to keep).
   */
  async set(key: string, threads: readonly string[], body: string, now: number): Promise<CachedBody> {
    const bytes = encoder.encode(body);
    const etag = await etagOf(bytes);
    const storedKey = detached(key);
    this.#delete(storedKey);
    const indexes = [...new Set(threads)].map((thread) => this.#indexOf(thread));
    const entry: Entry = {
      key: storedKey,
      body: bytes,
      etag,
      offered: bytes.byteLength < compressionThresholdBytes ? offersNothing : this.#offered,
      forms: {},
      expires: now + this.#ttlMs,
      size: entryOverheadBytes + bytes.byteLength + charBytes(storedKey) + indexes.length * indexSlotBytes,
      indexes,
    };
    this.#entries.set(storedKey, entry);
    for (const index of indexes) index.keys.add(storedKey);
    this.#bytes += entry.size;
    this.#evict(now);
    return entry;
  }

  /**
   * `cached` in `coding` (one it offers): the form made already, or made now and kept with the answer while it is
   * held (charged to the budget); `undefined` when that coding came out no smaller, which the answer then no longer
   * offers.
   */
  form(cached: CachedBody, coding: ContentCoding): TaggedBody | undefined | Promise<TaggedBody | undefined> {
    const entry = cached as Entry;
    const form = entry.forms[coding];
    if (form || !entry.offered[coding] || !this.#compression) return form;
    return (entry.forms[coding] = this.#makeForm(entry, coding, this.#compression));
  }

  async #makeForm(
    entry: Entry,
    coding: ContentCoding,
    compression: Compression,
  ): Promise<TaggedBody | undefined> {
    try {
      const compressed = await compression.compress(entry.body, coding);
      if (compressed.byteLength >= entry.body.byteLength) {
        entry.offered = without(entry.offered, coding);
        entry.forms[coding] = undefined;
        return undefined;
      }
      // A buffer of its own size: a runtime may hand back a view of a larger one (Node's zlib does), which the
      // cache would keep whole while counting only the view.
      const form: TaggedBody = {
        body: compressed.byteLength === compressed.buffer.byteLength ? compressed : compressed.slice(),
        etag: encodedEtag(entry.etag, coding),
      };
      entry.forms[coding] = form;
      const size = encodedBodyOverheadBytes + form.body.byteLength + charBytes(form.etag);
      entry.size += size;
      if (this.#entries.get(entry.key) === entry) {
        this.#bytes += size;
        this.#evict(Number.NEGATIVE_INFINITY);
      }
      return form;
    } catch (error) {
      // The next request asks again.
      entry.forms[coding] = undefined;
      throw error;
    }
  }

  /** Whether `cached` (as `get` or `set` gave it) is still the fresh answer: not expired, replaced or dropped. */
  isCurrent(cached: CachedBody, now: number): boolean {
    const { key, expires } = cached as Entry;
    return expires > now && this.#entries.get(key) === cached;
  }

  /** Forgets every cached answer about `thread`. */
  invalidate(thread: string): void {
    this.#writes += 1;
    const index = this.#indexes.get(thread);
    if (!index) return;
    // Dropping the last key of the set also drops the index.
    for (const key of index.keys) this.#delete(key);
  }

  /** Forgets every cached answer: for a change that every thread's answer shows (the site made read-only). */
  clear(): void {
    this.#writes += 1;
    this.#entries.clear();
    this.#indexes.clear();
    this.#bytes = 0;
  }

  /** How many answers are held (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  /** The memory charged for the answers held and their index (for tests and metrics). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Every thread with answers held, and their keys (for tests and metrics: a copy, built on each call). */
  indexedKeys(): Map<string, string[]> {
    return new Map([...this.#indexes].map(([thread, index]) => [thread, [...index.keys]]));
  }

  /** The index of `thread`, created (and charged) if this is the first answer held about it. */
  #indexOf(thread: string): ThreadIndex {
    let index = this.#indexes.get(thread);
    if (!index) {
      index = { thread: detached(thread), keys: new Set() };
      this.#indexes.set(index.thread, index);
      this.#bytes += threadIndexOverheadBytes + charBytes(index.thread);
    }
    return index;
  }

  /** Drops answers from the oldest on while they have expired or either bound is exceeded. */
  #evict(now: number): void {
    for (const [key, entry] of this.#entries) {
      const isOverBudget = this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes;
      if (!isOverBudget && entry.expires > now) return;
      this.#delete(key);
    }
  }

  /** Drops the answer under `key` from the entries and from the index of every thread it is about. */
  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
    for (const index of entry.indexes) {
      index.keys.delete(key);
      if (index.keys.size === 0) {
        this.#indexes.delete(index.thread);
        this.#bytes -= threadIndexOverheadBytes + charBytes(index.thread);
      }
    }
  }
}
