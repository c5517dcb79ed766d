import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import {
  assertError,
  backends,
  baseUrl,
  countsPath,
  listAll,
  listPage,
  listPath,
  postComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

/**
 * A thread whose comments arrive out of thread order: A, B, C at the top level, then replies to A and B and a
 * reply to a reply, one second apart. Returns the ids by name.
 */
async function postTree(app: TestApp, thread: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const plan: [name: string, parent?: string][] = [
    ['A'],
    ['B'],
    ['A1', 'A'],
    ['C'],
    ['B1', 'B'],
    ['A1a', 'A1'],
    ['A2', 'A'],
  ];
  for (const [name, parent] of plan) {
    app.clock.advance(1000);
    const { comment } = await postComment(app, {
      thread,
      text: name,
      ...(parent && { parent: ids[parent] }),
    });
    ids[name] = comment.id;
  }
  return ids;
}

const oldestOrder = ['A', 'A1', 'A1a', 'A2', 'B', 'B1', 'C'];
const newestOrder = ['C', 'B', 'B1', 'A', 'A1', 'A1a', 'A2'];

describe('listing and counting', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      let app: TestApp;
      let thread: string;
      let ids: Record<string, string>;
      const named = (order: string[]) => order.map((name) => ids[name]);

      before(async () => {
        app = database().app();
        thread = uniqueThread();
        ids = await postTree(app, thread);
      });

      it('lists top-level comments by age, each followed by its replies, oldest replies first', async () => {
        const oldest = await listPage(app, { thread });
        assert.deepEqual(
          oldest.comments.map((comment) => comment.id),
          named(oldestOrder),
        );
        assert.equal(oldest.thread.count, 7);
        assert.equal(oldest.next, null);
        const newest = await listPage(app, { thread, sort: 'newest' });
        assert.deepEqual(
          newest.comments.map((comment) => comment.id),
          named(newestOrder),
        );
      });

      for (const sort of ['oldest', 'newest'] as const) {
        it(`pages through the ${sort} order with cursors, at every page size, without gaps or repeats`, async () => {
          const expected = named(sort === 'oldest' ? oldestOrder : newestOrder);
          for (let limit = 1; limit <= 8; limit += 1) {
            const { ids: listed, pageSizes } = await listAll(app, thread, { sort, limit });
            assert.deepEqual(listed, expected, `limit ${limit}`);
            assert.ok(
              pageSizes.every((size) => size <= limit),
              `limit ${limit}: pages of ${pageSizes.join(', ')}`,
            );
            assert.ok(pageSizes.slice(0, -1).every((size) => size === limit));
          }
        });
      }

      it('lets the client change the page size between pages', async () => {
        const first = await listPage(app, { thread, limit: 2 });
        assert.ok(first.next);
        const rest = await listPage(app, { thread, limit: 10, cursor: first.next });
        assert.deepEqual(
          [...first.comments, ...rest.comments].map((comment) => comment.id),
          named(oldestOrder),
        );
        assert.equal(rest.next, null);
      });

      it('neither repeats nor skips a comment when new ones arrive between pages', async () => {
        const growing = uniqueThread();
        const tree = await postTree(app, growing);
        const first = await listPage(app, { thread: growing, limit: 3 });
        app.clock.advance(1000);
        const reply = await postComment(app, { thread: growing, parent: tree.A, text: 'late reply to A' });
        const late = await postComment(app, { thread: growing, text: 'late' });
        const listed = first.comments.map((comment) => comment.id);
        for (let cursor = first.next; cursor;) {
          const page = await listPage(app, { thread: growing, limit: 3, cursor });
          listed.push(...page.comments.map((comment) => comment.id));
          cursor = page.next;
        }
        const expected = oldestOrder.map((name) => tree[name]);
        // The late reply sorts after A's other replies, so after the cursor: it shows up, and nothing twice.
        assert.deepEqual(listed, [
          ...expected.slice(0, 4),
          reply.comment.id,
          ...expected.slice(4),
          late.comment.id,
        ]);
      });

      it('pages through a chain of replies 100 deep with cursors that stay short', async () => {
        const chain = uniqueThread();
        let parent: string | undefined;
        const expected: string[] = [];
        for (let depth = 0; depth < 100; depth += 1) {
          app.clock.advance(1000);
          const { comment } = await postComment(app, { thread: chain, ...(parent && { parent }) });
          expected.push(comment.id);
          parent = comment.id;
        }
        let longest = 0;
        const listed: string[] = [];
        for (let cursor: string | undefined; listed.length === 0 || cursor;) {
          const page = await listPage(app, { thread: chain, limit: 1, ...(cursor && { cursor }) });
          listed.push(...page.comments.map((comment) => comment.id));
          cursor = page.next ?? undefined;
          longest = Math.max(longest, cursor?.length ?? 0);
        }
        assert.deepEqual(listed, expected);
        assert.ok(longest < 1000, `a cursor of ${longest} characters`);
      });

      it('pages 50 comments by default and at most 100', async () => {
        const busy = uniqueThread();
        for (let index = 0; index < 101; index += 1) {
          app.clock.advance(10);
          await postComment(app, { thread: busy, text: `#${index}` });
        }
        const byDefault = await listPage(app, { thread: busy });
        assert.equal(byDefault.comments.length, limits.defaultPageSize);
        assert.ok(byDefault.next);
        const largest = await listPage(app, { thread: busy, limit: limits.maxPageSize });
        assert.equal(largest.comments.length, limits.maxPageSize);
        const last = await listPage(app, { thread: busy, limit: limits.maxPageSize, cursor: largest.next! });
        assert.deepEqual(
          last.comments.map((comment) => comment.text),
          ['#100'],
        );
        assert.equal(last.next, null);
      });

      it('refuses a limit that is not a decimal integer from 1 to 100', async () => {
        for (const limit of [
          '0',
          '101',
          '1000',
          '-1',
          '1.5',
          '1e2',
          'abc',
          '',
          ' 5',
          '+5',
          '0x10',
          '99999999999',
        ]) {
          const answer = await app.request(`/api/v1/comments?thread=t&limit=${encodeURIComponent(limit)}`);
          assertError(answer, 400, 'bad_request', 'limit');
        }
        assert.equal((await app.request('/api/v1/comments?thread=t&limit=100')).status, 200);
        assert.equal((await app.request('/api/v1/comments?thread=t&limit=1')).status, 200);
      });

      it('refuses an unknown sort', async () => {
        for (const sort of ['', 'OLDEST', 'random', 'oldest ']) {
          assertError(await app.request(listPath({ thread: 't', sort })), 400, 'bad_request', 'sort');
        }
      });

      it('refuses a missing or invalid thread key in a listing', async () => {
        assertError(await app.request('/api/v1/comments'), 400, 'bad_request', 'thread');
        assertError(await app.request('/api/v1/comments?limit=5'), 400, 'bad_request', 'thread');
        for (const key of [
          '',
          'x'.repeat(limits.threadLength + 1),
          'a\u0000b',
          'tab\there',
          'a\u007fb',
          '\u0085',
        ]) {
          assertError(await app.request(listPath({ thread: key })), 400, 'bad_request', 'thread');
        }
        const longest = 'x'.repeat(limits.threadLength);
        assert.equal((await listPage(app, { thread: longest })).thread.key, longest);
      });

      it('reads a query string as URLSearchParams does', async () => {
        assert.equal((await app.request('/api/v1/comments?thread=a+b%2Bc')).status, 200);
        assert.equal(
          ((await app.request('/api/v1/comments?thread=a+b%2Bc')).body as { thread: { key: string } }).thread
            .key,
          'a b+c',
        );
        const unicode = '/blog/ünïcödé 👩‍👩‍👧';
        assert.equal((await listPage(app, { thread: unicode })).thread.key, unicode);
      });

      it('refuses a cursor it did not hand out for this thread and order', async () => {
        const other = uniqueThread();
        await postComment(app, { thread: other });
        await postComment(app, { thread: other });
        const otherCursor = (await listPage(app, { thread: other, limit: 1 })).next;
        const oldestCursor = (await listPage(app, { thread, limit: 1 })).next;
        assert.ok(otherCursor && oldestCursor);
        const garbage = [
          '',
          'garbage',
          '!!!',
          Buffer.from('{"a":1}').toString('base64url'),
          Buffer.from('[1,2]').toString('base64url'),
          'x'.repeat(5000),
          otherCursor,
        ];
        for (const cursor of garbage) {
          assertError(await app.request(listPath({ thread, cursor })), 400, 'bad_request', 'cursor');
        }
        const newest = listPath({ thread, sort: 'newest', cursor: oldestCursor });
        assertError(await app.request(newest), 400, 'bad_request', 'cursor');
      });

      it('refuses a repeated parameter but ignores unknown ones, repeated or not', async () => {
        const repeated = {
          thread: `thread=${encodeURIComponent(thread)}&thread=${encodeURIComponent(thread)}`,
          limit: `thread=${encodeURIComponent(thread)}&limit=2&limit=2`,
          sort: `thread=${encodeURIComponent(thread)}&sort=oldest&sort=newest`,
          cursor: `thread=${encodeURIComponent(thread)}&cursor=a&cursor=a`,
        };
        for (const [field, query] of Object.entries(repeated)) {
          assertError(await app.request(`/api/v1/comments?${query}`), 400, 'bad_request', field);
        }
        const unknown = await app.request(
          `/api/v1/comments?thread=${encodeURIComponent(thread)}&utm_source=a&utm_source=b&v=2&=x&=y`,
        );
        assert.equal(unknown.status, 200, unknown.text);
      });

      it('counts up to 50 threads at once and refuses none, 51, or an invalid key', async () => {
        const fifty = Array.from({ length: limits.maxCountThreads }, (_, index) => `${thread}?${index}`);
        const answer = await app.request(countsPath(fifty));
        assert.equal(answer.status, 200, answer.text);
        assert.equal(Object.keys((answer.body as { counts: object }).counts).length, limits.maxCountThreads);

        assertError(await app.request('/api/v1/counts'), 400, 'bad_request', 'thread');
        assertError(await app.request('/api/v1/counts?other=1'), 400, 'bad_request', 'thread');
        assertError(await app.request(countsPath([...fifty, 'one more'])), 400, 'bad_request', 'thread');
        const sameFiftyOneTimes = Array.from({ length: limits.maxCountThreads + 1 }, () => thread);
        assertError(await app.request(countsPath(sameFiftyOneTimes)), 400, 'bad_request', 'thread');
        for (const key of ['', 'x'.repeat(limits.threadLength + 1), 'a\u0001b']) {
          assertError(await app.request(countsPath([thread, key])), 400, 'bad_request', 'thread');
        }
      });

      it('accepts request URLs of up to 8000 octets', async () => {
        const key = (index: number) => `/${String(index).padStart(2, '0')}/${'k'.repeat(143)}`;
        const path = countsPath(Array.from({ length: limits.maxCountThreads }, (_, index) => key(index)));
        const length = new URL(path, baseUrl).href.length;
        assert.ok(length > 7900 && length <= limits.requestUrlLength, `${length} octets`);
        const answer = await app.request(path);
        assert.equal(answer.status, 200, answer.text);
      });
    });
  }
});
