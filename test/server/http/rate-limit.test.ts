import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppOptions } from '../../../src/server/app.js';
import {
  allowedOrigin,
  assertError,
  backends,
  listPath,
  newComment,
  patch,
  post,
  postComment,
  remove,
  uniqueThread,
  useFreshDatabase,
  type Answer,
  type TestApp,
} from './helpers.js';
import type { PostCommentResponse } from '../../../src/protocol/types.js';

function assertRateLimited(answer: Answer): void {
  assertError(answer, 429, 'rate_limited');
  const retryAfter = answer.headers.get('retry-after') ?? '';
  assert.match(retryAfter, /^[1-9]\d*$/, `Retry-After: ${retryAfter}`);
  // A sliding window: the previous minute weighs on the next, so a wait may last into it.
  assert.ok(Number(retryAfter) <= 120, `Retry-After: ${retryAfter}`);
  assert.equal(answer.headers.get('cache-control'), 'no-store');
}

describe('rate limiting', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      let minutes = 0;
      /**
       * An app whose clock stands at the start of a minute no other test of this suite writes in: the counts are
       * the database's, shared by every app on it, as by every instance of a server.
       */
      const limitedApp = (options: Partial<AppOptions>): TestApp => {
        const app = database().app(options);
        minutes += 10;
        app.clock.advance(minutes * 60_000);
        return app;
      };

      it('answers the fourth write of a minute with 429 and Retry-After in whole seconds', async () => {
        const app = limitedApp({ rateLimit: 3 });
        const thread = uniqueThread();
        for (let index = 0; index < 3; index += 1) {
          assert.equal((await post(app, newComment({ thread }))).status, 201);
        }
        assertRateLimited(await post(app, newComment({ thread })));
        assertRateLimited(await post(app, { not: 'even valid' }));
        const page = await app.request(listPath({ thread }));
        assert.equal((page.body as { thread: { count: number } }).thread.count, 3);
      });

      it('counts edits and deletions as writes', async () => {
        const app = limitedApp({ rateLimit: 3 });
        const { comment, secret } = await postComment(app);
        assert.equal((await patch(app, comment.id, { text: 'One' }, secret)).status, 200);
        assert.equal((await patch(app, comment.id, { text: 'Two' }, secret)).status, 200);
        assertRateLimited(await remove(app, comment.id, secret));
        assertRateLimited(await patch(app, comment.id, { text: 'Three' }, secret));
      });

      it('does not limit reads, counts or preflights', async () => {
        const app = limitedApp({ rateLimit: 3, origins: [allowedOrigin] });
        const { comment } = await postComment(app);
        for (let index = 0; index < 2; index += 1) await postComment(app);
        assertRateLimited(await post(app, newComment()));
        for (let index = 0; index < 20; index += 1) {
          assert.equal((await app.request(listPath({ thread: comment.thread }))).status, 200);
          assert.equal(
            (await app.request(`/api/v1/counts?thread=${encodeURIComponent(comment.thread)}`)).status,
            200,
          );
          const preflight = await app.request('/api/v1/comments', {
            method: 'OPTIONS',
            headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' },
          });
          assert.equal(preflight.status, 204);
        }
        assert.equal((await app.request('/healthz')).status, 200);
      });

      it('limits 10 writes a minute when the operator sets nothing', async () => {
        const app = limitedApp({ rateLimit: undefined });
        for (let index = 0; index < 10; index += 1) assert.equal((await post(app, newComment())).status, 201);
        assertRateLimited(await post(app, newComment()));
      });

      it('never limits with rateLimit: false', async () => {
        const app = limitedApp({ rateLimit: false });
        for (let index = 0; index < 40; index += 1) {
          const answer = await post(app, newComment());
          assert.equal(answer.status, 201, `write ${index + 1}: ${answer.text}`);
        }
      });

      it('keeps a separate count for each client address', async () => {
        const app = limitedApp({ rateLimit: 3 });
        const send = (clientAddress: string) => post(app, newComment(), { clientAddress });
        for (let index = 0; index < 3; index += 1) assert.equal((await send('192.0.2.1')).status, 201);
        assertRateLimited(await send('192.0.2.1'));
        for (let index = 0; index < 3; index += 1) assert.equal((await send('2001:db8::7')).status, 201);
        assertRateLimited(await send('2001:db8::7'));
        assertRateLimited(await send('192.0.2.1'));
      });

      it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
        const direct = limitedApp({ rateLimit: 3 });
        const spoofing = (index: number) =>
          post(direct, newComment(), {
            clientAddress: '192.0.2.9',
            headers: { 'x-forwarded-for': `198.51.100.${index}` },
          });
        for (let index = 0; index < 3; index += 1) assert.equal((await spoofing(index)).status, 201);
        assertRateLimited(await spoofing(3));

        const proxied = limitedApp({ rateLimit: 3, trustProxy: true });
        const through = (client: string) =>
          post(proxied, newComment(), {
            clientAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': `203.0.113.66, ${client}` },
          });
        for (let index = 0; index < 3; index += 1) assert.equal((await through('198.51.100.1')).status, 201);
        assertRateLimited(await through('198.51.100.1'));
        assert.equal((await through('198.51.100.2')).status, 201);
      });

      it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
        const app = limitedApp({ rateLimit: 3 });
        const send = (clientAddress: string) => post(app, newComment(), { clientAddress });
        // One subscriber picking fresh addresses from the /64 its provider gave it.
        assert.equal((await send('2001:db8:1:2::1')).status, 201);
        assert.equal((await send('2001:db8:1:2:aaaa::9')).status, 201);
        assert.equal((await send('2001:db8:1:2:ffff:ffff:ffff:ffff')).status, 201);
        assertRateLimited(await send('2001:db8:1:2::2'));
        assert.equal((await send('2001:db8:1:3::1')).status, 201);

        for (let index = 0; index < 3; index += 1) assert.equal((await send('192.0.2.44')).status, 201);
        assertRateLimited(await send('::ffff:192.0.2.44'));
      });

      it('takes the client from as many trusted proxies as it was told, so a CDN does not make one bucket', async () => {
        // A CDN in front of nginx: the CDN appends the reader, nginx appends the CDN's edge.
        const app = limitedApp({ rateLimit: 2, trustProxy: 2 });
        const through = (reader: string, claimed = '10.0.0.1') =>
          post(app, newComment(), {
            clientAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': `${claimed}, ${reader}, 198.18.0.7` },
          });
        assert.equal((await through('203.0.113.1')).status, 201);
        assert.equal((await through('203.0.113.1', '10.0.0.2')).status, 201);
        assertRateLimited(await through('203.0.113.1', '10.0.0.3'));
        assert.equal((await through('203.0.113.2')).status, 201);
      });

      it('sends 429 with the CORS headers an allowed page needs to read Retry-After', async () => {
        const app = limitedApp({ rateLimit: 1, origins: [allowedOrigin] });
        const headers = { origin: allowedOrigin };
        assert.equal((await post(app, newComment(), { headers })).status, 201);
        const limited = await post(app, newComment(), { headers });
        assertRateLimited(limited);
        assert.equal(limited.headers.get('access-control-allow-origin'), allowedOrigin);
        assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After');
      });

      it('lets a client that waited as long as Retry-After said write again', async () => {
        const app = limitedApp({ rateLimit: 2 });
        for (const intoMinute of [0, 20_000, 59_500]) {
          app.clock.advance(10 * 60_000 + intoMinute);
          for (let index = 0; index < 2; index += 1)
            assert.equal((await post(app, newComment())).status, 201);
          const limited = await post(app, newComment());
          assertRateLimited(limited);
          app.clock.advance(Number(limited.headers.get('retry-after')) * 1000);
          assert.equal((await post(app, newComment())).status, 201, `${intoMinute} ms into the minute`);
          app.clock.advance(-intoMinute);
        }
      });

      it('counts writes through two apps on one database together, as two instances behind a balancer', async () => {
        const first = limitedApp({ rateLimit: 4 });
        const second = database().app({ rateLimit: 4 });
        second.clock.advance(first.clock.now() - second.clock.now());
        const send = (app: TestApp) => post(app, newComment(), { clientAddress: '192.0.2.80' });
        assert.equal((await send(first)).status, 201);
        assert.equal((await send(second)).status, 201);
        assert.equal((await send(first)).status, 201);
        assert.equal((await send(second)).status, 201);
        assertRateLimited(await send(first));
        assertRateLimited(await send(second));
      });

      it('limits posts and edits to one thread from every client together, and only valid ones count', async () => {
        const app = limitedApp({ threadRateLimit: 3 });
        const thread = uniqueThread();
        const from = (index: number) => ({ clientAddress: `198.51.100.${index}` });
        const first = (await post(app, newComment({ thread }), from(1))).body as PostCommentResponse;
        assert.equal((await post(app, newComment({ thread, name: '' }), from(2))).status, 422);
        assert.equal((await post(app, newComment({ thread }), from(3))).status, 201);
        assert.equal((await patch(app, first.comment.id, { text: 'Edited.' }, first.secret)).status, 200);
        assertRateLimited(await post(app, newComment({ thread }), from(4)));
        assertRateLimited(await patch(app, first.comment.id, { text: 'Again.' }, first.secret));
        // Another thread, and deleting, are not held back.
        assert.equal((await post(app, newComment(), from(5))).status, 201);
        assert.equal((await remove(app, first.comment.id, first.secret)).status, 204);
      });

      it('shares the per-thread count between apps on one database, and has one by default', async () => {
        const first = limitedApp({ threadRateLimit: undefined });
        const second = database().app({ threadRateLimit: undefined });
        second.clock.advance(first.clock.now() - second.clock.now());
        const thread = uniqueThread();
        for (let index = 0; index < 30; index += 1) {
          const app = index % 2 === 0 ? first : second;
          const answer = await post(app, newComment({ thread }), { clientAddress: `203.0.113.${index}` });
          assert.equal(answer.status, 201, `post ${index + 1}`);
        }
        assertRateLimited(await post(second, newComment({ thread }), { clientAddress: '203.0.113.200' }));
      });

      it('keeps the counts of a flood of strangers to the last two minutes', async () => {
        const app = limitedApp({ rateLimit: 1 });
        const clients = 60;
        for (let minute = 0; minute < 3; minute += 1) {
          for (let client = 0; client < clients; client += 1) {
            const clientAddress = `2001:db8:${minute.toString(16)}:${client.toString(16)}::1`;
            await post(app, { junk: true }, { clientAddress });
            assertRateLimited(await post(app, { junk: true }, { clientAddress }));
          }
          app.clock.advance(60_000);
        }
        await post(app, { junk: true }, { clientAddress: '192.0.2.1' });
        const rows = await database().rawCount('rate_counts');
        assert.ok(rows <= 2 * clients + 1, `${rows} rows`);
      });
    });
  }
});
