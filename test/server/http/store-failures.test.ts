import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../src/server/logger.js';
import { StoreUnavailableError } from '../../../src/server/storage/errors.js';
import {
  assertError,
  backends,
  countsPath,
  listPath,
  newComment,
  post,
  postComment,
  remove,
  useFreshDatabase,
  type Answer,
} from './helpers.js';

/** `store`, except that every call but `close` fails with `error`, its settings, rules and queues' included. */
function failing<T extends object>(store: T, error: Error): T {
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'close') return Reflect.get(target, name, receiver);
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value === 'object' && value !== null) return failing(value, error);
      return () => Promise.reject(error);
    },
  });
}

function assertNotCached(answer: Answer): void {
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
}

describe('storage failures', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('answers 503 unavailable with Retry-After while the storage is unreachable', async () => {
        for (const code of ['ECONNREFUSED', 'SQLITE_BUSY', '57P01']) {
          const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code });
          const store = failing(database().store, new StoreUnavailableError(cause));
          const app = database().app({ store });
          const answers = [
            await app.request(listPath({ thread: '/a' })),
            await app.request(countsPath(['/a'])),
            await post(app, newComment()),
            await remove(app, 'some-id', 'secret'),
          ];
          for (const answer of answers) {
            assertError(answer, 503, 'unavailable', undefined, code);
            assert.match(answer.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
            assertNotCached(answer);
          }
          const health = await app.request('/healthz');
          assert.deepEqual([health.status, health.body], [503, { status: 'unavailable' }]);
        }
      });

      it('leaves drivers’ error codes to the store: an untranslated one is a fault like any other', async () => {
        const raw = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        const app = database().app({ store: failing(database().store, raw) });
        assertError(await app.request(listPath({ thread: '/a' })), 500, 'internal');
      });

      it('answers 500 internal for an unexpected fault, logging it but telling the client nothing more', async () => {
        const lines: string[] = [];
        const logger = createLogger('error', (line) => lines.push(line));
        const fault = new Error('relation "comments" has no column "secret-internal-detail"');
        const app = database().app({ store: failing(database().store, fault), logger });
        const answer = await app.request(listPath({ thread: '/a' }));
        assertError(answer, 500, 'internal');
        assertNotCached(answer);
        assert.equal(answer.text.includes('secret-internal-detail'), false, answer.text);
        assert.ok(
          lines.some((line) => line.includes('secret-internal-detail')),
          'the fault is in the log',
        );
      });

      it('never logs a secret or an Authorization header', async () => {
        const lines: string[] = [];
        const logger = createLogger('debug', (line) => lines.push(line));
        const app = database().app({ logger });
        const { comment, secret } = await postComment(app);
        const reply = await postComment(app, { thread: comment.thread, parent: comment.id });
        await app.request(`/api/v1/comments/${comment.id}`, {
          method: 'PATCH',
          json: { text: 'Edited' },
          headers: { authorization: `Bearer ${secret}` },
        });
        await remove(app, comment.id, secret);
        await remove(app, reply.comment.id, `${secret}-wrong`);
        assert.ok(lines.length >= 5, 'requests are logged');
        for (const line of lines) {
          assert.equal(line.includes(secret), false, line);
          assert.equal(line.includes(reply.secret), false, line);
          assert.equal(/bearer/i.test(line), false, line);
        }
      });
    });
  }
});
