import assert from 'node:assert/strict';
import { createLogger } from '../../../src/server/logger.js';
import { describe, it } from 'node:test';
import {
  allowedOrigin,
  allowedOrigins,
  assertError,
  backends,
  baseUrl,
  countsPath,
  listPage,
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

const strangerOrigin = 'https://evil.example';

function preflight(app: TestApp, origin: string | undefined, method = 'POST'): Promise<Answer> {
  const headers: Record<string, string> = {
    'access-control-request-method': method,
    'access-control-request-headers': 'content-type, authorization',
  };
  if (origin !== undefined) headers.origin = origin;
  return app.request('/api/v1/comments/some-id', { method: 'OPTIONS', headers });
}

function assertCorsAllowed(answer: Answer, origin: string): void {
  assert.equal(answer.headers.get('access-control-allow-origin'), origin, answer.text);
  assert.equal(answer.headers.get('access-control-expose-headers'), 'Retry-After');
  assert.match(answer.headers.get('vary') ?? '', /\bOrigin\b/i);
  assert.equal(answer.headers.get('access-control-allow-credentials'), null);
}

function corsHeaderNames(answer: Answer): string[] {
  return [...answer.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

describe('CORS', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('gives an allowed origin its CORS headers on every answer, errors included', async () => {
        const app = database().app({ origins: allowedOrigins });
        const headers = { origin: allowedOrigin };
        const thread = uniqueThread();
        const posted = await post(app, newComment({ thread }), { headers });
        assert.equal(posted.status, 201);
        assertCorsAllowed(posted, allowedOrigin);
        const { comment, secret } = posted.body as { comment: { id: string }; secret: string };
        const answers = [
          await app.request(listPath({ thread }), { headers }),
          await app.request(countsPath([thread]), { headers }),
          await app.request(`/api/v1/comments/${comment.id}`, {
            method: 'PATCH',
            json: { text: 'Edited' },
            headers: { ...headers, authorization: `Bearer ${secret}` },
          }),
          await post(app, newComment({ name: '' }), { headers }),
          await app.request('/api/v1/comments', { headers }),
          await app.request('/api/v1/nope', { headers }),
          await app.request(`/api/v1/comments/${comment.id}`, { method: 'DELETE', headers }),
        ];
        assert.deepEqual(
          answers.map((answer) => answer.status),
          [200, 200, 200, 422, 400, 404, 403],
        );
        for (const answer of answers) assertCorsAllowed(answer, allowedOrigin);
      });

      it('answers an allowed preflight with 204 and the methods, headers and max-age', async () => {
        const app = database().app({ origins: ['https://other.example', allowedOrigin] });
        for (const method of ['POST', 'PATCH', 'DELETE', 'GET']) {
          const answer = await preflight(app, allowedOrigin, method);
          assert.equal(answer.status, 204);
          assert.equal(answer.text, '');
          assertCorsAllowed(answer, allowedOrigin);
          assert.equal(answer.headers.get('access-control-allow-methods'), 'GET, POST, PATCH, DELETE');
          assert.equal(answer.headers.get('access-control-allow-headers'), 'Content-Type, Authorization');
          assert.equal(answer.headers.get('access-control-max-age'), '7200');
        }
        const onCounts = await app.request('/api/v1/counts', {
          method: 'OPTIONS',
          headers: { origin: allowedOrigin, 'access-control-request-method': 'GET' },
        });
        assert.equal(onCounts.status, 204);
      });

      it('warns the operator once per origin that is not allowed, naming the flag to add', async () => {
        const lines: string[] = [];
        const app = database().app({
          origins: [allowedOrigin],
          logger: createLogger('warn', (line) => lines.push(line)),
        });
        const thread = uniqueThread();
        for (let index = 0; index < 3; index += 1) {
          await app.request(listPath({ thread }), { headers: { origin: strangerOrigin } });
          await post(app, newComment({ thread }), { headers: { origin: strangerOrigin } });
        }
        await app.request(listPath({ thread }), { headers: { origin: allowedOrigin } });
        await app.request(listPath({ thread }));
        const warnings = lines.map((line) => JSON.parse(line) as Record<string, string>);
        assert.equal(warnings.length, 1, lines.join(''));
        assert.equal(warnings[0]!.level, 'warn');
        assert.equal(warnings[0]!.origin, strangerOrigin);
        assert.match(warnings[0]!.hint!, new RegExp(`--origin ${strangerOrigin.replaceAll('.', '\\.')}`));
      });

      it('remembers a bounded number of refused origins, however many a stranger invents', async () => {
        const lines: string[] = [];
        const app = database().app({ logger: createLogger('warn', (line) => lines.push(line)) });
        const path = listPath({ thread: uniqueThread() });
        for (let index = 0; index < 1_500; index += 1) {
          await app.request(path, { headers: { origin: `https://site-${index}.example` } });
        }
        assert.equal(lines.length, 1_001);
        assert.match(lines.at(-1)!, /further ones are not logged/);
      });

      it('also allows the request headers the operator chose, in preflights', async () => {
        const app = database().app({
          origins: [allowedOrigin],
          allowHeaders: ['X-Requested-With', 'X-Trace'],
        });
        const answer = await preflight(app, allowedOrigin);
        assert.equal(
          answer.headers.get('access-control-allow-headers'),
          'Content-Type, Authorization, X-Requested-With, X-Trace',
        );
      });

      it('sends no CORS headers to an origin that is not allowed, but still answers its reads', async () => {
        const app = database().app({ origins: allowedOrigins });
        const { comment } = await postComment(app);
        const headers = { origin: strangerOrigin };
        const read = await app.request(listPath({ thread: comment.thread }), { headers });
        assert.equal(read.status, 200);
        assert.deepEqual(corsHeaderNames(read), []);
        const counts = await app.request(countsPath([comment.thread]), { headers });
        assert.deepEqual([counts.status, corsHeaderNames(counts)], [200, []]);
      });

      it('refuses writes and preflights from an origin that is not allowed with 403, changing nothing', async () => {
        const app = database().app({ origins: allowedOrigins });
        const { comment, secret } = await postComment(app, { text: 'Untouched' });
        const lookalikes = [
          strangerOrigin,
          'null',
          'http://blog.example.com',
          'https://blog.example.com:8443',
          'https://blog.example.com.evil.example',
          'https://BLOG.example.com',
          `${allowedOrigin}/`,
          '',
        ];
        for (const origin of lookalikes) {
          const headers = { origin };
          const refused = [
            await post(app, newComment({ thread: comment.thread }), { headers }),
            await app.request(`/api/v1/comments/${comment.id}`, {
              method: 'PATCH',
              json: { text: 'Changed' },
              headers: { ...headers, authorization: `Bearer ${secret}` },
            }),
            await app.request(`/api/v1/comments/${comment.id}`, {
              method: 'DELETE',
              headers: { ...headers, authorization: `Bearer ${secret}` },
            }),
            await preflight(app, origin),
          ];
          for (const answer of refused) {
            assertError(answer, 403, 'forbidden', undefined, `origin ${origin}`);
            assert.deepEqual(corsHeaderNames(answer), []);
          }
        }
        const page = await listPage(app, { thread: comment.thread });
        assert.deepEqual(
          page.comments.map((listed) => listed.text),
          ['Untouched'],
        );
      });

      it('lets requests without an Origin through, as from curl or another server', async () => {
        const app = database().app({ origins: allowedOrigins });
        const { comment, secret } = await postComment(app);
        assert.equal((await patch(app, comment.id, { text: 'Edited' }, secret)).status, 200);
        assert.equal((await remove(app, comment.id, secret)).status, 204);
      });

      it('allows the server’s own origin, as configured, never as the Host header claims', async () => {
        const configured = database().app({ origins: [], publicOrigins: [baseUrl] });
        const own = await post(configured, newComment(), { headers: { origin: baseUrl } });
        assert.equal(own.status, 201, own.text);
        // A DNS-rebinding page: its name resolves to this server, so the Host header and Origin agree.
        const rebound = database().app({ origins: [] });
        assertError(await post(rebound, newComment(), { headers: { origin: baseUrl } }), 403, 'forbidden');
      });

      it('takes its own origin from trusted proxies, host and port together, and never past configuration', async () => {
        const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'comments.example.org' };
        const proxied = database().app({ origins: [], trustProxy: true });
        // The backend listens on 8080: the public origin is still the proxy's, with its default port.
        const request = (origin: string) =>
          proxied.request('http://natter.test:8080/api/v1/comments', {
            method: 'POST',
            json: newComment(),
            headers: { ...forwarded, origin },
          });
        assert.equal((await request('https://comments.example.org')).status, 201);
        assertError(await request('https://comments.example.org:8080'), 403, 'forbidden');

        const headers = { ...forwarded, origin: 'https://comments.example.org' };
        const untrusted = database().app({ origins: [] });
        assertError(await post(untrusted, newComment(), { headers }), 403, 'forbidden');
        const configured = database().app({ origins: [], trustProxy: true, publicOrigins: [baseUrl] });
        assertError(await post(configured, newComment(), { headers }), 403, 'forbidden');
      });

      it('allows every origin with *, answering Access-Control-Allow-Origin: *', async () => {
        const app = database().app({ origins: ['*'] });
        const headers = { origin: strangerOrigin };
        const posted = await post(app, newComment(), { headers });
        assert.equal(posted.status, 201);
        assertCorsAllowed(posted, '*');
        const answer = await preflight(app, 'https://anyone.example');
        assert.equal(answer.status, 204);
        assertCorsAllowed(answer, '*');
      });

      it('allows no other origin when the operator allowed none', async () => {
        const app = database().app();
        assertError(await post(app, newComment(), { headers: { origin: allowedOrigin } }), 403, 'forbidden');
        assertError(await preflight(app, allowedOrigin), 403, 'forbidden');
      });
    });
  }
});
