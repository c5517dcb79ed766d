import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, it } from 'node:test';
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
} from './helpers.js';

/**
 * The limiter counts per wall-clock minute (the app's test clock does not drive it), weighting the previous
 * minute: a burst that straddles a minute's end would be partly forgiven. Start bursts well inside a minute.
 */
async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 58_000) await sleep(60_000 - intoMinute + 50);
}

function assertRateLimited(answer: Answer): void {
  assertError(answer, 429, 'rate_limited');
  const retryAfter = answer.headers.get('retry-after') ?? '';
  assert.match(retryAfter, /^[1-9]\d*$/, `Retry-After: ${retryAfter}`);
  assert.ok(Number(retryAfter) <= 60, `Retry-After: ${retryAfter}`);
  assert.equal(answer.headers.get('cache-control'), 'no-store');
}

describe('rate limiting', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      beforeEach(awayFromMinuteEnd);

      it('answers the fourth write of a minute with 429 and Retry-After in whole seconds', async () => {
        const app = database().app({ rateLimit: 3 });
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
        const app = database().app({ rateLimit: 3 });
        const { comment, secret } = await postComment(app);
        assert.equal((await patch(app, comment.id, { text: 'One' }, secret)).status, 200);
        assert.equal((await patch(app, comment.id, { text: 'Two' }, secret)).status, 200);
        assertRateLimited(await remove(app, comment.id, secret));
        assertRateLimited(await patch(app, comment.id, { text: 'Three' }, secret));
      });

      it('does not limit reads, counts or preflights', async () => {
        const app = database().app({ rateLimit: 3, origins: [allowedOrigin] });
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
        const app = database().app({ rateLimit: undefined });
        for (let index = 0; index < 10; index += 1) assert.equal((await post(app, newComment())).status, 201);
        assertRateLimited(await post(app, newComment()));
      });

      it('never limits with rateLimit: false', async () => {
        const app = database().app({ rateLimit: false });
        for (let index = 0; index < 40; index += 1) {
          const answer = await post(app, newComment());
          assert.equal(answer.status, 201, `write ${index + 1}: ${answer.text}`);
        }
      });

      it('keeps a separate count for each client address', async () => {
        const app = database().app({ rateLimit: 3 });
        const send = (clientAddress: string) => post(app, newComment(), { clientAddress });
        for (let index = 0; index < 3; index += 1) assert.equal((await send('192.0.2.1')).status, 201);
        assertRateLimited(await send('192.0.2.1'));
        for (let index = 0; index < 3; index += 1) assert.equal((await send('2001:db8::7')).status, 201);
        assertRateLimited(await send('2001:db8::7'));
        assertRateLimited(await send('192.0.2.1'));
      });

      it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
        const direct = database().app({ rateLimit: 3 });
        const spoofing = (index: number) =>
          post(direct, newComment(), {
            clientAddress: '192.0.2.9',
            headers: { 'x-forwarded-for': `198.51.100.${index}` },
          });
        for (let index = 0; index < 3; index += 1) assert.equal((await spoofing(index)).status, 201);
        assertRateLimited(await spoofing(3));

        const proxied = database().app({ rateLimit: 3, trustProxy: true });
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
        const app = database().app({ rateLimit: 3 });
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
        const app = database().app({ rateLimit: 2, trustProxy: 2 });
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
        const app = database().app({ rateLimit: 1, origins: [allowedOrigin] });
        const headers = { origin: allowedOrigin };
        assert.equal((await post(app, newComment(), { headers })).status, 201);
        const limited = await post(app, newComment(), { headers });
        assertRateLimited(limited);
        assert.equal(limited.headers.get('access-control-allow-origin'), allowedOrigin);
        assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After');
      });
    });
  }
});
