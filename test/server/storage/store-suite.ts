import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { maxStoredDepth } from '../../../src/server/storage/thread-order.js';
import type { SortOrder } from '../../../src/protocol/types.js';
import type {
  CommentStore,
  NewStoredComment,
  PagePosition,
  StoredComment,
} from '../../../src/server/storage/store.js';
import type { PostKey } from '../../../src/server/storage/post-keys.js';
import type { TestDatabase, TestStore } from './backends.js';

// One behavioural suite for every storage backend (STYLE.md, "One store contract, one test suite").

const start = Date.UTC(2025, 5, 1, 10);
let clock = start;

/** A timestamp `seconds` after the start of the fixtures' day, as the server writes them. */
function at(seconds: number): string {
  return new Date(start + seconds * 1000).toISOString();
}

/** A new comment id as the server makes them: 16 base64url characters. */
function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A published top-level comment, posted a second after the previous fixture unless `createdAt` says otherwise. */
function aComment(fields: Partial<NewStoredComment> = {}): NewStoredComment {
  clock += 1000;
  const createdAt = fields.createdAt ?? new Date(clock).toISOString();
  return {
    id: newId(),
    thread: '/blog/hello-world',
    parent: null,
    authorName: 'Ada',
    authorEmail: null,
    authorUrl: null,
    text: 'Lovely post.',
    status: 'published',
    createdAt,
    secretHash: createHash('sha256').update(randomBytes(24)).digest('base64url'),
    editableUntil: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
    ...fields,
  };
}

/** A reply to `parent`, in its thread. */
function aReply(parent: NewStoredComment, fields: Partial<NewStoredComment> = {}): NewStoredComment {
  return aComment({ thread: parent.thread, parent: parent.id, ...fields });
}

async function insertAll(store: CommentStore, comments: readonly NewStoredComment[]): Promise<void> {
  for (const comment of comments) await store.insertComment(comment);
}

const ids = (comments: readonly { id: string }[]): string[] => comments.map((comment) => comment.id);

/** A new comment as the store gives it back: never edited, reported or moderated yet. */
const stored = (comment: NewStoredComment): StoredComment => ({
  reason: null,
  authorIp: null,
  ...comment,
  editedAt: null,
  reportCount: 0,
  moderatedAt: null,
  isDeleted: false,
  likes: 0,
  replyCount: 0,
});
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order docs/protocol.md gives a thread's listed comments: top-level comments by time in `sort` order, each
 * followed by its replies depth first, oldest first at every depth; ties of time broken by id.
 */
function threadOrder(comments: readonly NewStoredComment[], sort: SortOrder): string[] {
  const listed = comments.filter((comment) => comment.status === 'published');
  const repliesTo = (parent: string | null): NewStoredComment[] =>
    listed
      .filter((comment) => comment.parent === parent)
      .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
  const order: string[] = [];
  const visit = (comment: NewStoredComment): void => {
    order.push(comment.id);
    repliesTo(comment.id).forEach(visit);
  };
  const topLevel = repliesTo(null);
  if (sort === 'newest') topLevel.reverse();
  topLevel.forEach(visit);
  return order;
}

interface Walk {
  comments: StoredComment[];
  pageSizes: number[];
}

/** Every page of a thread, following `next` until it is undefined. */
async function walkPages(store: CommentStore, thread: string, sort: SortOrder, limit: number): Promise<Walk> {
  const walk: Walk = { comments: [], pageSizes: [] };
  let after: PagePosition | undefined;
  do {
    const page = await store.listPage({ thread, sort, limit, ...(after && { after }) });
    walk.comments.push(...page.comments);
    walk.pageSizes.push(page.comments.length);
    after = page.next;
    assert.ok(walk.pageSizes.length <= 10_000, 'more than 10 000 pages: next never ends');
  } while (after);
  return walk;
}

/**
 * A thread of four levels, posted out of order: top-level comments A, B, C; replies A1, A2, B1; theirs A1a,
 * A1b, B1a; and A1a's reply A1ai. Top-level comments and replies interleave in time, replies are inserted in
 * an order other than their times', and two comments are pending.
 */
function aTree(thread = '/blog/tree'): Record<string, NewStoredComment> {
  const top = (seconds: number) => aComment({ thread, createdAt: at(seconds) });
  const A = top(0);
  const B = top(1);
  const C = top(6);
  const A1 = aReply(A, { createdAt: at(2) });
  const B1 = aReply(B, { createdAt: at(3) });
  const A2 = aReply(A, { createdAt: at(4) });
  const A1a = aReply(A1, { createdAt: at(5) });
  const A1b = aReply(A1, { createdAt: at(7) });
  const B1a = aReply(B1, { createdAt: at(8) });
  const A1ai = aReply(A1a, { createdAt: at(9) });
  const pending = aComment({ thread, createdAt: at(10), status: 'pending' });
  const pendingReply = aReply(A, { createdAt: at(11), status: 'pending' });
  // Insertion order (parents before replies), unlike the order of time.
  return { C, B, A, A2, B1, A1, A1b, A1a, B1a, A1ai, pending, pendingReply };
}

/** A thread of `size` comments shaped by a seeded random generator: long reply chains, ties of time, pending ones. */
function aLargeThread(size: number, thread = '/blog/popular'): NewStoredComment[] {
  let seed = 42;
  const random = (): number => {
    // mulberry32: the same shape of thread on every run.
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
  const comments: NewStoredComment[] = [];
  for (let index = 0; index < size; index++) {
    // Three comments a second: ties of time at every depth.
    const createdAt = at(Math.floor(index / 3));
    const published = comments.filter((comment) => comment.status === 'published');
    const parent =
      random() < 0.3 || published.length === 0 ? null : published[Math.floor(random() * published.length)];
    const status = random() < 0.05 ? 'pending' : 'published';
    comments.push(parent ? aReply(parent, { createdAt, status }) : aComment({ thread, createdAt, status }));
  }
  return comments;
}

/**
 * The behaviour every `CommentStore` must show, run against a fresh, empty store for each test.
 * `makeStore` opens one; its `cleanup` closes it and deletes its database.
 */
export function runStoreTests(name: string, makeStore: () => Promise<TestStore>): void {
  describe(name, () => {
    let store: CommentStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(() => cleanup());

    describe('threads', () => {
      it('reads an unknown thread as empty and open', async () => {
        assert.deepEqual(await store.getThread('/nobody-was-here'), {
          key: '/nobody-was-here',
          listedCount: 0,
          isLocked: false,
          moderation: null,
          referenceCount: 0,
        });
        assert.deepEqual(await store.listPage({ thread: '/nobody-was-here', sort: 'oldest', limit: 50 }), {
          comments: [],
          next: undefined,
        });
      });

      it('locks and unlocks a thread, whether or not it has comments', async () => {
        await store.setThreadLocked('/not-yet-commented', true);
        assert.deepEqual(await store.getThread('/not-yet-commented'), {
          key: '/not-yet-commented',
          listedCount: 0,
          isLocked: true,
          moderation: null,
          referenceCount: 0,
        });

        const comment = aComment();
        await store.insertComment(comment);
        await store.setThreadLocked(comment.thread, true);
        assert.deepEqual(await store.getThread(comment.thread), {
          key: comment.thread,
          listedCount: 1,
          isLocked: true,
          moderation: null,
          referenceCount: 0,
        });
        assert.deepEqual(
          ids((await store.listPage({ thread: comment.thread, sort: 'oldest', limit: 10 })).comments),
          [comment.id],
        );

        await store.setThreadLocked(comment.thread, false);
        await store.setThreadLocked('/not-yet-commented', false);
        assert.equal((await store.getThread(comment.thread)).isLocked, false);
        assert.equal((await store.getThread('/not-yet-commented')).isLocked, false);
      });

      it('keeps thread keys of 500 code units, with characters of every width', async () => {
        const keys = [
          '語'.repeat(500),
          '😀'.repeat(250),
          `/blog/${'ünïcødé-ß-ﬁ-'.repeat(50)}`.slice(0, 500),
          `/a/${'b'.repeat(497)}`,
        ];
        for (const key of keys) {
          assert.equal(key.length, 500);
          const comment = aComment({ thread: key });
          const reply = aReply(comment);
          await insertAll(store, [comment, reply]);
          assert.equal((await store.getComment(reply.id))?.thread, key);
          assert.equal((await store.getThread(key)).listedCount, 2);
          const page = await store.listPage({ thread: key, sort: 'newest', limit: 10 });
          assert.deepEqual(ids(page.comments), [comment.id, reply.id]);
        }
        assert.deepEqual(await store.countListed(keys), Object.fromEntries(keys.map((key) => [key, 2])));
      });

      it('compares thread keys exactly: case, spaces and Unicode normalisation make other threads', async () => {
        const keys = ['/café', '/cafe\u0301', '/Café', '/café ', ' /café', '/café/'];
        for (const [index, key] of keys.entries()) {
          await insertAll(
            store,
            Array.from({ length: index + 1 }, () => aComment({ thread: key })),
          );
        }
        for (const [index, key] of keys.entries()) {
          assert.equal((await store.getThread(key)).listedCount, index + 1, key);
          const page = await store.listPage({ thread: key, sort: 'oldest', limit: 50 });
          assert.equal(page.comments.length, index + 1, key);
          assert.ok(
            page.comments.every((comment) => comment.thread === key),
            key,
          );
        }
      });
    });

    describe('comments', () => {
      it('returns a comment as inserted, with what never leaves the server', async () => {
        const comment = aComment({
          thread: '/blog/ünïcødé?page=2#comments',
          authorName: 'Ada 👩‍💻 <b>Lovelace</b>',
          authorEmail: 'ada@example.com',
          authorUrl: 'https://ada.example/%22quoted%22',
          text: '  Lovely post.\n\nThanks! <script>alert(1)</script> 😀 مرحبا \u202e\ttab',
        });
        const reply = aReply(comment, {
          authorName: 'Grace',
          authorEmail: null,
          authorUrl: null,
          text: 'Agreed.',
        });
        await insertAll(store, [comment, reply]);

        // The top-level comment counts the reply of its conversation.
        const storedTop = { ...stored(comment), replyCount: 1 };
        assert.deepEqual(await store.getComment(comment.id), storedTop);
        assert.deepEqual(await store.getComment(reply.id), stored(reply));
        const page = await store.listPage({ thread: comment.thread, sort: 'oldest', limit: 10 });
        assert.deepEqual(page.comments, [storedTop, stored(reply)]);
      });

      it('keeps every field at the longest the protocol allows', async () => {
        const comment = aComment({
          thread: '/'.padEnd(500, 'é'),
          authorName: '😀'.repeat(40),
          authorEmail: `${'a'.repeat(242)}@example.com`,
          authorUrl: `https://example.com/${'p'.repeat(480)}`,
          text: 'Long text, on and on. '.repeat(400).slice(0, 7998) + '😀',
        });
        assert.equal(comment.thread.length, 500);
        assert.equal(comment.authorName.length, 80);
        assert.equal(comment.authorEmail?.length, 254);
        assert.equal(comment.authorUrl?.length, 500);
        assert.equal(comment.text.length, 8000);
        await store.insertComment(comment);
        assert.deepEqual(await store.getComment(comment.id), stored(comment));
      });

      it('answers undefined for an unknown id', async () => {
        await store.insertComment(aComment());
        assert.equal(await store.getComment(newId()), undefined);
      });

      it('keeps a pending comment out of listings and counts, but finds it by id', async () => {
        const pending = aComment({ status: 'pending' });
        await store.insertComment(pending);
        assert.deepEqual(await store.getComment(pending.id), stored(pending));
        assert.deepEqual(
          (await store.listPage({ thread: pending.thread, sort: 'oldest', limit: 50 })).comments,
          [],
        );
        assert.deepEqual(
          (await store.listPage({ thread: pending.thread, sort: 'newest', limit: 50 })).comments,
          [],
        );
        assert.equal((await store.getThread(pending.thread)).listedCount, 0);
        assert.deepEqual(await store.countListed([pending.thread]), { [pending.thread]: 0 });
      });
    });

    describe('moderation', () => {
      it('tells whether an e-mail address has a published comment, in any thread', async () => {
        const email = 'ada@example.com';
        assert.equal(await store.hasPublishedByEmail(email), false);
        await store.insertComment(aComment({ authorEmail: email, status: 'pending' }));
        assert.equal(await store.hasPublishedByEmail(email), false);

        const published = aComment({ thread: '/elsewhere', authorEmail: email });
        await store.insertComment(published);
        assert.equal(await store.hasPublishedByEmail(email), true);
        assert.equal(await store.hasPublishedByEmail('grace@example.com'), false);

        assert.equal(await store.deleteComment(published.id), 'deleted');
        assert.equal(await store.hasPublishedByEmail(email), false);
      });

      it('compares e-mail addresses without regard to case', async () => {
        await store.insertComment(aComment({ authorEmail: 'Ada.Lovelace@Example.COM' }));
        assert.equal(await store.hasPublishedByEmail('ada.lovelace@example.com'), true);
        assert.equal(await store.hasPublishedByEmail('ADA.LOVELACE@EXAMPLE.COM'), true);
        assert.equal(await store.hasPublishedByEmail('ada.lovelace@example.co'), false);
      });
    });

    describe('counts', () => {
      it('counts published comments at every depth, and only those', async () => {
        const comment = aComment();
        const reply = aReply(comment);
        const replyToReply = aReply(reply);
        await insertAll(store, [
          comment,
          reply,
          replyToReply,
          aComment({ status: 'pending' }),
          aReply(reply, { status: 'pending' }),
        ]);
        assert.equal((await store.getThread(comment.thread)).listedCount, 3);
        assert.deepEqual(await store.countListed([comment.thread]), { [comment.thread]: 3 });
      });

      it('lowers the count when a published comment is deleted, not when a pending one is', async () => {
        const published = aComment();
        const pending = aComment({ status: 'pending' });
        await insertAll(store, [published, aComment(), pending]);
        assert.equal((await store.getThread(published.thread)).listedCount, 2);

        assert.equal(await store.deleteComment(pending.id), 'deleted');
        assert.equal((await store.getThread(published.thread)).listedCount, 2);
        assert.equal(await store.deleteComment(published.id), 'deleted');
        assert.equal((await store.getThread(published.thread)).listedCount, 1);
        assert.deepEqual(await store.countListed([published.thread]), { [published.thread]: 1 });
      });

      it('counts several threads at once: each key once, unknown ones as 0, whatever their names', async () => {
        const perThread: [string, number][] = [
          ['/a', 2],
          ['/b', 1],
          ['__proto__', 3],
          ['constructor', 1],
          ['toString', 0],
          ['hasOwnProperty', 0],
          ['/unknown', 0],
        ];
        for (const [thread, count] of perThread) {
          await insertAll(
            store,
            Array.from({ length: count }, () => aComment({ thread })),
          );
        }
        await store.insertComment(aComment({ thread: 'toString', status: 'pending' }));

        const counts = await store.countListed([
          '/a',
          '__proto__',
          '/b',
          '/a',
          'constructor',
          'toString',
          'hasOwnProperty',
          '/unknown',
          '__proto__',
        ]);
        assert.deepEqual(Object.keys(counts).sort(), perThread.map(([thread]) => thread).sort());
        for (const [thread, count] of perThread) {
          assert.ok(Object.hasOwn(counts, thread), thread);
          assert.equal(counts[thread], count, thread);
        }
        assert.equal(Object.getPrototypeOf(counts), Object.prototype);
        assert.deepEqual(await store.countListed([]), {});
      });
    });

    describe('order', () => {
      it('lists oldest first: top-level comments by time, each followed by its replies depth first', async () => {
        const tree = aTree();
        await insertAll(store, Object.values(tree));
        const page = await store.listPage({ thread: '/blog/tree', sort: 'oldest', limit: 100 });
        const expected = ['A', 'A1', 'A1a', 'A1ai', 'A1b', 'A2', 'B', 'B1', 'B1a', 'C'];
        assert.deepEqual(ids(page.comments), ids(expected.map((label) => tree[label]!)));
        assert.equal(page.next, undefined);
      });

      it('lists newest first at the top level only: replies stay oldest first at every depth', async () => {
        const tree = aTree();
        await insertAll(store, Object.values(tree));
        const page = await store.listPage({ thread: '/blog/tree', sort: 'newest', limit: 100 });
        const expected = ['C', 'B', 'B1', 'B1a', 'A', 'A1', 'A1a', 'A1ai', 'A1b', 'A2'];
        assert.deepEqual(ids(page.comments), ids(expected.map((label) => tree[label]!)));
        assert.equal(page.next, undefined);
      });

      it('breaks ties of time by id, the same way on every page', async () => {
        const thread = '/blog/busy-second';
        const createdAt = at(100);
        const topLevel = Array.from({ length: 6 }, () => aComment({ thread, createdAt }));
        const replies = topLevel.flatMap((comment) => [
          aReply(comment, { createdAt }),
          aReply(comment, { createdAt }),
        ]);
        const comments = [...topLevel, ...replies];
        await insertAll(store, comments);

        for (const sort of ['oldest', 'newest'] as const) {
          const expected = threadOrder(comments, sort);
          for (const limit of [1, 2, 4, 100]) {
            assert.deepEqual(
              ids((await walkPages(store, thread, sort, limit)).comments),
              expected,
              `${sort}, ${limit}`,
            );
          }
        }
        const oldestTopLevel = ids(
          (await walkPages(store, thread, 'oldest', 5)).comments.filter((comment) => !comment.parent),
        );
        const newestTopLevel = ids(
          (await walkPages(store, thread, 'newest', 5)).comments.filter((comment) => !comment.parent),
        );
        assert.deepEqual(newestTopLevel, oldestTopLevel.toReversed());
      });

      it('lists a chain of 150 replies, each under the one before, in a thread with a long key', async () => {
        const thread = '議'.repeat(500);
        const chain = [aComment({ thread })];
        for (let depth = 1; depth <= 150; depth++) chain.push(aReply(chain.at(-1)!));
        await insertAll(store, chain);
        for (const sort of ['oldest', 'newest'] as const) {
          assert.deepEqual(ids((await walkPages(store, thread, sort, 7)).comments), ids(chain), sort);
        }
      });
    });

    describe('pages', () => {
      it('walks to the same order at every page size, never repeating a comment, ending with no next', async () => {
        const comments = Object.values(aTree());
        await insertAll(store, comments);
        for (const sort of ['oldest', 'newest'] as const) {
          const expected = threadOrder(comments, sort);
          for (let limit = 1; limit <= expected.length + 1; limit++) {
            const walk = await walkPages(store, '/blog/tree', sort, limit);
            assert.deepEqual(ids(walk.comments), expected, `${sort}, ${limit} a page`);
            assert.equal(
              walk.pageSizes.length,
              Math.ceil(expected.length / limit),
              `${sort}, ${limit} a page`,
            );
            assert.ok(
              walk.pageSizes.every((size) => size >= 1 && size <= limit),
              `${sort}, ${limit} a page`,
            );
          }
        }
      });

      for (const sort of ['oldest', 'newest'] as const) {
        it(`repeats no comment when others are posted or deleted between two pages (${sort})`, async () => {
          const tree = aTree();
          await insertAll(store, Object.values(tree));
          const first = await store.listPage({ thread: '/blog/tree', sort, limit: 4 });
          assert.ok(first.next);

          // Deleted: the comment the cursor points at, and one not listed yet. Posted: the newest and the
          // oldest top-level comment, and replies that sort before and after the cursor.
          const listed = first.comments;
          const last = listed.at(-1)!;
          const notYetListed = threadOrder(Object.values(tree), sort).slice(4);
          const unlisted = tree['A1b']!;
          assert.ok(notYetListed.includes(unlisted.id));
          assert.equal(await store.deleteComment(last.id), 'deleted');
          assert.equal(await store.deleteComment(unlisted.id), 'deleted');
          const posted = [
            aComment({ thread: '/blog/tree' }),
            aComment({ thread: '/blog/tree', createdAt: at(-1) }),
            aReply(tree['A']!),
            aReply(tree['A1a']!),
            aReply(tree['B1']!),
            aReply(tree['C']!),
          ];
          await insertAll(store, posted);

          const seen = [...ids(listed)];
          let after: PagePosition | undefined = first.next;
          while (after) {
            const page = await store.listPage({ thread: '/blog/tree', sort, limit: 2, after });
            seen.push(...ids(page.comments));
            after = page.next;
          }
          assert.equal(new Set(seen).size, seen.length, 'a comment was listed twice');
          assert.ok(!seen.slice(4).includes(unlisted.id), 'a deleted comment was listed');
          // Everything listed after the cursor keeps the thread order of the comments as they are now.
          const now = threadOrder(
            [...Object.values(tree), ...posted].filter(
              (comment) => comment.id !== last.id && comment.id !== unlisted.id,
            ),
            sort,
          );
          const afterCursor = seen.slice(4);
          assert.deepEqual(
            afterCursor,
            now.filter((id) => afterCursor.includes(id)),
          );
          const stillToCome = notYetListed.filter((id) => id !== unlisted.id);
          assert.ok(
            stillToCome.every((id) => afterCursor.includes(id)),
            'a comment that was there all along was skipped',
          );
        });
      }

      it('pages a thread of 1000 comments', async () => {
        const comments = aLargeThread(1000);
        await insertAll(store, comments);
        const published = comments.filter((comment) => comment.status === 'published').length;
        assert.equal((await store.getThread('/blog/popular')).listedCount, published);
        for (const sort of ['oldest', 'newest'] as const) {
          const expected = threadOrder(comments, sort);
          assert.equal(expected.length, published);
          for (const limit of [7, 50, 100]) {
            const walk = await walkPages(store, '/blog/popular', sort, limit);
            assert.deepEqual(ids(walk.comments), expected, `${sort}, ${limit} a page`);
            assert.equal(walk.pageSizes.length, Math.ceil(published / limit));
          }
        }
      });
    });

    describe('edits', () => {
      it('replaces the text and sets editedAt, keeping everything else', async () => {
        const comment = aComment({ authorEmail: 'ada@example.com' });
        await store.insertComment(comment);
        const editedAt = at(60);
        const edited = await store.editComment(comment.id, {
          text: 'Lovely post, really.\n😀',
          editedAt,
          status: 'published',
        });
        const expected = { ...stored(comment), text: 'Lovely post, really.\n😀', editedAt };
        assert.deepEqual(edited, expected);
        assert.deepEqual(await store.getComment(comment.id), expected);
        assert.deepEqual(
          (await store.listPage({ thread: comment.thread, sort: 'oldest', limit: 10 })).comments,
          [expected],
        );
        assert.equal((await store.getThread(comment.thread)).listedCount, 1);
      });

      it('edits a pending comment without publishing it', async () => {
        const pending = aComment({ status: 'pending' });
        await store.insertComment(pending);
        const edited = await store.editComment(pending.id, {
          text: 'Second thoughts.',
          editedAt: at(60),
          status: 'pending',
        });
        assert.equal(edited?.status, 'pending');
        assert.equal((await store.getThread(pending.thread)).listedCount, 0);
      });

      it('answers undefined when editing an unknown comment', async () => {
        const id = newId();
        assert.equal(
          await store.editComment(id, { text: 'Hello?', editedAt: at(60), status: 'published' }),
          undefined,
        );
        assert.equal(await store.getComment(id), undefined);
      });
    });

    describe('deletion', () => {
      it('deletes a comment without replies from listings, counts and lookups', async () => {
        const comment = aComment();
        const kept = aComment();
        await insertAll(store, [comment, kept]);
        assert.equal(await store.deleteComment(comment.id), 'deleted');
        assert.equal(await store.getComment(comment.id), undefined);
        assert.deepEqual(
          ids((await store.listPage({ thread: comment.thread, sort: 'oldest', limit: 10 })).comments),
          [kept.id],
        );
        assert.equal((await store.getThread(comment.thread)).listedCount, 1);
      });

      it('keeps a comment that published replies answer as a placeholder, counted nowhere, wiped', async () => {
        const comment = aComment({ authorEmail: 'ada@example.com', authorUrl: 'https://ada.example/' });
        const reply = aReply(comment);
        const other = aComment();
        const pendingReply = aReply(other, { status: 'pending' });
        await insertAll(store, [comment, reply, other, pendingReply]);
        assert.equal((await store.getComment(comment.id))?.replyCount, 1);

        assert.equal(await store.deleteComment(comment.id), 'placeholder');
        const placeholder = await store.getComment(comment.id);
        assert.deepEqual(
          [placeholder?.isDeleted, placeholder?.text, placeholder?.authorName],
          [true, '', ''],
        );
        assert.deepEqual(
          [placeholder?.authorEmail, placeholder?.authorUrl, placeholder?.authorIp],
          [null, null, null],
        );
        // A comment whose only reply is held goes, with that reply: neither was ever public together.
        assert.equal(await store.deleteComment(other.id), 'deleted');
        assert.equal(await store.getComment(pendingReply.id), undefined);
        assert.deepEqual(
          ids((await store.listPage({ thread: comment.thread, sort: 'oldest', limit: 10 })).comments),
          [comment.id, reply.id],
        );
        assert.equal((await store.getThread(comment.thread)).listedCount, 1);
        assert.equal(await store.deleteComment(comment.id), 'not_found', 'a placeholder is deleted already');
        assert.equal(await store.insertComment(aReply(comment)), 'parent_not_listed');

        // Its last reply gone, the placeholder goes too.
        assert.equal(await store.deleteComment(reply.id), 'deleted');
        assert.equal(await store.getComment(comment.id), undefined);
        assert.equal((await store.getThread(comment.thread)).listedCount, 0);
      });

      it('takes no report of a placeholder: it shows nothing to report', async () => {
        const comment = aComment();
        const reply = aReply(comment);
        await insertAll(store, [comment, reply]);
        assert.equal(await store.deleteComment(comment.id), 'placeholder');
        const report = {
          id: newId(),
          commentId: comment.id,
          reason: 'spam',
          clientKey: 'a client',
          createdAt: at(60),
        } as const;
        assert.equal((await store.addReport(report)).outcome, 'not_found');
        assert.deepEqual(await store.reportsOf(comment.id), []);
        assert.equal(
          (await store.addReport({ ...report, id: newId(), commentId: reply.id })).outcome,
          'added',
        );
      });

      it('deletes a comment with the held replies below it, at every depth, and their reports', async () => {
        const top = aComment();
        const middle = aReply(top);
        const bottom = aReply(middle);
        await insertAll(store, [top, middle, bottom]);
        await store.setStatus(middle.id, { status: 'pending', reason: null, at: at(60) });
        const report = {
          id: newId(),
          commentId: bottom.id,
          reason: 'spam',
          clientKey: 'a client',
          createdAt: at(61),
        } as const;
        assert.equal((await store.addReport(report)).outcome, 'added');
        assert.equal(await store.deleteComment(top.id), 'deleted');
        for (const gone of [top, middle, bottom]) assert.equal(await store.getComment(gone.id), undefined);
        assert.deepEqual(await store.reportsOf(bottom.id), []);
        assert.equal((await store.getThread(top.thread)).listedCount, 0);
      });

      it('removes a chain of placeholders when the reply at its end goes', async () => {
        const top = aComment();
        const middle = aReply(top);
        const bottom = aReply(middle);
        const sibling = aComment({ thread: top.thread });
        await insertAll(store, [top, middle, bottom, sibling]);
        assert.equal(await store.deleteComment(top.id), 'placeholder');
        assert.equal(await store.deleteComment(middle.id), 'placeholder');
        assert.equal((await store.getThread(top.thread)).listedCount, 2);
        assert.equal((await store.getComment(top.id))?.replyCount, 1);
        assert.equal(await store.deleteComment(bottom.id), 'deleted');
        for (const gone of [top, middle, bottom]) assert.equal(await store.getComment(gone.id), undefined);
        assert.deepEqual(
          ids((await store.listPage({ thread: top.thread, sort: 'oldest', limit: 10 })).comments),
          [sibling.id],
        );
        assert.equal((await store.getThread(top.thread)).listedCount, 1);
      });

      it('counts likes, never below 0, and none on a placeholder or an unlisted comment', async () => {
        const comment = aComment();
        const reply = aReply(comment);
        const held = aComment({ status: 'pending' });
        await insertAll(store, [comment, reply, held]);
        assert.deepEqual(await store.addLike(comment.id, 1), { likes: 1, thread: comment.thread });
        assert.deepEqual(await store.addLike(comment.id, 1), { likes: 2, thread: comment.thread });
        assert.equal((await store.addLike(comment.id, -1))?.likes, 1);
        assert.equal((await store.addLike(comment.id, -1))?.likes, 0);
        assert.equal((await store.addLike(comment.id, -1))?.likes, 0);
        assert.equal(await store.addLike(held.id, 1), undefined);
        assert.equal(await store.addLike(newId(), 1), undefined);
        assert.equal(await store.deleteComment(comment.id), 'placeholder');
        assert.equal(await store.addLike(comment.id, 1), undefined);
      });

      it('answers not_found for an unknown comment, or one already deleted', async () => {
        const comment = aComment();
        await store.insertComment(comment);
        assert.equal(await store.deleteComment(newId()), 'not_found');
        assert.equal(await store.deleteComment(comment.id), 'deleted');
        assert.equal(await store.deleteComment(comment.id), 'not_found');
        assert.deepEqual(await store.getThread(comment.thread), {
          key: comment.thread,
          listedCount: 0,
          isLocked: false,
          moderation: null,
          referenceCount: 0,
        });
      });
    });

    describe('visibility', () => {
      it('takes a held comment and its replies out of the listing and the count, and back once published', async () => {
        const thread = '/blog/visibility';
        const top = aComment({ thread });
        const reply = aReply(top);
        const replyToReply = aReply(reply);
        const pendingReply = aReply(top, { status: 'pending' });
        const other = aComment({ thread });
        await insertAll(store, [top, reply, replyToReply, pendingReply, other]);
        const listed = async () =>
          ids((await store.listPage({ thread, sort: 'oldest', limit: 50 })).comments);
        assert.deepEqual(await listed(), [top.id, reply.id, replyToReply.id, other.id]);

        const held = await store.editComment(top.id, {
          text: 'Changed',
          editedAt: at(60),
          status: 'pending',
        });
        assert.equal(held?.status, 'pending');
        assert.deepEqual(await listed(), [other.id]);
        assert.equal((await store.getThread(thread)).listedCount, 1);
        assert.deepEqual(await store.countListed([thread]), { [thread]: 1 });
        // The replies keep their own status: they were not held, they are only out of sight with their parent.
        assert.equal((await store.getComment(reply.id))?.status, 'published');

        await store.editComment(top.id, { text: 'Approved', editedAt: at(120), status: 'published' });
        assert.deepEqual(await listed(), [top.id, reply.id, replyToReply.id, other.id]);
        assert.equal((await store.getThread(thread)).listedCount, 4);
      });

      it('tells whether a comment is listed: published with every comment above it published', async () => {
        const thread = '/blog/is-listed';
        const top = aComment({ thread });
        const reply = aReply(top);
        const held = aComment({ thread, status: 'pending' });
        await insertAll(store, [top, reply, held]);
        assert.deepEqual(await Promise.all([top, reply, held].map((comment) => store.isListed(comment.id))), [
          true,
          true,
          false,
        ]);
        assert.equal(await store.isListed(newId()), false);
        await store.editComment(top.id, { text: 'Held now', editedAt: at(60), status: 'pending' });
        assert.equal(await store.isListed(reply.id), false, 'a reply under a held comment is not listed');
      });

      it('refuses a reply to a comment that is unknown, held, gone or in another thread', async () => {
        const thread = '/blog/parents';
        const held = aComment({ thread, status: 'pending' });
        const elsewhere = aComment({ thread: '/blog/elsewhere' });
        const deleted = aComment({ thread });
        await insertAll(store, [held, elsewhere, deleted]);
        await store.deleteComment(deleted.id);
        for (const parent of [newId(), held.id, elsewhere.id, deleted.id]) {
          const reply = aComment({ thread, parent });
          assert.equal(await store.insertComment(reply), 'parent_not_listed', parent);
          assert.equal(await store.getComment(reply.id), undefined);
        }
        assert.equal((await store.getThread(thread)).listedCount, 0);
      });

      it('settles replies and deletions of their parent racing each other, every time, without an error', async () => {
        const thread = '/blog/race';
        const parents = Array.from({ length: 40 }, () => aComment({ thread }));
        await insertAll(store, parents);
        const outcomes = await Promise.all(
          parents.map(async (parent) => {
            const reply = aReply(parent);
            const [inserted, deleted] = await Promise.all([
              store.insertComment(reply),
              store.deleteComment(parent.id),
            ]);
            return { inserted, deleted };
          }),
        );
        for (const { inserted, deleted } of outcomes) {
          // Either the reply came first and the parent stays as a placeholder, or the deletion came first and the
          // reply is refused.
          assert.ok(
            (inserted === 'inserted' && deleted === 'placeholder') ||
              (inserted === 'parent_not_listed' && deleted === 'deleted'),
            `${inserted} / ${deleted}`,
          );
        }
        const replies = outcomes.filter(({ inserted }) => inserted === 'inserted').length;
        assert.equal((await store.getThread(thread)).listedCount, replies);
      });

      it('takes 20 replies to a comment and 20 to its reply at once, every one, counted once', async () => {
        const thread = '/blog/popular-comment';
        const top = aComment({ thread });
        const answer = aReply(top);
        await insertAll(store, [top, answer]);
        const replies = Array.from({ length: 40 }, (_, index) => aReply(index % 2 === 0 ? top : answer));
        const outcomes = await Promise.all(replies.map((reply) => store.insertComment(reply)));
        assert.deepEqual(outcomes, Array<string>(40).fill('inserted'));
        assert.equal((await store.getThread(thread)).listedCount, 42);
        assert.equal((await store.getComment(top.id))?.replyCount, 41);
      });
    });

    describe('depth', () => {
      it(`stores replies deeper than ${maxStoredDepth} levels at that depth, listed by time among its comments`, async () => {
        const thread = '/blog/deep';
        const chain = [aComment({ thread })];
        for (let depth = 1; depth < maxStoredDepth; depth++) chain.push(aReply(chain.at(-1)!));
        const deepest = chain.at(-1)!;
        const [first, second] = [aReply(deepest), aReply(deepest)];
        const deeper = aReply(first);
        const next = aComment({ thread });
        await insertAll(store, [...chain, first, second, deeper, next]);
        // `deeper` answers `first` but is stored beside it, so it comes after `second`, which is older.
        assert.deepEqual(ids((await walkPages(store, thread, 'oldest', 3)).comments), [
          ...ids(chain),
          first.id,
          second.id,
          deeper.id,
          next.id,
        ]);
        assert.equal((await store.getComment(deeper.id))?.parent, first.id);
      });
    });

    describe('post keys', () => {
      /** What the store keeps of a post's key, expiring a day after `createdAt`. */
      const keyOf = (comment: NewStoredComment, fingerprint = 'same content'): PostKey => ({
        keyHash: createHash('sha256').update(randomBytes(16)).digest('base64url'),
        fingerprint,
        expiresAt: new Date(Date.parse(comment.createdAt) + 24 * 60 * 60_000).toISOString(),
      });

      it('finds a post by its key until the key expires, as the comment is now', async () => {
        const comment = aComment({ status: 'pending' });
        const key = keyOf(comment);
        assert.equal(await store.insertComment(comment, key), 'inserted');
        await store.setStatus(comment.id, { status: 'published', reason: null, at: comment.createdAt });
        const found = await store.postKeys.find(key.keyHash, comment.createdAt);
        assert.equal(found?.fingerprint, key.fingerprint);
        assert.equal(found?.comment.id, comment.id);
        assert.equal(found?.comment.status, 'published');
        assert.equal(await store.postKeys.find(key.keyHash, key.expiresAt), undefined);
        assert.equal(await store.postKeys.find(keyOf(comment).keyHash, comment.createdAt), undefined);
      });

      it('refuses a second comment under a live key, storing nothing of it', async () => {
        const first = aComment();
        const key = keyOf(first);
        await store.insertComment(first, key);
        const second = aReply(first);
        assert.equal(await store.insertComment(second, { ...key, fingerprint: 'other' }), 'duplicate_key');
        assert.equal(await store.getComment(second.id), undefined);
        assert.equal((await store.getThread(first.thread)).listedCount, 1);
        assert.equal((await store.getComment(first.id))?.replyCount, 0);
        assert.equal((await store.postKeys.find(key.keyHash, first.createdAt))?.comment.id, first.id);
      });

      it('gives an expired key to the next comment that brings it, forgotten or not', async () => {
        const first = aComment();
        const key = keyOf(first);
        await store.insertComment(first, key);
        const next = aComment({ createdAt: key.expiresAt });
        assert.equal(
          await store.insertComment(next, { ...key, expiresAt: '2099-01-01T00:00:00.000Z' }),
          'inserted',
        );
        assert.equal((await store.postKeys.find(key.keyHash, key.expiresAt))?.comment.id, next.id);
      });

      it('settles concurrent inserts each alone: refused ones store nothing, the others everything', async () => {
        const root = aComment();
        await store.insertComment(root);
        const shared = keyOf(root);
        const fine = Array.from({ length: 20 }, () => aReply(root));
        const orphan = aReply({ ...root, id: newId() });
        // Two comments under one key: whichever comes first is stored (on PostgreSQL, either may).
        const rivals = [aComment({ thread: root.thread }), aComment({ thread: root.thread })];
        const outcomes = await Promise.all([
          ...fine.map((comment) => store.insertComment(comment)),
          store.insertComment(orphan),
          ...rivals.map((rival) => store.insertComment(rival, shared)),
        ]);
        assert.deepEqual(outcomes.slice(0, fine.length + 1), [
          ...fine.map(() => 'inserted'),
          'parent_not_listed',
        ]);
        const rivalOutcomes = outcomes.slice(fine.length + 1);
        assert.deepEqual([...rivalOutcomes].sort(), ['duplicate_key', 'inserted']);
        const [stored, refused] = rivalOutcomes[0] === 'inserted' ? rivals : [...rivals].reverse();
        assert.equal((await store.getThread(root.thread)).listedCount, 1 + fine.length + 1);
        assert.equal((await store.getComment(root.id))?.replyCount, fine.length);
        assert.equal(await store.getComment(orphan.id), undefined);
        assert.equal(await store.getComment(refused?.id ?? ''), undefined);
        assert.equal((await store.postKeys.find(shared.keyHash, root.createdAt))?.comment.id, stored?.id);
      });

      it('forgets expired keys only, and the keys of deleted comments', async () => {
        const comments = [aComment(), aComment(), aComment()];
        const keys = comments.map((comment) => keyOf(comment));
        for (const [index, comment] of comments.entries()) await store.insertComment(comment, keys[index]);
        assert.equal(await store.postKeys.forget(keys[0]?.expiresAt ?? ''), 1);
        assert.equal(
          await store.postKeys.find(keys[0]?.keyHash ?? '', comments[0]?.createdAt ?? ''),
          undefined,
        );
        assert.equal(await store.deleteComment(comments[1]?.id ?? ''), 'deleted');
        assert.equal(
          await store.postKeys.find(keys[1]?.keyHash ?? '', comments[1]?.createdAt ?? ''),
          undefined,
        );
        // The deleted comment's key went with it: nothing is left to forget but the last one.
        assert.equal(await store.postKeys.forget('2099-01-01T00:00:00.000Z'), 1);
      });
    });

    describe('closing', () => {
      it('resolves close, takes a second close calmly and refuses work afterwards', async () => {
        await store.insertComment(aComment());
        await store.close();
        await store.close();
        await assert.rejects(store.getThread('/blog/hello-world'));
      });
    });
  });
}

/**
 * What opening a database must do, whoever opens it first: create the schema once, keep what is there.
 * `makeDatabase` makes a fresh database that no store has opened yet.
 */
export function runOpeningTests(name: string, makeDatabase: () => Promise<TestDatabase>): void {
  describe(name, () => {
    let database: TestDatabase;
    let stores: CommentStore[];

    beforeEach(async () => {
      database = await makeDatabase();
      stores = [];
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await database.cleanup();
    });

    const open = async (): Promise<CommentStore> => {
      const store = await database.open();
      stores.push(store);
      return store;
    };

    it('keeps comments and applies no migration again when opened a second time', async () => {
      const comment = aComment();
      const first = await open();
      await first.insertComment(comment);
      await first.setThreadLocked(comment.thread, true);
      await first.close();
      const applied = await database.appliedMigrations();
      assert.ok(applied.length > 0);

      const second = await open();
      assert.deepEqual(await second.getComment(comment.id), stored(comment));
      assert.deepEqual(await second.getThread(comment.thread), {
        key: comment.thread,
        listedCount: 1,
        isLocked: true,
        moderation: null,
        referenceCount: 0,
      });
      assert.deepEqual(await database.appliedMigrations(), applied);
    });

    it('lets three servers open one fresh database at once, applying the schema once', async () => {
      const [first, second] = await Promise.all([open(), open(), open()]);
      const comment = aComment();
      await first!.insertComment(comment);
      assert.deepEqual(await second!.getComment(comment.id), stored(comment));
      assert.equal((await second!.getThread(comment.thread)).listedCount, 1);
      const applied = await database.appliedMigrations();
      assert.deepEqual(applied, [...new Set(applied)]);

      // The same migrations as a database that one server opened alone.
      const alone = await makeDatabase();
      try {
        await (await alone.open()).close();
        assert.deepEqual(applied, await alone.appliedMigrations());
      } finally {
        await alone.cleanup();
      }
    });
  });
}
