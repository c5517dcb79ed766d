// Conversations (issue 16): deleted placeholders, likes, sorting by likes and replies, the page around a comment
// with `previous`, and avatars.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comment, LikeResponse, ListCommentsResponse, SortOrder } from '../../../src/protocol/types.js';
import { createSiteState } from '../../../src/server/site-state.js';
import {
  assertError,
  backends,
  countsPath,
  listPage,
  listPath,
  postComment,
  remove,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

const like = (app: TestApp, id: string, method: 'POST' | 'DELETE' = 'POST', clientAddress?: string) =>
  app.request(`/api/v1/comments/${id}/likes`, { method, ...(clientAddress && { clientAddress }) });

/** Every page of a thread, each as its comments' ids. */
async function pagesOf(app: TestApp, thread: string, sort: SortOrder, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(app, { thread, sort, limit, ...(cursor && { cursor }) });
    pages.push(page.comments.map((comment) => comment.id));
    cursor = page.next ?? undefined;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('conversations', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('keeps a deleted comment with replies as a placeholder, counted nowhere, until its last reply goes', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const top = await postComment(app, {
          thread,
          name: 'Ada',
          email: 'ada@example.com',
          url: 'https://a.example',
        });
        const reply = await postComment(app, { thread, parent: top.comment.id, text: 'Answer' });
        const deeper = await postComment(app, { thread, parent: reply.comment.id, text: 'Deeper' });
        assert.equal((await listPage(app, { thread })).thread.count, 3);

        assert.equal((await remove(app, top.comment.id, top.secret)).status, 204);
        const page = await listPage(app, { thread });
        assert.deepEqual(
          page.comments.map((comment) => comment.id),
          [top.comment.id, reply.comment.id, deeper.comment.id],
        );
        assert.deepEqual(page.comments[0], {
          id: top.comment.id,
          thread,
          parent: null,
          author: { name: '', url: null },
          text: '',
          createdAt: top.comment.createdAt,
          editedAt: null,
          status: 'published',
          likes: 0,
          deleted: true,
          avatar: null,
        } satisfies Comment);
        assert.equal(page.thread.count, 2);
        assert.deepEqual((await app.request(countsPath([thread]))).body, { counts: { [thread]: 2 } });

        // A placeholder takes no replies, likes or reports.
        const refused = await app.request('/api/v1/comments', {
          method: 'POST',
          json: { thread, parent: top.comment.id, name: 'Bo', text: 'Hello?' },
        });
        assertError(refused, 422, 'validation_failed', 'parent');
        assertError(await like(app, top.comment.id), 404, 'not_found');
        const report = await app.request(`/api/v1/comments/${top.comment.id}/reports`, {
          method: 'POST',
          json: { reason: 'spam' },
        });
        assertError(report, 404, 'not_found');

        // The reply becomes a placeholder too; its last reply gone, both go, up the chain.
        assert.equal((await remove(app, reply.comment.id, reply.secret)).status, 204);
        assert.equal((await listPage(app, { thread })).thread.count, 1);
        assert.equal((await remove(app, deeper.comment.id, deeper.secret)).status, 204);
        const empty = await listPage(app, { thread });
        assert.deepEqual([empty.comments.length, empty.thread.count], [0, 0]);
        assertError(await app.request(`/api/v1/comments/${top.comment.id}`), 404, 'not_found');
      });

      it('counts likes up and down, never below 0, on listed comments only, and shows them at once', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const { comment } = await postComment(app, { thread });
        await listPage(app, { thread }); // cached
        const liked = await like(app, comment.id);
        assert.equal(liked.status, 200, liked.text);
        assert.deepEqual(liked.body, { likes: 1 } satisfies LikeResponse);
        assert.equal(liked.headers.get('cache-control'), 'no-store');
        assert.equal((await listPage(app, { thread })).comments[0]?.likes, 1, 'the cached page was dropped');
        assert.deepEqual((await like(app, comment.id, 'DELETE')).body, { likes: 0 });
        assert.deepEqual((await like(app, comment.id, 'DELETE')).body, { likes: 0 });
        const held = await postComment(database().app({ moderation: 'all' }), { thread });
        assertError(await like(app, held.comment.id), 404, 'not_found');
        assertError(await like(app, 'no-such-comment'), 404, 'not_found');
        assertError(await like(app, 'a.b'), 404, 'not_found');

        const site = createSiteState(app.store.settings);
        await site.setReadOnly(true);
        try {
          app.clock.advance(2_001);
          assertError(await like(app, comment.id), 403, 'thread_locked');
        } finally {
          await site.setReadOnly(false);
        }
      });

      it('limits likes per client with the shared write limit, with Retry-After', async () => {
        const app = database().app({ rateLimit: 3 });
        const other = database().app({ rateLimit: 3 });
        const { comment } = await postComment(database().app());
        const address = '198.51.100.23';
        for (let index = 0; index < 3; index++) {
          assert.equal((await like(app, comment.id, 'POST', address)).status, 200);
        }
        // Another instance on the same database counts with this one.
        const refused = await like(other, comment.id, 'POST', address);
        assertError(refused, 429, 'rate_limited');
        assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
        assert.equal((await like(app, comment.id, 'POST', '198.51.100.24')).status, 200);
      });

      it('sorts top-level comments by likes and by replies, ties oldest first, through every page', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const tops: string[] = [];
        for (let index = 0; index < 6; index++) {
          tops.push((await postComment(app, { thread, text: `Top ${index}` })).comment.id);
          app.clock.advance(1000);
        }
        // Likes: top 3 three, top 1 and top 4 one each. Replies: top 4 two (one of them deeper), top 0 one.
        for (const [index, count] of [
          [3, 3],
          [1, 1],
          [4, 1],
        ] as const) {
          for (let n = 0; n < count; n++) await like(app, tops[index]!);
        }
        const r1 = await postComment(app, { thread, parent: tops[4] });
        app.clock.advance(1000);
        const r2 = await postComment(app, { thread, parent: r1.comment.id });
        app.clock.advance(1000);
        const r3 = await postComment(app, { thread, parent: tops[0] });
        const conversation = (index: number) =>
          index === 4
            ? [tops[4]!, r1.comment.id, r2.comment.id]
            : index === 0
              ? [tops[0]!, r3.comment.id]
              : [tops[index]!];
        const liked = [3, 1, 4, 0, 2, 5].flatMap(conversation);
        const replied = [4, 0, 1, 2, 3, 5].flatMap(conversation);
        for (const limit of [1, 2, 3, 100]) {
          assert.deepEqual((await pagesOf(app, thread, 'liked', limit)).flat(), liked, `liked, ${limit}`);
          assert.deepEqual(
            (await pagesOf(app, thread, 'replied', limit)).flat(),
            replied,
            `replied, ${limit}`,
          );
        }
        const page = await listPage(app, { thread, sort: 'liked', limit: 2 });
        assert.deepEqual(page.thread.sorts, ['oldest', 'newest', 'liked', 'replied']);
        // A cursor of one order is refused by another.
        const mismatch = await app.request(listPath({ thread, sort: 'replied', cursor: page.next! }));
        assertError(mismatch, 400, 'bad_request', 'cursor');
        // Deleting a reply lowers the conversation's count: top 0 falls behind the ties.
        assert.equal((await remove(app, r3.comment.id, r3.secret)).status, 204);
        assert.deepEqual(
          (await pagesOf(app, thread, 'replied', 100)).flat(),
          [4, 0, 1, 2, 3, 5].flatMap((index) => (index === 0 ? [tops[0]!] : conversation(index))),
        );
      });

      for (const sort of ['oldest', 'newest', 'liked', 'replied'] as const) {
        it(`answers the page around a comment, and walks back with previous to the first page (${sort})`, async () => {
          const app = database().app();
          const thread = uniqueThread();
          const ids: string[] = [];
          for (let index = 0; index < 7; index++) {
            const top = await postComment(app, { thread, text: `Top ${index}` });
            app.clock.advance(1000);
            if (index % 2 === 0) {
              const reply = await postComment(app, { thread, parent: top.comment.id });
              app.clock.advance(1000);
              await postComment(app, { thread, parent: reply.comment.id });
              app.clock.advance(1000);
            }
            if (index % 3 === 0) await like(app, top.comment.id);
            ids.push(top.comment.id);
          }
          const sequence = (await pagesOf(app, thread, sort, 100)).flat();
          assert.equal(sequence.length, 7 + 2 * 4);
          // The last reply of the thread: two levels deep, in a conversation far down the thread.
          const everything = (await listPage(app, { thread, sort, limit: 100 })).comments;
          const target = everything.findLast((comment) => comment.parent !== null)!.id;
          for (const limit of [1, 2, 4]) {
            const around = (await app.request(listPath({ thread, sort, limit, around: target })))
              .body as ListCommentsResponse;
            const start = around.comments[0]!;
            assert.equal(start.parent, null, 'the page starts with a top-level comment');
            const startIndex = sequence.indexOf(start.id);
            assert.deepEqual(
              around.comments.map((comment) => comment.id),
              sequence.slice(startIndex, startIndex + limit),
            );
            // Back to the first page with previous, forward again with next: the same sequence, no gap.
            const before: string[] = [];
            let previous = around.previous ?? null;
            assert.equal(previous === null, startIndex === 0);
            let steps = 0;
            while (previous && steps++ < 50) {
              const page = await listPage(app, { thread, sort, limit, cursor: previous });
              assert.ok(page.comments.length <= limit);
              assert.ok(page.next, 'a page before another has a next');
              before.unshift(...page.comments.map((comment) => comment.id));
              previous = page.previous ?? null;
            }
            assert.deepEqual(before, sequence.slice(0, startIndex), `${sort}, limit ${limit}`);
            const after: string[] = around.comments.map((comment) => comment.id);
            let next = around.next;
            while (next) {
              const page = await listPage(app, { thread, sort, limit, cursor: next });
              after.push(...page.comments.map((comment) => comment.id));
              next = page.next;
            }
            assert.deepEqual([...before, ...after], sequence);
          }
        });
      }

      it('answers around=ID for an unknown, unlisted or other thread’s comment with 404', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const { comment } = await postComment(app, { thread });
        const elsewhere = await postComment(app);
        const held = await postComment(database().app({ moderation: 'all' }), { thread });
        for (const id of ['no-such-comment', 'a.b', held.comment.id, elsewhere.comment.id]) {
          assertError(await app.request(listPath({ thread, around: id })), 404, 'not_found', null, id);
        }
        const page = (await app.request(listPath({ thread, around: comment.id })))
          .body as ListCommentsResponse;
        assert.equal(page.previous, null);
        assertError(
          await app.request(listPath({ thread, around: comment.id, cursor: 'x' })),
          400,
          'bad_request',
          'around',
        );
        // Cached like any page, and dropped when the thread changes.
        const first = await app.request(listPath({ thread, around: comment.id }));
        assert.equal(
          (
            await app.request(listPath({ thread, around: comment.id }), {
              headers: { 'if-none-match': first.headers.get('etag')! },
            })
          ).status,
          304,
        );
        await like(app, comment.id);
        const fresh = (await app.request(listPath({ thread, around: comment.id })))
          .body as ListCommentsResponse;
        assert.equal(fresh.comments[0]?.likes, 1);
      });

      it('derives the same avatar on every instance of a database, another under another salt, and no address', async () => {
        const first = database().app();
        const second = database().app();
        const thread = uniqueThread();
        const email = 'Ada.Lovelace@Example.com';
        const one = await postComment(first, { thread, email });
        const two = await postComment(second, { thread, email: email.toLowerCase() });
        const none = await postComment(first, { thread });
        assert.match(one.comment.avatar ?? '', /^[A-Za-z0-9_-]{16}$/);
        assert.equal(two.comment.avatar, one.comment.avatar, 'same address, any case, any instance');
        assert.equal(none.comment.avatar, null);
        assert.equal('avatarUrl' in one.comment, false, 'no third party unless opted in');

        const elsewhere = await backend.makeStore();
        try {
          const other = database().app({ store: elsewhere.store });
          const three = await postComment(other, { email });
          assert.notEqual(three.comment.avatar, one.comment.avatar);
        } finally {
          await elsewhere.cleanup();
        }

        const gravatar = database().app({ avatars: 'gravatar' });
        const page = await listPage(gravatar, { thread });
        const withUrl = page.comments.find((comment) => comment.id === one.comment.id)!;
        // SHA-256 of "ada.lovelace@example.com".
        const { createHash } = await import('node:crypto');
        const hash = createHash('sha256').update(email.toLowerCase()).digest('hex');
        assert.equal(withUrl.avatarUrl, `https://www.gravatar.com/avatar/${hash}?d=identicon&s=96`);
        assert.equal(withUrl.avatar, one.comment.avatar);
        assert.equal(page.comments.find((comment) => comment.id === none.comment.id)?.avatarUrl, undefined);
        for (const text of [JSON.stringify(page), JSON.stringify(one), JSON.stringify(two)]) {
          assert.equal(text.toLowerCase().includes('ada.lovelace@example.com'), false);
          assert.equal(text.includes('@'), false);
        }
      });

      it('lets the demo page load Gravatar’s images only when the server sends them', async () => {
        const demo = new Map([
          [
            'index.html',
            { body: new TextEncoder().encode('<!doctype html>'), contentType: 'text/html', etag: '"d"' },
          ],
        ]);
        const imageSources = async (options: Parameters<ReturnType<typeof database>['app']>[0]) => {
          const answer = await database()
            .app({ ...options, demo })
            .request('/');
          assert.equal(answer.status, 200);
          return /(?:^|; )img-src ([^;]*)/.exec(answer.headers.get('content-security-policy') ?? '')?.[1];
        };
        assert.equal(await imageSources({}), "'self' data:");
        assert.equal(await imageSources({ avatars: 'gravatar' }), "'self' data: https://www.gravatar.com");
      });
    });
  }
});
