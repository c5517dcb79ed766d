// Live updates: GET /api/v1/stream?thread=KEY, Server-Sent Events of the thread's newly published comments.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ListCommentsResponse, NewComment, PostCommentResponse } from '../../../src/protocol/types.js';
import { createApp, type AppOptions } from '../../../src/server/app.js';
import { CommentEvents } from '../../../src/server/events.js';
import { localStreamBus, type StreamBus } from '../../../src/server/live/stream-bus.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import {
  allowedOrigin,
  backends,
  baseUrl,
  newComment,
  TestClock,
  uniqueThread,
  useFreshDatabase,
} from './helpers.js';
import { EventReader } from './stream-helpers.js';

/** An app whose answers a test reads as they come (streams never end by themselves). */
class StreamApp {
  readonly clock = new TestClock();
  readonly events = new CommentEvents();
  readonly #closing = new AbortController();
  readonly #app: ReturnType<typeof createApp>;
  readonly #readers: EventReader[] = [];

  constructor(
    readonly store: CommentStore,
    options: Partial<AppOptions> = {},
  ) {
    this.#app = createApp({
      rateLimit: false,
      threadRateLimit: false,
      formToken: { isRequired: false },
      maxLinks: false,
      moderation: 'open',
      now: this.clock.now,
      events: this.events,
      signal: this.#closing.signal,
      // Each test client says who it is; rateLimitKey keeps a value that is not an address as it is.
      peerAddress: (c) => c.req.header('x-test-client'),
      ...options,
      store,
    });
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return Promise.resolve(this.#app.fetch(new Request(new URL(path, baseUrl), init)));
  }

  /** Opens the thread's stream; asserts that it answered 200 and reads past the `retry:` hint. */
  async open(thread: string, headers: Record<string, string> = {}, query = ''): Promise<EventReader> {
    const response = await this.fetch(`/api/v1/stream?thread=${encodeURIComponent(thread)}${query}`, {
      headers,
    });
    assert.equal(response.status, 200, await (response.status === 200 ? '' : response.text()));
    const reader = new EventReader(response.body);
    this.#readers.push(reader);
    const hint = await reader.next();
    assert.equal(hint?.retry, 5_000);
    return reader;
  }

  /** Posts a comment a second after the last, so that the order of publication is the order of posting. */
  async post(fields: Partial<NewComment> & { thread: string }): Promise<PostCommentResponse> {
    this.clock.advance(1_000);
    const response = await this.fetch('/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newComment({ email: 'ada@example.com', ...fields })),
    });
    assert.ok(response.status === 201 || response.status === 202, await response.clone().text());
    return (await response.json()) as PostCommentResponse;
  }

  /** What a moderator's approval does (admin/actions.ts): the status, then the `approved` event. */
  async approve(id: string): Promise<void> {
    this.clock.advance(1_000);
    const comment = await this.store.setStatus(id, {
      status: 'published',
      reason: null,
      at: this.clock.iso(),
    });
    assert.ok(comment);
    this.events.emit({ type: 'approved', comment, reason: null, at: this.clock.now() });
  }

  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.all(this.#readers.map((reader) => reader.cancel()));
  }
}

/** The bus of one process, which a test can make say that it may have missed notices, as a lost connection would. */
function gappyStreamBus(): StreamBus & { gap(): void; gapListeners(): number } {
  const gapListeners = new Set<() => void>();
  return {
    ...localStreamBus(),
    listenForGaps(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    gap: () => gapListeners.forEach((listener) => listener()),
    gapListeners: () => gapListeners.size,
  };
}

describe('live stream', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      const apps: StreamApp[] = [];
      const streamApp = (options: Partial<AppOptions> = {}) => {
        const app = new StreamApp(database().store, options);
        apps.push(app);
        return app;
      };
      after(() => Promise.all(apps.map((app) => app.close())));

      it('sends each newly published comment of the thread, and only of that thread, without e-mail or IP', async () => {
        const app = streamApp();
        const thread = uniqueThread();
        const stream = await app.open(thread);
        await app.post({ thread: uniqueThread(), text: 'elsewhere' });
        const { comment } = await app.post({ thread, text: 'Hello, live world' });
        const event = await stream.nextComment();
        assert.equal(event.comment.id, comment.id);
        assert.equal(event.comment.text, 'Hello, live world');
        assert.equal(event.comment.status, 'published');
        assert.match(event.id, /^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
        const raw = JSON.stringify(event.comment);
        assert.doesNotMatch(raw, /ada@example\.com|authorEmail|authorIp|secret/);
      });

      it('answers as a stream: text/event-stream, never cached, unbuffered by nginx', async () => {
        const app = streamApp();
        const response = await app.fetch(`/api/v1/stream?thread=${encodeURIComponent(uniqueThread())}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'text/event-stream');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.equal(response.headers.get('x-accel-buffering'), 'no');
        assert.equal(response.headers.get('content-encoding'), null);
        await response.body?.cancel();
      });

      it('never sends a held or spam comment; sends it once a moderator approves it', async () => {
        const app = streamApp({ moderation: 'all' });
        const thread = uniqueThread();
        const stream = await app.open(thread);
        const held = await app.post({ thread, text: 'held for now' });
        assert.equal(held.comment.status, 'pending');
        const spam = await app.post({ thread, text: 'buy now', honeypot: 'filled by a bot' });
        assert.equal(spam.comment.status, 'pending');
        assert.ok(await stream.isQuietFor(300), 'nothing is sent for held or spam comments');
        await app.approve(held.comment.id);
        const event = await stream.nextComment();
        assert.equal(event.comment.id, held.comment.id);
        assert.equal(event.comment.status, 'published');
        assert.ok(await stream.isQuietFor(200), 'the spam comment never comes');
      });

      it('replays what was published after Last-Event-ID (header or lastEventId), in order', async () => {
        const app = streamApp();
        const thread = uniqueThread();
        const first = await app.open(thread);
        await app.post({ thread, text: 'one' });
        const seen = await first.nextComment();
        await first.cancel();
        const two = await app.post({ thread, text: 'two' });
        const three = await app.post({ thread, text: 'three' });

        const byHeader = await app.open(thread, { 'last-event-id': seen.id });
        const replayed = [await byHeader.nextComment(), await byHeader.nextComment()];
        assert.deepEqual(
          replayed.map(({ comment }) => comment.id),
          [two.comment.id, three.comment.id],
        );
        // Live again after the replay, with nothing twice.
        const four = await app.post({ thread, text: 'four' });
        assert.equal((await byHeader.nextComment()).comment.id, four.comment.id);
        assert.ok(await byHeader.isQuietFor(200));

        const byQuery = await app.open(thread, {}, `&lastEventId=${encodeURIComponent(replayed[0]!.id)}`);
        assert.equal((await byQuery.nextComment()).comment.id, three.comment.id);
        assert.equal((await byQuery.nextComment()).comment.id, four.comment.id);
        // The header (what EventSource sends when it reconnects) wins over the URL's first id.
        const both = await app.open(thread, { 'last-event-id': replayed[1]!.id }, `&lastEventId=${seen.id}`);
        assert.equal((await both.nextComment()).comment.id, four.comment.id);
      });

      it('says reload, and clears the event id, when more was published than it replays', async () => {
        const app = streamApp({ streamLimits: { replay: 3 } });
        const thread = uniqueThread();
        const stream = await app.open(thread);
        await app.post({ thread });
        const { id } = await stream.nextComment();
        await stream.cancel();
        for (let index = 0; index < 4; index += 1) await app.post({ thread, text: `missed ${index}` });
        const again = await app.open(thread, { 'last-event-id': id });
        const event = await again.next();
        assert.equal(event?.event, 'reload');
        assert.equal(event?.id, '');
        assert.equal(event?.data, '{}');
        const live = await app.post({ thread, text: 'after the reload' });
        assert.equal((await again.nextComment()).comment.id, live.comment.id);
      });

      it('says reload on every open stream of every thread when the bus may have missed comments, then goes on live', async () => {
        const bus = gappyStreamBus();
        const app = streamApp({ streamBus: bus });
        assert.equal(bus.gapListeners(), 1);
        const [one, two] = [uniqueThread(), uniqueThread()];
        const streams = await Promise.all([app.open(one), app.open(one), app.open(two), app.open(two)]);
        bus.gap();
        for (const stream of streams) {
          const event = await stream.next();
          assert.deepEqual(
            { event: event?.event, id: event?.id, data: event?.data },
            { event: 'reload', id: '', data: '{}' },
          );
        }
        const live = await app.post({ thread: two, text: 'after the gap' });
        for (const stream of streams.slice(2)) {
          assert.equal((await stream.nextComment()).comment.id, live.comment.id);
        }
        assert.ok(
          await streams[0]!.isQuietFor(200),
          'each reload came once, and nothing of the other thread',
        );
        await app.close();
        assert.equal(bus.gapListeners(), 0, 'a closed app no longer listens for gaps');
      });

      it('refuses a malformed Last-Event-ID and a bad thread with 400', async () => {
        const app = streamApp();
        const path = `/api/v1/stream?thread=${encodeURIComponent(uniqueThread())}`;
        for (const headers of [
          { 'last-event-id': 'not a cursor' },
          { 'last-event-id': 'zzzzzzzzzzzz.abc' },
        ]) {
          const answer = await app.fetch(path, { headers });
          assert.equal(answer.status, 400);
          assert.equal(((await answer.json()) as { error: { field: string } }).error.field, 'lastEventId');
        }
        for (const query of ['', '?thread=', '?thread=a&thread=b', `?thread=${'x'.repeat(501)}`]) {
          const answer = await app.fetch(`/api/v1/stream${query}`);
          assert.equal(answer.status, 400, query);
          assert.equal(((await answer.json()) as { error: { field: string } }).error.field, 'thread');
        }
      });

      it('sends CORS headers to allowed origins, and none to others', async () => {
        const app = streamApp({ origins: [allowedOrigin] });
        const path = `/api/v1/stream?thread=${encodeURIComponent(uniqueThread())}`;
        const allowed = await app.fetch(path, { headers: { origin: allowedOrigin } });
        assert.equal(allowed.status, 200);
        assert.equal(allowed.headers.get('access-control-allow-origin'), allowedOrigin);
        assert.match(allowed.headers.get('vary') ?? '', /Origin/);
        await allowed.body?.cancel();
        const other = await app.fetch(path, { headers: { origin: 'https://evil.example' } });
        assert.equal(other.headers.get('access-control-allow-origin'), null);
        await other.body?.cancel();
      });

      it('beats every heartbeat interval, so that proxies keep an idle stream open', async () => {
        const app = streamApp({ streamLimits: { heartbeatMs: 30 } });
        const stream = await app.open(uniqueThread());
        const beat = await stream.next(1_000);
        assert.equal(beat?.comments, 1);
        assert.equal(beat?.data, '');
      });

      it('bounds streams per thread (503), per client (429) and in total (503), hammered at once', async () => {
        const app = streamApp({ streamLimits: { perThread: 10, perClient: 15, total: 25 } });
        const thread = uniqueThread();
        const open = (key: string, address: string) =>
          app.fetch(`/api/v1/stream?thread=${encodeURIComponent(key)}`, {
            headers: { 'x-test-client': address },
          });
        // 40 at once on one thread: exactly 10 get in.
        const answers = await Promise.all(Array.from({ length: 40 }, () => open(thread, 'a')));
        const statuses = answers.map((answer) => answer.status);
        assert.equal(statuses.filter((status) => status === 200).length, 10);
        assert.equal(statuses.filter((status) => status === 503).length, 30);
        const refused = answers.find((answer) => answer.status === 503)!;
        assert.ok(Number(refused.headers.get('retry-after')) > 0);
        assert.equal(refused.headers.get('cache-control'), 'no-store');
        // The same client, on other threads: 5 more, then 429.
        const more = await Promise.all(Array.from({ length: 8 }, () => open(uniqueThread(), 'a')));
        assert.deepEqual(
          more.map((answer) => answer.status).sort(),
          [200, 200, 200, 200, 200, 429, 429, 429],
        );
        assert.ok(Number(more.find((answer) => answer.status === 429)!.headers.get('retry-after')) > 0);
        // Other clients: the total of 25 holds.
        const others = await Promise.all(
          Array.from({ length: 20 }, (_, index) => open(uniqueThread(), `b${index}`)),
        );
        assert.equal(others.filter((answer) => answer.status === 200).length, 10);
        // Closing streams frees their places.
        const open200 = [...answers, ...more, ...others].filter((answer) => answer.status === 200);
        await Promise.all(open200.map((answer) => answer.body?.cancel()));
        const again = await Promise.all(Array.from({ length: 10 }, () => open(thread, 'a')));
        assert.deepEqual(new Set(again.map((answer) => answer.status)), new Set([200]));
        await Promise.all(again.map((answer) => answer.body?.cancel()));
      });

      it('drops a client that does not read, once its buffer is full, and frees its place', async () => {
        const app = streamApp({ streamLimits: { bufferBytes: 16 * 1024, perThread: 1 } });
        const thread = uniqueThread();
        const slow = await app.fetch(`/api/v1/stream?thread=${encodeURIComponent(thread)}`);
        assert.equal(slow.status, 200);
        const reader = slow.body!.getReader();
        // Each event carries about 4 KB: the 16 KiB buffer overflows within a few.
        for (let index = 0; index < 8; index += 1)
          await app.post({ thread, text: `${index} ${'x'.repeat(4_000)}` });
        // Its place is free again: another reader gets in.
        let next: Response | undefined;
        for (let attempt = 0; attempt < 50; attempt += 1) {
          next = await app.fetch(`/api/v1/stream?thread=${encodeURIComponent(thread)}`);
          if (next.status === 200) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.equal(next?.status, 200);
        await next?.body?.cancel();
        // The slow one reads what was queued, then the error that dropped it.
        await assert.rejects(async () => {
          for (;;) if ((await reader.read()).done) break;
        });
      });

      it('ends every stream when the server closes', async () => {
        const app = streamApp();
        const thread = uniqueThread();
        const streams = await Promise.all([app.open(thread), app.open(thread), app.open(uniqueThread())]);
        await app.close();
        for (const stream of streams) assert.equal(await stream.isQuietFor(1_000), true);
        const answer = await app.fetch(`/api/v1/stream?thread=${encodeURIComponent(thread)}`);
        assert.equal(answer.status, 503);
      });

      it('names the stream and the feed in every listing, under the public URL', async () => {
        const app = streamApp({ publicUrl: 'https://comments.example.com/natter' });
        const thread = `/posts/a b?c=${uniqueThread()}`;
        const answer = await app.fetch(`/api/v1/comments?thread=${encodeURIComponent(thread)}`);
        const { thread: info } = (await answer.json()) as ListCommentsResponse;
        const query = `?thread=${encodeURIComponent(thread)}`;
        assert.equal(info.stream, `https://comments.example.com/natter/api/v1/stream${query}`);
        assert.equal(info.feed, `https://comments.example.com/natter/api/v1/feed.atom${query}`);
        // Without one, the first public origin; never the request's Host.
        const own = streamApp({ publicOrigins: ['https://own.example'] });
        const listed = await own.fetch(`/api/v1/comments?thread=${encodeURIComponent(thread)}`, {
          headers: { host: 'evil.example' },
        });
        const { thread: ownInfo } = (await listed.json()) as ListCommentsResponse;
        assert.equal(ownInfo.stream, `https://own.example/api/v1/stream${query}`);
      });
    });
  }
});
