import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListCommentsResponse } from '../../../src/protocol/types.js';
import {
  allowedOrigin,
  backends,
  countsPath,
  listPath,
  patch,
  postComment,
  remove,
  uniqueThread,
  useFreshDatabase,
  type Answer,
  type TestApp,
} from './helpers.js';

/** A GET that must be answered 200 with an ETag. */
async function fetchTagged(app: TestApp, path: string): Promise<{ answer: Answer; etag: string }> {
  const answer = await app.request(path);
  assert.equal(answer.status, 200, answer.text);
  const etag = answer.headers.get('etag');
  assert.ok(etag, 'the answer has an ETag');
  return { answer, etag };
}

const texts = (answer: Answer) =>
  (answer.body as ListCommentsResponse).comments.map((comment) => comment.text);

describe('caching of listings and counts', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('answers a listing’s or counts’ If-None-Match with 304, no body, and the same headers', async () => {
        const app = database().app({ origins: [allowedOrigin] });
        const { comment } = await postComment(app);
        for (const path of [listPath({ thread: comment.thread }), countsPath([comment.thread])]) {
          const { etag } = await fetchTagged(app, path);
          const headers = { origin: allowedOrigin, 'if-none-match': etag };
          const answer = await app.request(path, { headers });
          assert.equal(answer.status, 304, path);
          assert.equal(answer.text, '');
          assert.equal(answer.headers.get('etag'), etag);
          assert.equal(answer.headers.get('cache-control'), 'no-cache');
          assert.equal(answer.headers.get('access-control-allow-origin'), allowedOrigin);
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
        }
      });

      it('matches If-None-Match as HTTP does: in a list, and weakly', async () => {
        const app = database().app();
        const { comment } = await postComment(app);
        const path = listPath({ thread: comment.thread });
        const { etag } = await fetchTagged(app, path);
        for (const ifNoneMatch of [`"other", ${etag}`, `W/${etag}`, '*']) {
          const answer = await app.request(path, { headers: { 'if-none-match': ifNoneMatch } });
          assert.equal(answer.status, 304, ifNoneMatch);
        }
        const other = await app.request(path, { headers: { 'if-none-match': '"other"' } });
        assert.equal(other.status, 200);
      });

      it('shows every post, edit and deletion in the next listing, whatever the query spelling', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const spellings = [
          listPath({ thread }),
          `/api/v1/comments?thread=${thread}`,
          `${listPath({ thread })}&x=1`,
        ];
        const first = await postComment(app, { thread, text: 'first' });
        const etags = [];
        for (const path of spellings) {
          const { answer, etag } = await fetchTagged(app, path);
          assert.deepEqual(texts(answer), ['first']);
          etags.push(etag);
        }

        app.clock.advance(1000);
        const second = await postComment(app, { thread, text: 'second' });
        for (const [index, path] of spellings.entries()) {
          const answer = await app.request(path, { headers: { 'if-none-match': etags[index]! } });
          assert.equal(answer.status, 200, path);
          assert.deepEqual(texts(answer), ['first', 'second']);
        }
        assert.equal(
          (await patch(app, first.comment.id, { text: 'first, edited' }, first.secret)).status,
          200,
        );
        for (const path of spellings)
          assert.deepEqual(texts(await app.request(path)), ['first, edited', 'second']);
        assert.equal((await remove(app, second.comment.id, second.secret)).status, 204);
        for (const path of spellings) assert.deepEqual(texts(await app.request(path)), ['first, edited']);
      });

      it('shows every post and deletion in the next counts, also of several threads at once', async () => {
        const app = database().app();
        const [one, two] = [uniqueThread(), uniqueThread()];
        const path = countsPath([one, two]);
        assert.deepEqual((await app.request(path)).body, { counts: { [one]: 0, [two]: 0 } });
        const posted = await postComment(app, { thread: two });
        assert.deepEqual((await app.request(path)).body, { counts: { [one]: 0, [two]: 1 } });
        assert.deepEqual((await app.request(countsPath([two]))).body, { counts: { [two]: 1 } });
        assert.equal((await remove(app, posted.comment.id, posted.secret)).status, 204);
        assert.deepEqual((await app.request(path)).body, { counts: { [one]: 0, [two]: 0 } });
      });

      it('keeps a held comment out of the listing, whose ETag then stays the same', async () => {
        const app = database().app();
        const held = database().app({ moderation: 'all' });
        const thread = uniqueThread();
        await postComment(app, { thread, text: 'published' });
        const before = await fetchTagged(app, listPath({ thread }));
        await postComment(held, { thread, text: 'pending' });
        const after = await app.request(listPath({ thread }));
        assert.deepEqual(texts(after), ['published']);
        assert.equal(after.headers.get('etag'), before.etag);
      });

      it('notices changes made past the app (another instance, an operator) within two seconds', async () => {
        const app = database().app();
        const { comment } = await postComment(app);
        const path = listPath({ thread: comment.thread });
        assert.equal(((await app.request(path)).body as ListCommentsResponse).thread.locked, false);
        await app.store.setThreadLocked(comment.thread, true);
        app.clock.advance(2_000);
        assert.equal(((await app.request(path)).body as ListCommentsResponse).thread.locked, true);
      });
    });
  }
});
