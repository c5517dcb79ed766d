import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../../src/server/storage/open-store.js';
import type { CommentStore, StoredComment } from '../../../src/server/storage/store.js';
import { backends } from '../storage/backends.js';
import {
  allComments,
  commentWith,
  fixture,
  runImport,
  temporaryFolder,
  type CommandResult,
} from './import-helpers.js';

describe('natter import remark42', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ folder, cleanup } = await temporaryFolder()));
  after(() => cleanup());

  describe('a realistic backup', () => {
    let result: CommandResult;
    let store: CommentStore;
    let comments: StoredComment[];
    before(async () => {
      const database = join(folder, 'realistic.db');
      result = await runImport(
        ['remark42', fixture('remark42.jsonl'), '--map-url', 'https://old.example/posts/→/'],
        database,
      );
      store = await openStore(database);
      comments = await allComments(store);
    });
    after(() => store.close());

    it('keeps authors, times to the millisecond and replies, HTML as text', () => {
      assert.equal(result.code, 0, result.stderr);
      const ada = commentWith(comments, 'First!');
      assert.equal(ada.thread, '/hello');
      assert.equal(ada.authorName, 'Ada Lovelace');
      assert.equal(ada.authorIp, null);
      assert.equal(ada.createdAt, '2019-03-01T10:15:00.123Z');
      assert.equal(ada.text, 'First! Here is the guide (https://docs.example/guide) & more.');
      const reply = commentWith(comments, 'Welcome!');
      assert.equal(reply.parent, ada.id);
      assert.equal(reply.text, 'Welcome!\n\n- one\n- two');
    });

    it("keeps a deleted comment with a reply as a placeholder, drops one without, and hides a blocked user's", () => {
      const reply = commentWith(comments, 'Answering a comment that is gone now');
      assert.equal(comments.find((comment) => comment.id === reply.parent)?.isDeleted, true);
      assert.equal(commentWith(comments, 'Buy now').status, 'deleted');
      assert.equal(comments.length, 8);
      assert.match(
        result.stdout,
        /1 × deleted in the source, and no reply to keep it for \(0b3a3f6e-8e0c-4c1e-9a57-2f1d6d7c0007\)/,
      );
    });

    it('stores hostile content as text, and says what it skipped', () => {
      const mallory = commentWith(comments, 'Hi ');
      assert.equal(mallory.text, 'Hi \u202etxet\u202c');
      assert.equal(mallory.authorName, 'Mallory live');
      assert.equal(commentWith(comments, 'My parent is not in the backup').parent, null);
      assert.match(result.stdout, /1 × line 10: not JSON/);
      assert.match(
        result.stdout,
        /1 × duplicate id: another comment of the source has it \(0b3a3f6e-8e0c-4c1e-9a57-2f1d6d7c0001\)/,
      );
      assert.match(
        result.stdout,
        /comments {4}8 new \(6 published, 1 deleted, 1 placeholder\), 0 already there/,
      );
    });
  });

  for (const backend of backends()) {
    it(`adds nothing when imported again, gzip-compressed as Remark42 writes it (${backend.name})`, async () => {
      const compressed = join(folder, `backup-${backend.name}.gz`);
      await writeFile(compressed, gzipSync(await readFile(fixture('remark42.jsonl'))));
      const database = await backend.makeDatabase();
      try {
        const first = await runImport(['remark42', compressed], database.location);
        const second = await runImport(['remark42', fixture('remark42.jsonl')], database.location);
        assert.match(first.stdout, /comments {4}8 new/);
        assert.match(second.stdout, /comments {4}0 new, 8 already there/);
      } finally {
        await database.cleanup();
      }
    });
  }

  it('reads a line that is not UTF-8 as Windows-1252, and says so', async () => {
    const original = await readFile(fixture('remark42.jsonl'));
    const mark = original.indexOf('café');
    const broken = Buffer.concat([
      original.subarray(0, mark),
      Buffer.from('caf\u00e9', 'latin1'),
      original.subarray(mark + Buffer.byteLength('café')),
    ]);
    const file = join(folder, 'latin1.jsonl');
    await writeFile(file, broken);
    const database = join(folder, 'latin1.db');
    const result = await runImport(['remark42', file], database);
    assert.match(result.stdout, /line 12 was not UTF-8: read as Windows-1252/);
    const store = await openStore(database);
    try {
      assert.match(commentWith(await allComments(store), 'ENCODING-MARK').text, /^Encoding: café, /);
    } finally {
      await store.close();
    }
  });

  it('refuses a file whose first line is no backup metadata', async () => {
    const result = await runImport(['remark42', fixture('disqus.xml')], join(folder, 'refused.db'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /this is not a Remark42 backup/);
  });
});
