import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { CommentEvents } from '../../../src/server/events.js';
import { retryDelaysMs } from '../../../src/server/notifications/backoff.js';
import { createNotifier, deliveryLeaseMs } from '../../../src/server/notifications/notifier.js';
import type { WebhookBody } from '../../../src/server/notifications/webhook.js';
import { startTime, storedComment } from '../http/helpers.js';
import { backends } from '../storage/backends.js';
import { startWebhookReceiver, waitUntil, type WebhookAnswer } from './receivers.js';
import { isGenuine, notifiedApp, publicUrl, webhookSecret } from './setup.js';

const second = 1000;

/** A receiver for one test, closed when it ends. */
async function receiver(t: { after: (fn: () => Promise<void>) => void }, answer?: WebhookAnswer) {
  const started = await startWebhookReceiver(answer);
  t.after(() => started.close());
  return started;
}

describe('webhook notifications', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      it('POSTs a new comment, signed, with its author, text, status and a link to the admin page', async (t) => {
        const hook = await receiver(t);
        const app = await notifiedApp(t, backend, { webhook: { url: hook.url, secret: webhookSecret } });
        const { comment } = await app.post({
          name: 'Ada',
          email: 'ada@example.com',
          url: 'https://ada.example/',
          text: 'Lovely <b>post</b>.',
        });
        assert.equal(hook.received.length, 0, 'nothing is sent before the worker runs');

        const report = await app.notifier.processDue(app.clock.now());
        assert.deepEqual(report, { claimed: 1, delivered: 1, failed: 0, gaveUp: 0 });
        assert.equal(hook.received.length, 1);
        const [request] = hook.received;
        const signature = String(request!.headers['x-natter-signature']);
        const now = app.clock.now() / 1000;
        assert.match(signature, new RegExp(`^t=${Math.floor(now)},v1=[0-9a-f]{64}$`));
        assert.ok(isGenuine(signature, request!.body, webhookSecret, now), 'the documented check accepts it');
        assert.ok(!isGenuine(signature, request!.body, 'another secret', now), 'another key refuses it');
        assert.ok(!isGenuine(signature, request!.body.replace('Ada', 'Eve'), webhookSecret, now));
        assert.ok(!isGenuine(signature, request!.body, webhookSecret, now + 301), 'a replay is refused');
        assert.equal(request!.headers['content-type'], 'application/json; charset=utf-8');
        assert.equal(request!.headers['x-natter-event'], 'published');

        const body = JSON.parse(request!.body) as WebhookBody;
        assert.equal(request!.headers['x-natter-delivery'], body.id);
        assert.deepEqual(body, {
          id: body.id,
          type: 'published',
          occurredAt: app.clock.iso(),
          reason: null,
          comment: {
            id: comment.id,
            thread: comment.thread,
            parent: null,
            author: { name: 'Ada', url: 'https://ada.example/', email: 'ada@example.com' },
            text: 'Lovely <b>post</b>.',
            status: 'published',
            reason: null,
            createdAt: comment.createdAt,
            editedAt: null,
            reportCount: 0,
          },
          adminUrl: `${publicUrl}admin#/comment/${comment.id}`,
        });
        assert.deepEqual(await app.store.deliveries.pending(), []);
      });

      it('tells of held comments with the reason, and sends only the events it is asked for', async (t) => {
        const hook = await receiver(t);
        const app = await notifiedApp(t, backend, {
          moderation: 'all',
          webhook: { url: hook.url, secret: webhookSecret, events: ['held', 'spam', 'reported'] },
        });
        const { comment } = await app.post();
        await app.emit('reported', 'abuse');
        await app.emit('approved');
        await app.emit('spam', 'spam: honeypot');
        await app.notifier.processDue(app.clock.now());
        const bodies = hook.received.map((request) => JSON.parse(request.body) as WebhookBody);
        assert.deepEqual(
          bodies.map((body) => body.type).sort(),
          ['held', 'reported', 'spam'],
          'approved was not asked for',
        );
        const held = bodies.find((body) => body.type === 'held')!;
        assert.equal(held.comment.id, comment.id);
        assert.equal(held.comment.status, 'pending');
        assert.equal(held.reason, held.comment.reason);
        assert.ok(held.reason, 'a held comment says why');
        assert.equal(bodies.find((body) => body.type === 'spam')!.reason, 'spam: honeypot');
        assert.equal(bodies.find((body) => body.type === 'reported')!.reason, 'abuse');
      });

      it('retries a receiver that fails twice, after 30 s and then 2 min, and delivers the same message', async (t) => {
        const hook = await receiver(t, (_, index) => (index < 2 ? 500 : 204));
        const app = await notifiedApp(t, backend, { webhook: { url: hook.url, secret: webhookSecret } });
        await app.post();
        const start = app.clock.now();

        assert.deepEqual(await app.notifier.processDue(start), {
          claimed: 1,
          delivered: 0,
          failed: 1,
          gaveUp: 0,
        });
        let [pending] = await app.store.deliveries.pending();
        assert.equal(pending!.attempts, 1);
        assert.equal(pending!.lastError, 'the receiver answered 500');
        assert.equal(pending!.nextAttemptAt, new Date(start + 30 * second).toISOString());

        assert.equal((await app.notifier.processDue(start + 29 * second)).claimed, 0, 'not before its time');
        assert.equal((await app.notifier.processDue(start + 30 * second)).failed, 1);
        [pending] = await app.store.deliveries.pending();
        assert.equal(pending!.attempts, 2);
        assert.equal(pending!.nextAttemptAt, new Date(start + 150 * second).toISOString());

        assert.equal((await app.notifier.processDue(start + 150 * second)).delivered, 1);
        assert.deepEqual(await app.store.deliveries.pending(), []);
        assert.equal(hook.received.length, 3);
        const ids = new Set(hook.received.map((request) => request.headers['x-natter-delivery']));
        assert.equal(ids.size, 1, 'every attempt carries the same delivery id');
        const bodies = new Set(hook.received.map((request) => request.body));
        assert.equal(bodies.size, 1, 'and the same body');
        const stamps = hook.received.map(
          (request) => /t=(\d+)/.exec(String(request.headers['x-natter-signature']))![1],
        );
        assert.deepEqual(
          stamps.map(Number),
          [start, start + 30 * second, start + 150 * second].map((at) => at / 1000),
          'each attempt is signed when it is sent',
        );
        assert.ok(app.log.some((line) => /"level":"warn".*tried again/.test(line)));
      });

      it('follows the whole backoff schedule, then gives up and keeps the delivery as failed', async (t) => {
        const hook = await receiver(t, () => 503);
        const app = await notifiedApp(t, backend, { webhook: { url: hook.url, secret: webhookSecret } });
        await app.post();
        let at = app.clock.now();
        const waits: number[] = [];
        for (;;) {
          const report = await app.notifier.processDue(at);
          assert.equal(report.claimed, 1, `attempt ${waits.length + 1} was due`);
          const [pending] = await app.store.deliveries.pending();
          if (report.gaveUp === 1) break;
          const next = Date.parse(pending!.nextAttemptAt);
          waits.push(next - at);
          assert.equal((await app.notifier.processDue(next - 1)).claimed, 0);
          at = next;
        }
        assert.deepEqual(waits, retryDelaysMs);
        assert.deepEqual(
          waits.map((wait) => wait / second),
          [30, 120, 600, 3600, 14_400, 43_200, 86_400],
        );
        const [failed] = await app.store.deliveries.pending();
        assert.equal(failed!.attempts, retryDelaysMs.length + 1);
        assert.equal(failed!.lastError, 'the receiver answered 503');
        assert.equal((await app.notifier.processDue(at + 365 * 86_400 * second)).claimed, 0, 'never again');
        assert.equal(hook.received.length, retryDelaysMs.length + 1);
        assert.ok(app.log.some((line) => /"level":"error".*given up/.test(line)));
      });

      it('counts a receiver that does not answer in time as a failure', async (t) => {
        const hook = await receiver(t, () => 'hang');
        const app = await notifiedApp(t, backend, {
          webhook: { url: hook.url, secret: webhookSecret, timeoutMs: 300 },
        });
        await app.post();
        const started = performance.now();
        assert.equal((await app.notifier.processDue(app.clock.now())).failed, 1);
        assert.ok(performance.now() - started < 3_000);
        const [pending] = await app.store.deliveries.pending();
        assert.equal(pending!.lastError, 'no answer within 0.3 s');
      });

      it('counts a redirect as a failure, and never follows it to where nobody configured', async (t) => {
        const elsewhere = await receiver(t);
        const redirecting = createServer((_, response) =>
          response.writeHead(307, { Location: elsewhere.url }).end(),
        );
        await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
        t.after(() => new Promise<void>((resolve) => redirecting.close(() => resolve())));
        const { port } = redirecting.address() as AddressInfo;
        const app = await notifiedApp(t, backend, {
          webhook: { url: `http://127.0.0.1:${port}/hooks/natter`, secret: webhookSecret },
        });
        await app.post();
        assert.equal((await app.notifier.processDue(app.clock.now())).failed, 1);
        const [pending] = await app.store.deliveries.pending();
        assert.equal(pending!.lastError, 'the receiver answered 307');
        assert.equal(elsewhere.received.length, 0);
      });

      it('says which origin it could not reach, never the whole URL, which may hold a token', async (t) => {
        const hook = await receiver(t);
        await hook.close();
        const url = `${hook.url}/T0KEN-in-the-path`;
        const app = await notifiedApp(t, backend, { webhook: { url, secret: webhookSecret } });
        await app.post();
        assert.equal((await app.notifier.processDue(app.clock.now())).failed, 1);
        const [pending] = await app.store.deliveries.pending();
        assert.match(pending!.lastError!, /^cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/);
        assert.ok(!app.log.some((line) => line.includes('T0KEN')));
      });

      it('takes a delivery again once the lease of a worker stuck mid-send has run out, and not before', async (t) => {
        const stuck = await receiver(t, () => 'hang');
        const hook = await receiver(t);
        const app = await notifiedApp(t, backend, {
          webhook: { url: stuck.url, secret: webhookSecret, timeoutMs: 60 * 60_000 },
        });
        await app.post();
        const now = app.clock.now();
        // The first worker sends and hears nothing back, as if it had died mid-send.
        const stuckRound = app.notifier.processDue(now);
        await waitUntil(() => stuck.received.length === 1, 'the first attempt');

        const other = createNotifier({
          queue: app.store.deliveries,
          events: new CommentEvents(),
          publicUrl,
          webhook: { url: hook.url, secret: webhookSecret },
        });
        t.after(() => other.close());
        assert.equal(
          (await other.processDue(now + deliveryLeaseMs - 1)).claimed,
          0,
          'not while it is leased',
        );
        assert.equal((await other.processDue(now + deliveryLeaseMs)).delivered, 1);
        assert.equal(hook.received.length, 1);

        await stuck.close();
        await stuckRound;
        assert.deepEqual(
          await app.store.deliveries.pending(),
          [],
          'delivered, whatever the first worker says late',
        );
      });

      // Several instances share a PostgreSQL database; an SQLite file is one instance's (README, deployment notes).
      const isShared = backend.name === 'PostgreSQL';
      it(
        'two workers on one database deliver each message once',
        { skip: !isShared && 'one instance per SQLite file' },
        async (t) => {
          const hook = await receiver(t);
          const database = await backend.makeDatabase();
          const stores = [await database.open(), await database.open()];
          t.after(async () => {
            for (const store of stores) await store.close();
            await database.cleanup();
          });
          const events = stores.map(() => new CommentEvents());
          const workers = stores.map((store, index) =>
            createNotifier({
              queue: store.deliveries,
              events: events[index]!,
              publicUrl,
              webhook: { url: hook.url, secret: webhookSecret },
            }),
          );
          t.after(() => Promise.all(workers.map((worker) => worker.close())));
          const count = 40;
          for (let index = 0; index < count; index++) {
            // Half the comments reach one instance, half the other; both work the one queue.
            events[index % 2]!.emit({
              type: 'published',
              comment: storedComment(),
              reason: null,
              at: startTime,
            });
          }
          await Promise.all(workers.map((worker) => worker.flush()));

          let delivered = 0;
          for (let round = 0; round < 10 && delivered < count; round++) {
            const reports = await Promise.all(workers.map((worker) => worker.processDue(startTime + round)));
            delivered += reports.reduce((sum, report) => sum + report.delivered, 0);
          }
          assert.equal(delivered, count);
          await waitUntil(() => hook.received.length >= count, 'every webhook');
          const ids = hook.received.map((request) => request.headers['x-natter-delivery']);
          assert.equal(ids.length, count, 'none twice');
          assert.equal(new Set(ids).size, count);
          assert.deepEqual(await stores[0]!.deliveries.pending(), []);
        },
      );
    });
  }
});
