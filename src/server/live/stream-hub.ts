import type { Comment, StreamCommentEvent } from '../../protocol/types.js';
import { HttpError } from '../http-error.js';
import type { Logger } from '../logger.js';
import { publishedAtOf, type PublishedPosition } from '../storage/published.js';
import type { CommentStore, StoredComment } from '../storage/store.js';
import type { PublishedNotice, StreamBus } from './stream-bus.js';
import { encodeStreamCursor } from './stream-cursor.js';

/** What a stranger could grow, bounded. Every member has a default. */
export interface StreamLimits {
  /** Open streams of one thread (default 1,000); past it, 503 with `Retry-After`. */
  perThread?: number;
  /** Open streams in all (default 10,000); past it, 503 with `Retry-After`. */
  total?: number;
  /** Open streams of one client, an IPv4 address or an IPv6 /64 (default 20); past it, 429 with `Retry-After`. */
  perClient?: number;
  /** Bytes a stream may hold for a client that reads too slowly before it is dropped (default 256 KiB). */
  bufferBytes?: number;
  /** Milliseconds between heartbeats, which keep proxies from closing an idle stream (default 25,000). */
  heartbeatMs?: number;
  /** Most comments a reconnecting stream replays (default 100); when more were published, it says `reload`. */
  replay?: number;
  /** The reconnection delay suggested to clients (`retry:`), in milliseconds (default 5,000). */
  retryMs?: number;
}

export interface StreamHubOptions {
  store: CommentStore;
  bus: StreamBus;
  /** A stored comment as the public sees it (public-comment.ts's `publicComment`). */
  present: (comment: StoredComment) => Comment | Promise<Comment>;
  limits?: StreamLimits;
  logger: Logger;
}

/** What a new stream asks for. */
export interface StreamRequest {
  thread: string;
  /** Who asks (a rate-limit key), for the bound per client. */
  clientKey: string;
  /** Replay what was published after this position first (the client's `Last-Event-ID`). */
  after?: PublishedPosition;
}

interface Subscriber {
  readonly thread: string;
  readonly clientKey: string;
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  /**
   * Comments published while the replay was read, as the events already made for the thread's live streams, sent
   * after it; `null` once the stream is live.
   */
  waiting: { id: string; event: Uint8Array }[] | null;
}

const encoder = new TextEncoder();
const heartbeat = encoder.encode(':\n\n');
/**
 * Tells a client to load the thread again: more was published than a stream replays, or the bus may have missed
 * comments. It clears the event id.
 */
const reload = encoder.encode('event: reload\nid\ndata: {}\n\n');

/**
 * The live streams of one app (docs/protocol.md#get-apiv1stream): who listens to which thread, what each is sent,
 * and the bounds on all of it. Idle streams cost nothing but a heartbeat every 25 s: comments arrive through the
 * bus, and each is read from the store once, whatever the number of its thread's streams. When the bus may have
 * missed comments (its connection to the other instances was lost and is back), every open stream, of every
 * thread, is sent `event: reload`, and goes on live: its client loads the thread again, which shows what was
 * missed, and the comments published from then on come through the bus again.
 */
export class StreamHub {
  readonly #options: StreamHubOptions;
  readonly #limits: Required<StreamLimits>;
  readonly #threads = new Map<string, Set<Subscriber>>();
  readonly #perClient = new Map<string, number>();
  #total = 0;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  /** Notices are handled one after another, so that a thread's comments go out in the order they came. */
  #delivering: Promise<void> = Promise.resolve();
  #isClosed = false;
  readonly #stopListening: () => void;
  readonly #stopListeningForGaps: () => void;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#limits = {
      perThread: 1_000,
      total: 10_000,
      perClient: 20,
      bufferBytes: 256 * 1024,
      heartbeatMs: 25_000,
      replay: 100,
      retryMs: 5_000,
      ...options.limits,
    };
    this.#stopListening = options.bus.listen((notice) => this.#onNotice(notice));
    this.#stopListeningForGaps = options.bus.listenForGaps?.(() => this.#onGap()) ?? (() => {});
  }

  /** A new stream of `request.thread`'s comments; throws the protocol's 503 or 429 past a bound. */
  open(request: StreamRequest): ReadableStream<Uint8Array> {
    const limits = this.#limits;
    if (this.#isClosed) throw unavailable('The server is shutting down', 5);
    if (this.#total >= limits.total) throw unavailable('Too many live streams are open', 30);
    if ((this.#threads.get(request.thread)?.size ?? 0) >= limits.perThread) {
      throw unavailable('Too many live streams of this thread are open', 30);
    }
    if ((this.#perClient.get(request.clientKey) ?? 0) >= limits.perClient) {
      throw new HttpError('rate_limited', 'Too many live streams from this client', undefined, {
        'Retry-After': '60',
      });
    }
    let subscriber: Subscriber | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          subscriber = {
            thread: request.thread,
            clientKey: request.clientKey,
            controller,
            waiting: request.after ? [] : null,
          };
          this.#add(subscriber);
          controller.enqueue(encoder.encode(`retry: ${limits.retryMs}\n\n`));
          if (request.after) void this.#replay(subscriber, request.after);
        },
        cancel: () => {
          if (subscriber) this.#remove(subscriber);
        },
      },
      { highWaterMark: limits.bufferBytes, size: (chunk) => chunk.byteLength },
    );
  }

  /** Ends every stream and takes no more: the server is closing. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#stopListening();
    this.#stopListeningForGaps();
    for (const subscriber of this.#everyStream()) {
      this.#remove(subscriber);
      tryClose(subscriber);
    }
  }

  #add(subscriber: Subscriber): void {
    let subscribers = this.#threads.get(subscriber.thread);
    if (!subscribers) {
      subscribers = new Set();
      this.#threads.set(subscriber.thread, subscribers);
    }
    subscribers.add(subscriber);
    this.#perClient.set(subscriber.clientKey, (this.#perClient.get(subscriber.clientKey) ?? 0) + 1);
    this.#total += 1;
    // Only while a stream is open: an idle app keeps no timer.
    this.#heartbeatTimer ??= setInterval(() => this.#beat(), this.#limits.heartbeatMs);
  }

  #remove(subscriber: Subscriber): void {
    const subscribers = this.#threads.get(subscriber.thread);
    if (!subscribers?.delete(subscriber)) return;
    if (subscribers.size === 0) this.#threads.delete(subscriber.thread);
    const count = (this.#perClient.get(subscriber.clientKey) ?? 1) - 1;
    if (count === 0) this.#perClient.delete(subscriber.clientKey);
    else this.#perClient.set(subscriber.clientKey, count);
    this.#total -= 1;
    if (this.#total === 0 && this.#heartbeatTimer !== undefined) {
      clearInterval(this.#heartbeatTimer);
      this.#heartbeatTimer = undefined;
    }
  }

  /** Queues `bytes` for the client, and drops the stream when its client has let too much pile up. */
  #send(subscriber: Subscriber, bytes: Uint8Array): void {
    try {
      subscriber.controller.enqueue(bytes);
    } catch {
      // Closed under us (its client went away): forget it.
      this.#remove(subscriber);
      return;
    }
    if ((subscriber.controller.desiredSize ?? 0) < 0) {
      this.#remove(subscriber);
      this.#options.logger.log('debug', 'live stream dropped: its client reads too slowly', {
        thread: subscriber.thread,
      });
      subscriber.controller.error(new Error('The client read too slowly'));
    }
  }

  /** Every open stream, of every thread, as a list that sending to them (which may drop some) leaves whole. */
  #everyStream(): Subscriber[] {
    return [...this.#threads.values()].flatMap((subscribers) => [...subscribers]);
  }

  #beat(): void {
    for (const subscriber of this.#everyStream()) this.#send(subscriber, heartbeat);
  }

  /** Sends what was published after `after`, or `reload` when that is more than a stream replays; then goes live. */
  async #replay(subscriber: Subscriber, after: PublishedPosition): Promise<void> {
    const limit = this.#limits.replay;
    let missed: StoredComment[];
    try {
      missed = await this.#options.store.published.since({
        thread: subscriber.thread,
        after,
        limit: limit + 1,
      });
    } catch (error) {
      this.#options.logger.log('warn', 'live stream could not replay', { error: String(error) });
      // The client reconnects after `retry` with the same Last-Event-ID.
      this.#remove(subscriber);
      tryClose(subscriber);
      return;
    }
    const sent = new Set<string>();
    if (missed.length > limit) {
      this.#send(subscriber, reload);
    } else {
      for (const comment of missed) {
        sent.add(comment.id);
        this.#send(subscriber, await this.#eventOf(comment));
      }
    }
    // Comments that came meanwhile wait in `waiting` until the very last moment: nothing can be missed between.
    for (let waiting = subscriber.waiting?.shift(); waiting; waiting = subscriber.waiting?.shift()) {
      if (!sent.has(waiting.id)) this.#send(subscriber, waiting.event);
    }
    subscriber.waiting = null;
  }

  /**
   * The bus may have missed notices: every open stream says `reload`, including one still replaying (its client
   * loads the thread again, and a comment replayed after that is one it already has).
   */
  #onGap(): void {
    if (this.#total === 0) return;
    this.#options.logger.log('info', 'live streams may have missed comments: they say reload', {
      streams: this.#total,
    });
    for (const subscriber of this.#everyStream()) this.#send(subscriber, reload);
  }

  #onNotice(notice: PublishedNotice): void {
    if (!this.#threads.has(notice.thread)) return;
    this.#delivering = this.#delivering.then(() =>
      this.#deliver(notice).catch((error: unknown) => {
        this.#options.logger.log('warn', 'live stream could not read a new comment', {
          error: String(error),
        });
      }),
    );
  }

  /** Reads the comment a notice names, once, and sends it to every stream of its thread if it is still listed. */
  async #deliver(notice: PublishedNotice): Promise<void> {
    const { store } = this.#options;
    const comment = await store.getComment(notice.id);
    if (!comment || comment.status !== 'published' || comment.isDeleted || comment.thread !== notice.thread) {
      return;
    }
    if (!(await store.isListed(comment.id))) return;
    const subscribers = this.#threads.get(notice.thread);
    if (!subscribers) return;
    const event = await this.#eventOf(comment);
    for (const subscriber of [...subscribers]) {
      if (subscriber.waiting) subscriber.waiting.push({ id: comment.id, event });
      else this.#send(subscriber, event);
    }
  }

  async #eventOf(comment: StoredComment): Promise<Uint8Array> {
    const cursor = encodeStreamCursor({ publishedAt: publishedAtOf(comment), id: comment.id });
    const data: StreamCommentEvent = { comment: await this.#options.present(comment) };
    // JSON.stringify escapes every line break, so the data is one line.
    return encoder.encode(`event: comment\nid: ${cursor}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}

function unavailable(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError('unavailable', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
}

function tryClose(subscriber: Subscriber): void {
  try {
    subscriber.controller.close();
  } catch {
    // Already closed or errored.
  }
}
