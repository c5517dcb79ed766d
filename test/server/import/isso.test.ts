import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
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

/** An Isso database made from test/fixtures/import/isso.sql, at `file`. */
async function issoDatabase(file: string): Promise<string> {
  const database = new BetterSqlite3(file);
  try {
    database.exec(await readFile(fixture('isso.sql'), 'utf8'));
  } finally {
    database.close();
  }
  return file;
}

describe('natter import isso', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  let isso: string;
  before(async () => {
    ({ folder, cleanup } = await temporaryFolder());
    isso = await issoDatabase(join(folder, 'comments.db'));
  });
  after(() => cleanup());

  describe('a realistic database', () => {
    let result: CommandResult;
    let store: CommentStore;
    let comments: StoredComment[];
    before(async () => {
      const database = join(folder, 'natter.db');
      result = await runImport(['isso', isso, '--map-url', '/blog/→/'], database);
      store = await openStore(database);
      comments = await allComments(store);
    });
    after(() => store.close());

    it('keeps authors, websites, times and replies, on threads mapped by --map-url', () => {
      assert.equal(result.code, 0, result.stderr);
      const ada = commentWith(comments, 'Great post!');
      assert.equal(ada.thread, '/2019/hello-world');
      assert.equal(ada.authorEmail, 'ada@reader.example');
      assert.equal(ada.authorUrl, 'https://ada.example/');
      assert.equal(ada.authorIp, '203.0.113.0');
      assert.equal(ada.createdAt, '2019-03-01T09:15:00.250Z');
      assert.equal(
        ada.text,
        'Great post!\nSee [the guide](https://docs.example/guide) and my notes (https://other.example/notes/).',
      );
      const reply = commentWith(comments, 'Thanks, Ada');
      assert.equal(reply.parent, ada.id);
      assert.equal(reply.authorUrl, 'http://old.example/');
      assert.equal(commentWith(comments, 'No name given').thread, 'custom-isso-id');
      assert.equal(commentWith(comments, 'No name given').authorName, 'Anonymous');
    });

    it('keeps pending as pending, and a comment deleted for its reply as a placeholder', () => {
      assert.equal(commentWith(comments, 'Waiting for a moderator').status, 'pending');
      const reply = commentWith(comments, 'Replying to the deleted one');
      const placeholder = comments.find((comment) => comment.id === reply.parent);
      assert.equal(placeholder?.isDeleted, true);
      assert.equal(placeholder?.status, 'published');
    });

    it('stores hostile content as text, reads Latin-1 bytes as such, and says what it changed', () => {
      const mallory = commentWith(comments, 'bold');
      assert.equal(mallory.text, 'Nice bold \u202etxet\u202c');
      assert.equal(mallory.authorName, 'Mallory live');
      assert.equal(mallory.authorEmail, null);
      assert.equal(mallory.authorUrl, null);
      const latin1 = commentWith(comments, 'ENCODING-MARK');
      assert.equal(latin1.text, 'Café crème ENCODING-MARK');
      assert.equal(latin1.authorName, 'Zoë');
      assert.equal(commentWith(comments, 'My parent is gone').parent, null);
      assert.match(result.stdout, /threads {5}3\n/);
      assert.match(
        result.stdout,
        /comments {4}9 new \(7 published, 1 pending, 1 placeholder\), 0 already there/,
      );
      assert.match(result.stdout, /1 × author, text: not UTF-8, read as Windows-1252 \(9\)/);
      assert.match(
        result.stdout,
        /1 × orphaned reply \(its parent is not in the export\): now a top-level comment \(7\)/,
      );
      assert.match(result.stdout, /1 × name: none, "Anonymous" instead \(8\)/);
    });
  });

  it('reads the database without writing to it', async () => {
    const before = await readFile(isso);
    await runImport(['isso', isso], join(folder, 'read-only.db'));
    assert.deepEqual(await readFile(isso), before);
  });

  for (const backend of backends()) {
    it(`adds nothing when imported again (${backend.name})`, async () => {
      const database = await backend.makeDatabase();
      try {
        await runImport(['isso', isso], database.location);
        const second = await runImport(['isso', isso], database.location);
        assert.match(second.stdout, /comments {4}0 new, 9 already there/);
      } finally {
        await database.cleanup();
      }
    });
  }

  it('refuses a file that is no Isso database', async () => {
    const result = await runImport(['isso', fixture('remark42.jsonl')], join(folder, 'refused.db'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /this is not an Isso database/);
  });
});
