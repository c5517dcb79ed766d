import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ImportedComment, ImportedReference } from '../../../src/server/storage/imports.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import type { TestStore } from './backends.js';

const start = Date.UTC(2019, 2, 1, 10);

/** A timestamp `minutes` after the fixtures' start. */
function at(minutes: number): string {
  return new Date(start + minutes * 60_000).toISOString();
}

function aComment(id: string, fields: Partial<ImportedComment> = {}): ImportedComment {
  return {
    id,
    thread: '/imported',
    parent: null,
    authorName: 'Ada',
    authorEmail: 'ada@reader.example',
    authorUrl: null,
    authorIp: '203.0.113.7',
    text: `Comment ${id}`,
    status: 'published',
    reason: null,
    createdAt: at(0),
    isDeleted: false,
    ...fields,
  };
}

function aReference(id: string, fields: Partial<ImportedReference> = {}): ImportedReference {
  return {
    id,
    source: `https://other.example/${id}`,
    target: 'https://old.example/imported/',
    thread: '/imported',
    via: 'pingback',
    sourceHost: 'other.example',
    entry: {
      kind: 'mention',
      url: `https://other.example/${id}`,
      title: 'A reply',
      authorName: null,
      authorUrl: null,
      authorPhoto: null,
      excerpt: '[…] hello […]',
      publishedAt: at(5),
    },
    status: 'published',
    reason: null,
    at: at(5),
    ...fields,
  };
}

/** The behaviour of every backend's import store (storage/imports.ts), on a fresh store per test. */
export function runImportStoreTests(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`${name}: imports`, () => {
    let store: CommentStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(() => cleanup());

    it('stores comments with their own time, status, reason and address, counted as the listing counts', async () => {
      const outcomes = await store.imports.addComments([
        aComment('root'),
        aComment('reply', { parent: 'root', createdAt: at(1) }),
        aComment('held', { status: 'pending', reason: 'held: pending in WordPress', createdAt: at(2) }),
        aComment('under-held', { parent: 'held', createdAt: at(3) }),
      ]);
      assert.deepEqual(outcomes, ['inserted', 'inserted', 'inserted', 'inserted']);
      const reply = await store.getComment('reply');
      assert.equal(reply?.createdAt, at(1));
      assert.equal(reply?.authorIp, '203.0.113.7');
      assert.equal((await store.getComment('held'))?.reason, 'held: pending in WordPress');
      assert.equal((await store.getThread('/imported')).listedCount, 2);
      assert.equal((await store.getComment('root'))?.replyCount, 1);
      assert.equal(await store.isListed('under-held'), false);
      await store.setStatus('held', { status: 'published', reason: null, at: at(10) });
      assert.equal(await store.isListed('under-held'), true);
      assert.equal((await store.getThread('/imported')).listedCount, 4);
    });

    it('stores a comment once: the same id and time exist, another time is a taken id', async () => {
      await store.imports.addComments([aComment('once')]);
      const again = await store.imports.addComments([
        aComment('once'),
        aComment('once', { createdAt: at(9), text: 'Another' }),
      ]);
      assert.deepEqual(again, ['exists', 'id_taken']);
      assert.equal((await store.getComment('once'))?.text, 'Comment once');
      assert.equal((await store.getThread('/imported')).listedCount, 1);
    });

    it('answers parent_missing for a reply whose parent is not stored, or is of another thread', async () => {
      await store.imports.addComments([aComment('elsewhere', { thread: '/other' })]);
      const outcomes = await store.imports.addComments([
        aComment('lost', { parent: 'nowhere' }),
        aComment('astray', { parent: 'elsewhere' }),
      ]);
      assert.deepEqual(outcomes, ['parent_missing', 'parent_missing']);
      assert.equal(await store.getComment('lost'), undefined);
    });

    it('stores a placeholder that is listed with its replies but counted nowhere', async () => {
      await store.imports.addComments([
        aComment('gone', { isDeleted: true, authorName: '', authorEmail: null, authorIp: null, text: '' }),
        aComment('answer', { parent: 'gone', createdAt: at(1) }),
      ]);
      const page = await store.listPage({ thread: '/imported', sort: 'oldest', limit: 10 });
      assert.deepEqual(
        page.comments.map((comment) => [comment.id, comment.isDeleted]),
        [
          ['gone', true],
          ['answer', false],
        ],
      );
      assert.equal((await store.getThread('/imported')).listedCount, 1);
    });

    it('makes an imported comment no one can edit as its author', async () => {
      await store.imports.addComments([aComment('locked')]);
      const comment = await store.getComment('locked');
      assert.ok(comment && comment.secretHash.length < 43);
      assert.equal(comment?.editableUntil, comment?.createdAt);
    });

    it('stores verified references once, counted in their thread when published', async () => {
      const outcomes = await store.imports.addReferences([
        aReference('ping'),
        aReference('farm', { status: 'spam', reason: 'spam: marked as spam in WordPress' }),
      ]);
      assert.deepEqual(outcomes, ['inserted', 'inserted']);
      assert.deepEqual(
        await store.imports.addReferences([
          aReference('ping'),
          aReference('other-id', { source: 'https://other.example/ping' }),
        ]),
        ['exists', 'exists'],
      );
      assert.equal((await store.getThread('/imported')).referenceCount, 1);
      const [published] = await store.mentions.listPublished('/imported', 10);
      assert.equal(published?.id, 'ping');
      assert.equal(published?.state, 'verified');
      assert.equal(published?.entry?.excerpt, '[…] hello […]');
      const received = await store.mentions.receive({
        id: 'later',
        source: 'https://other.example/ping',
        target: 'https://old.example/imported/',
        thread: '/imported',
        via: 'webmention',
        sourceHost: 'other.example',
        senderIp: null,
        at: at(60),
      });
      assert.equal(received.id, 'ping');
    });
  });
}
