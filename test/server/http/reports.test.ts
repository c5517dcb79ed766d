// Readers' reports: POST /api/v1/comments/{id}/reports, once per client, holding a comment at the threshold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppOptions } from '../../../src/server/app.js';
import { CommentEvents, type CommentEvent } from '../../../src/server/events.js';
import { createSiteState } from '../../../src/server/site-state.js';
import {
  allowedOrigin,
  assertError,
  backends,
  listPage,
  postComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

/** `POST /api/v1/comments/{id}/reports` from `clientAddress`. */
function report(app: TestApp, id: string, body: unknown, clientAddress = '192.0.2.1', headers = {}) {
  return app.request(`/api/v1/comments/${encodeURIComponent(id)}/reports`, {
    method: 'POST',
    json: body,
    clientAddress,
    headers,
  });
}

describe('reports', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      let minutes = 0;
      /** An app at a minute of its own: the rate counts are the database's, shared by every app on it. */
      function reportingApp(options: Partial<AppOptions> = {}) {
        const events = new CommentEvents();
        const seen: CommentEvent[] = [];
        events.listen((event) => seen.push(event));
        const app = database().app({ events, ...options });
        minutes += 10;
        app.clock.advance(minutes * 60_000);
        return { app, seen };
      }

      it('takes a report of a listed comment: 202 with {}, never to be cached', async () => {
        const { app, seen } = reportingApp({ origins: [allowedOrigin] });
        const { comment } = await postComment(app);
        const answer = await report(app, comment.id, { reason: 'abuse' }, '192.0.2.1', {
          origin: allowedOrigin,
        });
        assert.equal(answer.status, 202);
        assert.equal(answer.headers.get('access-control-allow-origin'), allowedOrigin);
        assert.deepEqual(answer.body, {});
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        const [stored] = await app.store.reportsOf(comment.id);
        assert.equal(stored?.reason, 'abuse');
        assert.equal(stored?.clientKey, '192.0.2.1');
        assert.equal((await app.store.getComment(comment.id))?.reportCount, 1);
        assert.deepEqual(
          seen.filter(({ type }) => type === 'reported').map(({ comment, reason }) => [comment.id, reason]),
          [[comment.id, 'reported: abuse']],
        );
      });

      it('answers 404 for an unknown, malformed, held or hidden comment, 422 for another reason', async () => {
        const { app } = reportingApp();
        const { comment } = await postComment(app);
        assertError(await report(app, 'c_unknown0000000', { reason: 'spam' }), 404, 'not_found');
        assertError(await report(app, 'not an id!', { reason: 'spam' }), 404, 'not_found');
        const held = await postComment(app);
        await app.store.setStatus(held.comment.id, {
          status: 'pending',
          reason: 'held: test',
          at: app.clock.iso(),
        });
        assertError(await report(app, held.comment.id, { reason: 'spam' }), 404, 'not_found');
        const caught = await postComment(app);
        await app.store.setStatus(caught.comment.id, {
          status: 'spam',
          reason: 'spam: test',
          at: app.clock.iso(),
        });
        assertError(await report(app, caught.comment.id, { reason: 'spam' }), 404, 'not_found');
        // A reply below a held comment is not listed either.
        const parent = await postComment(app);
        const reply = await postComment(app, { thread: parent.comment.thread, parent: parent.comment.id });
        await app.store.setStatus(parent.comment.id, {
          status: 'pending',
          reason: null,
          at: app.clock.iso(),
        });
        assertError(await report(app, reply.comment.id, { reason: 'spam' }), 404, 'not_found');

        for (const reason of ['rude', 'SPAM', '', 'off-topic']) {
          assertError(await report(app, comment.id, { reason }), 422, 'validation_failed', 'reason', reason);
        }
        assertError(await report(app, comment.id, {}), 400, 'bad_request', 'reason');
        assertError(await report(app, comment.id, { reason: 3 }), 400, 'bad_request', 'reason');
        assertError(await report(app, comment.id, ['spam']), 400, 'bad_request');
        assert.equal((await app.store.getComment(comment.id))?.reportCount, 0);
      });

      it('counts each client once per comment, and answers a second report alike', async () => {
        const { app, seen } = reportingApp();
        const { comment } = await postComment(app);
        for (const reason of ['spam', 'abuse', 'spam']) {
          assert.equal((await report(app, comment.id, { reason }, '198.51.100.7')).status, 202);
        }
        // The same IPv6 /64 is one client.
        assert.equal((await report(app, comment.id, { reason: 'spam' }, '2001:db8:1:2::1')).status, 202);
        assert.equal((await report(app, comment.id, { reason: 'spam' }, '2001:db8:1:2::99')).status, 202);
        assert.equal((await app.store.getComment(comment.id))?.reportCount, 2);
        assert.equal(seen.filter(({ type }) => type === 'reported').length, 2);
      });

      it('holds a comment when its reports reach the threshold, and it leaves the listing at once', async () => {
        const { app, seen } = reportingApp();
        const thread = uniqueThread();
        const { comment } = await postComment(app, { thread });
        const reply = await postComment(app, { thread, parent: comment.id });
        assert.equal((await listPage(app, { thread })).thread.count, 2);
        await report(app, comment.id, { reason: 'spam' }, '198.51.100.1');
        await report(app, comment.id, { reason: 'abuse' }, '198.51.100.2');
        assert.equal((await app.store.getComment(comment.id))?.status, 'published');
        assert.equal((await listPage(app, { thread })).comments.length, 2);
        await report(app, comment.id, { reason: 'off_topic' }, '198.51.100.3');
        const held = await app.store.getComment(comment.id);
        assert.deepEqual([held?.status, held?.reason], ['pending', 'held: 3 reports']);
        // The cached page went with it: the comment and its reply are gone from the listing and the count.
        const page = await listPage(app, { thread });
        assert.deepEqual(page.comments, []);
        assert.equal(page.thread.count, 0);
        assertError(await app.request(`/api/v1/comments/${reply.comment.id}`), 404, 'not_found');
        const last = seen.filter(({ type }) => type === 'reported').at(-1);
        assert.equal(last?.comment.status, 'pending');
        assert.equal(last?.comment.reason, 'held: 3 reports');
        assert.equal(last?.reason, 'reported: off_topic');
      });

      it('starts counting again after a moderator publishes the comment, and takes the operator’s threshold', async () => {
        const { app } = reportingApp({ reportThreshold: 2 });
        const { comment } = await postComment(app);
        await report(app, comment.id, { reason: 'spam' }, '198.51.100.1');
        await report(app, comment.id, { reason: 'spam' }, '198.51.100.2');
        assert.equal((await app.store.getComment(comment.id))?.reason, 'held: 2 reports');
        app.clock.advance(1_000);
        await app.store.setStatus(comment.id, { status: 'published', reason: null, at: app.clock.iso() });
        app.clock.advance(1_000);
        await report(app, comment.id, { reason: 'spam' }, '198.51.100.3');
        assert.equal((await app.store.getComment(comment.id))?.status, 'published');
        await report(app, comment.id, { reason: 'spam' }, '198.51.100.4');
        assert.equal((await app.store.getComment(comment.id))?.status, 'pending');

        const never = reportingApp({ reportThreshold: false }).app;
        const kept = await postComment(never);
        for (let client = 1; client <= 10; client += 1) {
          await report(never, kept.comment.id, { reason: 'abuse' }, `203.0.113.${client}`);
        }
        const stored = await never.store.getComment(kept.comment.id);
        assert.deepEqual([stored?.status, stored?.reportCount], ['published', 10]);
      });

      it('counts reports against the client’s write limit', async () => {
        const { app } = reportingApp({ rateLimit: 3 });
        const comments = [];
        for (let index = 0; index < 2; index += 1) comments.push(await postComment(app, {}));
        // Two posts from the test's default client, then reports from another: each client its own count.
        for (const { comment } of comments) {
          assert.equal((await report(app, comment.id, { reason: 'spam' }, '192.0.2.55')).status, 202);
        }
        assert.equal(
          (await report(app, comments[0]!.comment.id, { reason: 'abuse' }, '192.0.2.55')).status,
          202,
        );
        const limited = await report(app, comments[1]!.comment.id, { reason: 'abuse' }, '192.0.2.55');
        assertError(limited, 429, 'rate_limited');
        assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
      });

      it('takes no reports while the site is read-only', async () => {
        const { app } = reportingApp();
        const { comment } = await postComment(app);
        const site = createSiteState(app.store.settings);
        await site.setReadOnly(true);
        try {
          app.clock.advance(2_000);
          assertError(await report(app, comment.id, { reason: 'spam' }), 403, 'thread_locked');
        } finally {
          await site.setReadOnly(false);
        }
      });
    });
  }
});
