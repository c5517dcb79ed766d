import assert from 'node:assert/strict';
import type { Comment, StreamCommentEvent } from '../../../src/protocol/types.js';

/** One Server-Sent Event as a browser's EventSource would dispatch it, or a comment line (`: …`). */
export interface ServerSentEvent {
  event: string;
  id: string | undefined;
  data: string;
  /** Comment lines (heartbeats) seen since the last event. */
  comments: number;
  retry?: number;
}

/**
 * Reads a `text/event-stream` body event by event, as the SSE parsing rules say (fields up to a blank line, one
 * leading space of a value dropped), with a time limit on each wait.
 */
export class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  #comments = 0;
  #isDone = false;
  #pending: ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> | undefined;

  constructor(body: ReadableStream<Uint8Array> | null) {
    assert.ok(body, 'the answer has a body');
    this.#reader = body.getReader();
  }

  /** The next block of fields (an event, a `retry:` or a heartbeat), or `undefined` once the stream has ended. */
  async next(timeoutMs = 5_000): Promise<ServerSentEvent | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        return this.#parse(block);
      }
      if (this.#isDone) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no event in time')), left);
      });
      try {
        // A read that the time limit cut short is still under way: the next wait takes it up, losing nothing.
        this.#pending ??= this.#reader.read();
        const { done, value } = await Promise.race([this.#pending, timeout]);
        this.#pending = undefined;
        if (done) this.#isDone = true;
        else this.#buffer += this.#decoder.decode(value, { stream: true });
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** The next `comment` event's comment, skipping heartbeats and `retry:` blocks; asserts its event id. */
  async nextComment(timeoutMs?: number): Promise<{ comment: Comment; id: string }> {
    for (;;) {
      const event = await this.next(timeoutMs);
      assert.ok(event, 'the stream ended before a comment came');
      if (event.event === 'message' && event.data === '') continue;
      assert.equal(event.event, 'comment', `expected a comment event, got ${JSON.stringify(event)}`);
      assert.ok(event.id, 'a comment event has an id');
      return { comment: (JSON.parse(event.data) as StreamCommentEvent).comment, id: event.id };
    }
  }

  /** Whether nothing but heartbeats arrives within `ms`. */
  async isQuietFor(ms: number): Promise<boolean> {
    try {
      for (;;) {
        const event = await this.next(ms);
        if (!event) return true;
        if (event.event !== 'message' || event.data !== '') return false;
      }
    } catch (error) {
      if ((error as Error).message === 'no event in time') return true;
      throw error;
    }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }

  #parse(block: string): ServerSentEvent {
    const parsed: ServerSentEvent = { event: 'message', id: undefined, data: '', comments: 0 };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.#comments += 1;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') parsed.event = value;
      else if (field === 'id') parsed.id = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') parsed.retry = Number(value);
    }
    parsed.data = data.join('\n');
    parsed.comments = this.#comments;
    this.#comments = 0;
    return parsed;
  }
}
