import assert from 'node:assert/strict';
import { loadStaticAssets } from '../../../src/server/node/static-assets.js';
import { isWidgetFile } from '../../../src/server/routes/static-files.js';
import { after, before, describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import {
  allowedOrigin,
  backends,
  countsPath,
  listPath,
  makeWidgetDirectory,
  newComment,
  patch,
  post,
  postComment,
  remove,
  useFreshDatabase,
  type Answer,
  type TestApp,
} from './helpers.js';

/** One answer of every kind the API gives, each with the `Cache-Control` the protocol asks of it. */
async function answersOfEveryKind(
  app: TestApp,
): Promise<[label: string, answer: Answer, cacheControl: string][]> {
  const { comment, secret } = await postComment(app);
  const thread = comment.thread;
  const json = { 'content-type': 'application/json' };
  const sent = await post(app, newComment());
  await postComment(app, { thread, parent: comment.id });
  const lone = await postComment(app);
  return [
    ['list', await app.request(listPath({ thread })), 'no-cache'],
    ['counts', await app.request(countsPath([thread])), 'no-cache'],
    ['post', sent, 'no-store'],
    ['patch', await patch(app, comment.id, { text: 'Edited' }, secret), 'no-store'],
    ['delete', await remove(app, lone.comment.id, lone.secret), 'no-store'],
    ['bad query', await app.request('/api/v1/comments'), 'no-store'],
    [
      'invalid json',
      await app.request('/api/v1/comments', { method: 'POST', body: '{', headers: json }),
      'no-store',
    ],
    ['wrong secret', await patch(app, comment.id, { text: 'x' }, 'wrong'), 'no-store'],
    ['unknown comment', await remove(app, 'unknown', secret), 'no-store'],
    ['like', await app.request(`/api/v1/comments/${lone.comment.id}/likes`, { method: 'POST' }), 'no-store'],
    ['placeholder', await remove(app, comment.id, secret), 'no-store'],
    ['too large', await post(app, { text: 'x'.repeat(limits.maxBodyBytes) }), 'no-store'],
    ['media type', await app.request('/api/v1/comments', { method: 'POST', body: '{}' }), 'no-store'],
    ['validation', await post(app, newComment({ name: '' })), 'no-store'],
    ['unknown path', await app.request('/api/v1/nope'), 'no-store'],
    ['unknown method', await app.request('/api/v1/comments', { method: 'PUT' }), 'no-store'],
    [
      'preflight',
      await app.request('/api/v1/comments', {
        method: 'OPTIONS',
        headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' },
      }),
      'no-store',
    ],
  ];
}

describe('response headers', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      let answers: [label: string, answer: Answer, cacheControl: string][];

      before(async () => {
        answers = await answersOfEveryKind(database().app({ origins: [allowedOrigin] }));
        assert.deepEqual(
          answers.map(([, answer]) => answer.status),
          [200, 200, 201, 200, 204, 400, 400, 403, 404, 404, 204, 413, 415, 422, 404, 404, 204],
        );
      });

      it('keeps every API answer from running as a page', () => {
        for (const [label, answer] of answers) {
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', label);
          assert.equal(
            answer.headers.get('content-security-policy'),
            "default-src 'none'; frame-ancestors 'none'",
            label,
          );
          assert.equal(answer.headers.get('referrer-policy'), 'no-referrer', label);
        }
      });

      it('lets caches keep listings only with revalidation, and nothing else at all', () => {
        for (const [label, answer, cacheControl] of answers) {
          assert.equal(answer.headers.get('cache-control'), cacheControl, label);
        }
      });

      it('labels every body as JSON in UTF-8, and sends none with 204', () => {
        for (const [label, answer] of answers) {
          if (answer.status === 204) {
            assert.equal(answer.text, '', label);
            continue;
          }
          assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8', label);
          assert.doesNotThrow(() => JSON.parse(answer.text), label);
        }
      });

      it('never sets a cookie, and ignores the ones it is sent', async () => {
        for (const [label, answer] of answers) assert.equal(answer.headers.get('set-cookie'), null, label);
        const app = database().app();
        const answer = await post(app, newComment(), { headers: { cookie: 'session=admin; natter=1' } });
        assert.equal(answer.status, 201);
        assert.equal(answer.headers.get('set-cookie'), null);
      });

      it('answers /healthz without caching', async () => {
        const answer = await database().app().request('/healthz');
        assert.deepEqual([answer.status, answer.body], [200, { status: 'ok' }]);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
      });

      describe('the widget script', () => {
        let widget: Awaited<ReturnType<typeof makeWidgetDirectory>>;
        let app: TestApp;
        before(async () => {
          widget = await makeWidgetDirectory();
          const files = loadStaticAssets(widget.directory, isWidgetFile);
          app = database().app({ widget: files, origins: [allowedOrigin] });
        });
        after(() => widget.cleanup());

        it('serves natter.js to every site with an ETag, revalidated daily', async () => {
          const answer = await app.request('/natter.js', { headers: { origin: 'https://any.example' } });
          assert.equal(answer.status, 200);
          assert.equal(answer.text, 'import "./natter-x-abc.js";\n');
          assert.equal(answer.headers.get('content-type'), 'text/javascript; charset=utf-8');
          assert.match(answer.headers.get('etag') ?? '', /^"[^"]+"$/);
          assert.equal(answer.headers.get('access-control-allow-origin'), '*');
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(
            answer.headers.get('cache-control'),
            'public, max-age=3600, stale-while-revalidate=86400',
          );
        });

        it('answers a matching If-None-Match with 304 and no body', async () => {
          const etag = (await app.request('/natter.js')).headers.get('etag')!;
          for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, '*', ` ${etag} `]) {
            const answer = await app.request('/natter.js', { headers: { 'if-none-match': ifNoneMatch } });
            assert.equal(answer.status, 304, ifNoneMatch);
            assert.equal(answer.text, '');
            assert.equal(answer.headers.get('etag'), etag);
            assert.equal(answer.headers.get('access-control-allow-origin'), '*');
          }
          const stale = await app.request('/natter.js', { headers: { 'if-none-match': '"stale"' } });
          assert.equal(stale.status, 200);
        });

        it('serves content-hashed chunks as immutable, each with its own ETag', async () => {
          const chunk = await app.request('/natter-x-abc.js');
          assert.equal(chunk.status, 200);
          assert.equal(chunk.text, 'export const chunk = 1;\n');
          assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
          assert.notEqual(chunk.headers.get('etag'), (await app.request('/natter.js')).headers.get('etag'));
        });

        it('serves nothing else from the folder', async () => {
          for (const path of [
            '/other.js',
            '/natter-notes.txt',
            '/natter.js/',
            '/..%2Fnatter.js',
            '/%2e%2e/package.json',
          ]) {
            const answer = await app.request(path);
            assert.equal(answer.status, 404, path);
            assert.equal((answer.body as { error: { code: string } }).error.code, 'not_found', path);
          }
        });
      });
    });
  }
});
