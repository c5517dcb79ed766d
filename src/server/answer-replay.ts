/**
 * A cached GET answer exactly as the app sent it, for the runtime adapter to send again without running the app:
 * a popular thread's page, or the counts of an index page, then costs what a bare HTTP server pays.
 */
export interface ReplayedAnswer {
  status: number;
  /** Names and values, one after the other, as the app's middleware left them (`Content-Length` included). */
  headers: string[];
  body: Uint8Array;
  /** Whether the answer is still the one the app would send: its cache entry neither expired nor dropped. */
  isCurrent(now: number): boolean;
}

/**
 * The request headers any cached answer of the app depends on besides its URL: the CORS origin, the content coding,
 * and the host and forwarded scheme and host that its links and `Strict-Transport-Security` follow. A request
 * differing in any other header gets the same answer from the app.
 */
const keyHeaders = ['host', 'origin', 'accept-encoding', 'x-forwarded-proto', 'x-forwarded-host'] as const;

/**
 * The key of a GET request (`target` its path and query as sent): equal keys get equal answers from the app.
 * `undefined` for a conditional request, which the app answers itself.
 */
export function replayKey(
  target: string,
  header: (name: string) => string | null | undefined,
): string | undefined {
  if (header('if-none-match') != null) return undefined;
  // Header values never hold a line break (HTTP forbids it; Node refuses such a request), so the parts stay apart.
  return [target, ...keyHeaders.map((name) => header(name) ?? '')].join('\n');
}

/** What an answer costs beyond its body's bytes and its key's and headers' characters (objects, slots). */
const entryOverheadBytes = 600;

/**
 * The answers to replay, by `replayKey`. Bounded by count and by memory (a stranger chooses keys freely: any
 * `Origin` or `Accept-Encoding`), the oldest going first; an answer no longer current is dropped when found.
 */
export class AnswerReplay {
  readonly #answers = new Map<string, ReplayedAnswer & { size: number }>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;

  /** Defaults: 1,000 answers and 8 MiB, whichever is reached first. */
  constructor({
    maxEntries = 1_000,
    maxBytes = 8 * 1024 * 1024,
  }: { maxEntries?: number; maxBytes?: number } = {}) {
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
  }

  /** The current answer under `key`, if any. */
  get(key: string, now: number): ReplayedAnswer | undefined {
    const answer = this.#answers.get(key);
    if (!answer) return undefined;
    if (answer.isCurrent(now)) return answer;
    this.#delete(key);
    return undefined;
  }

  /** Keeps `answer` under `key`, dropping the oldest answers while either bound is exceeded. */
  set(key: string, answer: ReplayedAnswer): void {
    this.#delete(key);
    const characters = key.length + answer.headers.reduce((sum, part) => sum + part.length, 0);
    const size = entryOverheadBytes + answer.body.byteLength + 2 * characters;
    this.#answers.set(key, { ...answer, size });
    this.#bytes += size;
    for (const oldest of this.#answers.keys()) {
      if (this.#answers.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#delete(oldest);
    }
  }

  /** How many answers are held (for tests and metrics). */
  get size(): number {
    return this.#answers.size;
  }

  /** The memory charged for the answers held (for tests and metrics). */
  get bytes(): number {
    return this.#bytes;
  }

  #delete(key: string): void {
    const answer = this.#answers.get(key);
    if (!answer) return;
    this.#answers.delete(key);
    this.#bytes -= answer.size;
  }
}
