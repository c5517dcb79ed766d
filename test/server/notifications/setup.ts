import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { NewComment, PostCommentResponse } from '../../../src/protocol/types.js';
import { createApp } from '../../../src/server/app.js';
import { CommentEvents, type CommentEvent } from '../../../src/server/events.js';
import { createLogger } from '../../../src/server/logger.js';
import {
  createNotifier,
  type Notifier,
  type NotifierOptions,
} from '../../../src/server/notifications/notifier.js';
import type { CommentStore, ModerationMode } from '../../../src/server/storage/store.js';
import type { Backend } from '../storage/backends.js';
import { newComment, storedComment, TestClock } from '../http/helpers.js';

/** The public URL the test notifiers link to. */
export const publicUrl = 'https://comments.example.com/';
export const webhookSecret = 'whsec-test-2b7e151628aed2a6abf71588';

/**
 * Whether a webhook is natter's and fresh, as docs/moderation.md#notifications tells receivers to check it:
 * `header` is `X-Natter-Signature`, `body` the raw request body, `now` in Unix seconds.
 */
export function isGenuine(
  header: string,
  body: string,
  secret: string,
  now = Date.now() / 1000,
  toleranceSeconds = 300,
): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  if (!t || !v1 || Math.abs(now - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The spam defences off, as in the HTTP suites: these tests are about what is told of a comment once it is judged,
 * and post as curl would, without a form token.
 */
const withoutSpamDefences = {
  threadRateLimit: false,
  formToken: { isRequired: false },
  maxLinks: false,
} as const;

/** An app and a notifier on a fresh database of `backend`'s, listening to the same events, with one clock. */
export interface NotifiedApp {
  store: CommentStore;
  events: CommentEvents;
  clock: TestClock;
  notifier: Notifier;
  log: string[];
  /** Posts a comment that must be accepted; returns when its deliveries are in the queue. */
  post(fields?: Partial<NewComment>): Promise<PostCommentResponse>;
  /** Emits an event about a comment stored nowhere (as the admin API or reports would). */
  emit(type: CommentEvent['type'], reason?: string): Promise<void>;
}

/** Opens a fresh database for one test, closed (notifier first) when the test ends. */
export async function notifiedApp(
  t: TestContext,
  backend: Backend,
  options: Partial<NotifierOptions> & { moderation?: ModerationMode } = {},
): Promise<NotifiedApp> {
  const { store, cleanup } = await backend.makeStore();
  const events = new CommentEvents();
  const clock = new TestClock();
  const log: string[] = [];
  const app = createApp({
    ...withoutSpamDefences,
    store,
    events,
    moderation: options.moderation ?? 'open',
    rateLimit: false,
    now: clock.now,
  });
  const notifier = createNotifier({
    queue: store.deliveries,
    events,
    publicUrl,
    logger: createLogger('debug', (line) => log.push(line)),
    ...options,
  });
  t.after(async () => {
    await notifier.close();
    await cleanup();
  });
  return {
    store,
    events,
    clock,
    notifier,
    log,
    async post(fields = {}) {
      const response = await app.fetch(
        new Request('http://natter.test/api/v1/comments', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(newComment(fields)),
        }),
      );
      assert.ok(response.status === 201 || response.status === 202, await response.clone().text());
      await notifier.flush();
      return (await response.json()) as PostCommentResponse;
    },
    async emit(type, reason) {
      events.emit({
        type,
        comment: storedComment({ reportCount: 1 }),
        reason: reason ?? null,
        at: clock.now(),
      });
      await notifier.flush();
    },
  };
}
