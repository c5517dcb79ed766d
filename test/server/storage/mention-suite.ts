import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ReceivedMention } from '../../../src/server/storage/mentions.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import type { SourceEntry } from '../../../src/server/webmention/source-page.js';
import type { TestStore } from './backends.js';

const start = Date.UTC(2026, 11, 1, 10);

/** A timestamp `seconds` after the fixtures' start. */
function at(seconds: number): string {
  return new Date(start + seconds * 1000).toISOString();
}

function aMention(fields: Partial<ReceivedMention> = {}): ReceivedMention {
  const id = randomBytes(12).toString('base64url');
  return {
    id,
    source: `https://other.example/responses/${id}`,
    target: 'https://blog.example/post',
    thread: '/post',
    via: 'webmention',
    sourceHost: 'other.example',
    senderIp: '203.0.113.9',
    at: at(0),
    ...fields,
  };
}

const entry: SourceEntry = {
  kind: 'reply',
  url: 'https://other.example/responses/1',
  title: 'A response',
  authorName: 'Ada',
  authorUrl: 'https://other.example/',
  authorPhoto: null,
  excerpt: 'I agree, mostly.',
  publishedAt: at(-3600),
};

/** The behaviour of every backend's mention store (storage/mentions.ts), on a fresh store per test. */
export function runMentionStoreTests(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`${name}: mentions`, () => {
    let store: CommentStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(() => cleanup());

    it('queues a mention, and the same source and target sent again is the same mention, queued again', async () => {
      const first = await store.mentions.receive(aMention());
      assert.equal(first.state, 'queued');
      assert.equal(first.nextAttemptAt, at(0));
      assert.equal(await store.mentions.countQueued(), 1);
      await store.mentions.verify(first.id, { entry, status: 'published', reason: null, at: at(5) });
      const again = await store.mentions.receive({
        ...aMention(),
        source: first.source,
        at: at(60),
        via: 'pingback',
      });
      assert.deepEqual(
        [again.id, again.state, again.via, again.status],
        [first.id, 'queued', 'pingback', 'published'],
      );
      assert.equal(await store.mentions.countQueued('other.example'), 1);
      assert.equal(await store.mentions.countQueued('elsewhere.example'), 0);
    });

    it('hands each due mention to one claimant until its lease ends, so that a crash loses none', async () => {
      const mention = await store.mentions.receive(aMention());
      const [claimed] = await store.mentions.claim(at(1), at(61), 10);
      assert.equal(claimed?.id, mention.id);
      assert.deepEqual(await store.mentions.claim(at(2), at(62), 10), [], 'leased to the first claimant');
      const [again] = await store.mentions.claim(at(61), at(121), 10);
      assert.equal(again?.id, mention.id, 'claimed again once the lease ended');
    });

    it('postpones a queued mention, counting an attempt only when it was one', async () => {
      const mention = await store.mentions.receive(aMention());
      await store.mentions.postpone(mention.id, at(300), 'rate of other.example spent', false);
      await store.mentions.postpone(mention.id, at(600), 'connection refused', true);
      const stored = await store.mentions.get(mention.id);
      assert.deepEqual(
        [stored?.attempts, stored?.nextAttemptAt, stored?.detail],
        [1, at(600), 'connection refused'],
      );
      assert.deepEqual(await store.mentions.claim(at(599), at(700), 10), []);
    });

    it('counts published references on the thread in every change, and lists them oldest first', async () => {
      const older = await store.mentions.receive(aMention());
      const newer = await store.mentions.receive(aMention());
      await store.mentions.verify(newer.id, {
        entry: { ...entry, publishedAt: at(10) },
        status: 'published',
        reason: null,
        at: at(20),
      });
      await store.mentions.verify(older.id, {
        entry: { ...entry, publishedAt: null },
        status: 'pending',
        reason: 'held: first reference from other.example',
        at: at(5),
      });
      assert.equal((await store.getThread('/post')).referenceCount, 1);
      assert.equal(await store.mentions.hasPublishedFromHost('other.example'), true);

      await store.mentions.setStatus(older.id, { status: 'published', reason: null, at: at(30) });
      assert.equal((await store.getThread('/post')).referenceCount, 2);
      const listed = await store.mentions.listPublished('/post', 10);
      assert.deepEqual(
        listed.map((mention) => mention.id),
        [older.id, newer.id],
        'verified at 5 s, published at 10 s',
      );
      assert.equal(listed[0]?.entry?.publishedAt, at(5), 'no date from the source: when it was verified');

      await store.mentions.refuse(newer.id, 'no_link', null, at(40));
      assert.equal(
        (await store.mentions.get(newer.id))?.state,
        'removed',
        'verified before: removed, not refused',
      );
      await store.mentions.setStatus(older.id, { status: 'spam', reason: 'spam: moderator', at: at(50) });
      assert.equal((await store.getThread('/post')).referenceCount, 0);
      assert.deepEqual(await store.mentions.listPublished('/post', 10), []);
      assert.equal(await store.mentions.hasPublishedFromHost('other.example'), false);
    });

    it('refuses a mention never verified, and takes no moderation of it', async () => {
      const mention = await store.mentions.receive(aMention());
      const refused = await store.mentions.refuse(mention.id, 'source_gone', 'HTTP 410', at(3));
      assert.deepEqual(
        [refused?.state, refused?.reason, refused?.detail],
        ['refused', 'source_gone', 'HTTP 410'],
      );
      const unchanged = await store.mentions.setStatus(mention.id, {
        status: 'published',
        reason: null,
        at: at(4),
      });
      assert.equal(unchanged?.status, null);
      assert.equal((await store.getThread('/post')).referenceCount, 0);
    });

    it('keeps the status a mention had when its source is verified again, unless the new verdict is worse', async () => {
      const mention = await store.mentions.receive(aMention());
      await store.mentions.verify(mention.id, { entry, status: 'pending', reason: 'held: first', at: at(1) });
      await store.mentions.setStatus(mention.id, { status: 'published', reason: null, at: at(2) });
      await store.mentions.receive({ ...aMention(), source: mention.source, at: at(3) });
      assert.equal((await store.getThread('/post')).referenceCount, 1, 'still shown while verified again');
      const again = await store.mentions.verify(mention.id, {
        entry: { ...entry, title: 'Edited' },
        status: 'published',
        reason: null,
        at: at(4),
      });
      assert.deepEqual([again?.status, again?.entry?.title], ['published', 'Edited']);
      const worse = await store.mentions.verify(mention.id, {
        entry,
        status: 'spam',
        reason: 'spam: block-list',
        at: at(5),
      });
      assert.deepEqual([worse?.status, worse?.reason], ['spam', 'spam: block-list']);
      assert.equal((await store.getThread('/post')).referenceCount, 0);
      const binned = await store.mentions.verify(mention.id, {
        entry,
        status: 'published',
        reason: null,
        at: at(6),
      });
      assert.deepEqual(
        [binned?.status, binned?.reason],
        ['spam', 'spam: block-list'],
        'sending it again raises nothing',
      );
    });

    it('keeps a verified mention as it was when its source stayed unreachable', async () => {
      const mention = await store.mentions.receive(aMention());
      await store.mentions.verify(mention.id, { entry, status: 'published', reason: null, at: at(1) });
      await store.mentions.receive({ ...aMention(), source: mention.source, at: at(2) });
      await store.mentions.keepVerified(mention.id, 'connection refused', at(3));
      const kept = await store.mentions.get(mention.id);
      assert.deepEqual(
        [kept?.state, kept?.status, kept?.detail],
        ['verified', 'published', 'connection refused'],
      );
      assert.equal((await store.getThread('/post')).referenceCount, 1);
    });

    it('finds mentions for moderators by status, state and thread, newest first, page by page', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        const mention = await store.mentions.receive(
          aMention({ at: at(index), thread: index < 4 ? '/post' : '/other' }),
        );
        ids.push(mention.id);
        if (index % 2 === 0)
          await store.mentions.verify(mention.id, { entry, status: 'pending', reason: null, at: at(index) });
      }
      const pending = await store.mentions.find({ statuses: ['pending'], limit: 10 });
      assert.deepEqual(
        pending.map((mention) => mention.id),
        [ids[4], ids[2], ids[0]],
      );
      const queued = await store.mentions.find({ states: ['queued'], thread: '/post', limit: 10 });
      assert.deepEqual(
        queued.map((mention) => mention.id),
        [ids[3], ids[1]],
      );
      const firstPage = await store.mentions.find({ limit: 2 });
      const last = firstPage.at(-1)!;
      const secondPage = await store.mentions.find({ limit: 2, before: `${last.createdAt}|${last.id}` });
      assert.deepEqual(
        secondPage.map((mention) => mention.id),
        [ids[2], ids[1]],
      );
      assert.equal(await store.mentions.countInThread('/post'), 4);
      assert.equal(await store.mentions.countPending(), 3);
    });
  });
}
