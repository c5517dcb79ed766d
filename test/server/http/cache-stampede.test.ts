// A popular page that expires under load is made once: the requests that find it gone while it is made wait for that
// answer, where each used to query the store and encode and compress the page itself (a hundred at once held some
// 70 MB more in natter serve). A request after a post is never handed an answer made before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListCommentsResponse } from '../../../src/protocol/types.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import { backends, listPath, postComment, useFreshDatabase, type Answer, type TestApp } from './helpers.js';

/** `store`, counting its calls of `listPage`, which waits for `gate`, when one is set, before it answers. */
function countingStore(store: CommentStore) {
  const counted = { listPages: 0, gate: undefined as Promise<void> | undefined };
  const wrapped = new Proxy(store, {
    get(target, name) {
      if (name === 'listPage') {
        return async (...query: Parameters<CommentStore['listPage']>) => {
          counted.listPages += 1;
          const page = await target.listPage(...query);
          await counted.gate;
          return page;
        };
      }
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapped, counted };
}

describe('pages asked for while they are being made', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('makes an expired page once for a hundred requests that ask for it at once', async () => {
        const { store, counted } = countingStore(database().store);
        const app = database().app({ store });
        const { comment } = await postComment(app);
        for (const round of [1, 2]) {
          const answers = await Promise.all(
            Array.from({ length: 100 }, () => app.request(listPath({ thread: comment.thread }))),
          );
          assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
          assert.equal(new Set(answers.map((answer) => answer.headers.get('etag'))).size, 1);
          assert.equal(counted.listPages, round);
          app.clock.advance(2_000);
        }
      });

      /** Starts a GET of `thread`'s page that reads the store at once and answers once `open` is called. */
      async function pageReadBeforeAPost(
        counted: ReturnType<typeof countingStore>['counted'],
        app: TestApp,
        thread: string,
      ) {
        let open = () => {};
        counted.gate = new Promise((resolve) => (open = resolve));
        const answer = app.request(listPath({ thread }));
        while (counted.listPages === 0) await new Promise((resolve) => setImmediate(resolve));
        return { answer, open };
      }

      const ids = async (answer: Promise<Answer>) =>
        new Set(((await answer).body as ListCommentsResponse).comments.map((shown) => shown.id));

      it('shows a post to a request after it, though a page read before it is still being made', async () => {
        const { store, counted } = countingStore(database().store);
        const app = database().app({ store });
        const { comment } = await postComment(app);
        const begun = await pageReadBeforeAPost(counted, app, comment.thread);
        const { comment: reply } = await postComment(app, { thread: comment.thread, text: 'After it' });
        const after = app.request(listPath({ thread: comment.thread }));
        begun.open();
        assert.deepEqual(await ids(begun.answer), new Set([comment.id]));
        assert.deepEqual(await ids(after), new Set([comment.id, reply.id]));
      });

      it('keeps no page read before a post for the requests after it', async () => {
        const { store, counted } = countingStore(database().store);
        const app = database().app({ store });
        const { comment } = await postComment(app);
        const begun = await pageReadBeforeAPost(counted, app, comment.thread);
        const { comment: reply } = await postComment(app, { thread: comment.thread, text: 'After it' });
        begun.open();
        assert.deepEqual(await ids(begun.answer), new Set([comment.id]));
        const later = app.request(listPath({ thread: comment.thread }));
        assert.deepEqual(await ids(later), new Set([comment.id, reply.id]));
      });
    });
  }
});
