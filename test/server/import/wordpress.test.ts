import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StoredMention } from '../../../src/server/storage/mentions.js';
import { openStore } from '../../../src/server/storage/open-store.js';
import type { CommentStore, StoredComment } from '../../../src/server/storage/store.js';
import { backends } from '../storage/backends.js';
import {
  allComments,
  allReferences,
  commentWith,
  fixture,
  runImport,
  temporaryFolder,
  type CommandResult,
} from './import-helpers.js';

describe('natter import wordpress', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ folder, cleanup } = await temporaryFolder()));
  after(() => cleanup());

  describe('a realistic WXR export', () => {
    let result: CommandResult;
    let store: CommentStore;
    let comments: StoredComment[];
    let references: StoredMention[];
    before(async () => {
      const database = join(folder, 'realistic.db');
      result = await runImport(
        ['wordpress', fixture('wordpress.xml'), '--map-url', 'https://old.example/2019/→/posts/2019/'],
        database,
      );
      store = await openStore(database);
      comments = await allComments(store);
      references = await allReferences(store);
    });
    after(() => store.close());

    it('keeps authors, websites, times in UTC and replies, the text with its line breaks', () => {
      assert.equal(result.code, 0, result.stderr);
      const first = commentWith(comments, 'Hi, this is a comment.');
      assert.equal(first.thread, '/posts/2019/03/hello-world');
      assert.equal(first.authorUrl, 'https://wordpress.org/');
      assert.equal(first.createdAt, '2019-03-01T09:05:00.000Z');
      assert.equal(
        first.text,
        'Hi, this is a comment.\nTo get started with moderating, editing, and deleting comments, please visit the Comments screen in the dashboard.\n\nCommenter avatars come from Gravatar (https://en.gravatar.com/).',
      );
      const ada = commentWith(comments, 'Thanks! Bold');
      assert.equal(ada.parent, first.id);
      assert.equal(ada.authorUrl, 'http://ada.example/');
      assert.equal(ada.authorIp, '203.0.113.7');
      assert.equal(ada.text, 'Thanks! Bold & true.\nLine two, with a link: https://ada.example/notes');
    });

    it('keeps spam, pending and trash (deleted), and takes local time as UTC when the export has no UTC time', () => {
      assert.equal(commentWith(comments, 'Best casino').status, 'spam');
      const pending = commentWith(comments, 'Is this thing on?');
      assert.equal(pending.status, 'pending');
      assert.equal(pending.createdAt, '2019-03-03T11:00:00.000Z');
      assert.equal(commentWith(comments, 'Moved to the trash').status, 'deleted');
      assert.equal(commentWith(comments, 'Moved to the trash').authorUrl, null);
    });

    it('makes Pingbacks and Trackbacks references with their status, their names and excerpts as text', () => {
      assert.equal(references.length, 2);
      const [pingback, trackback] = references;
      assert.equal(pingback?.source, 'https://other.example/2019/03/reply/');
      assert.equal(pingback?.thread, '/posts/2019/03/hello-world');
      assert.equal(pingback?.state, 'verified');
      assert.equal(pingback?.status, 'published');
      assert.equal(pingback?.entry?.title, 'Other Blog » A reply to Hello world');
      assert.equal(
        pingback?.entry?.excerpt,
        '[…] as Old Example (https://old.example/2019/03/hello-world/) said, hello is the word […]',
      );
      assert.equal(trackback?.status, 'spam');
      assert.equal(trackback?.entry?.authorName, 'Link Farm');
      assert.equal(trackback?.entry?.excerpt, 'Links Great links');
    });

    it('counts published comments and references in their threads', async () => {
      assert.equal((await store.getThread('/posts/2019/03/hello-world')).referenceCount, 1);
      assert.equal((await store.getThread('/posts/2019/03/hello-world')).listedCount, 2);
      assert.equal((await store.getThread('/sample-page')).listedCount, 2);
    });

    it('stores hostile content as text, and skips the duplicate id and a plugin note, saying so', () => {
      const mallory = commentWith(comments, 'not a tag');
      assert.equal(mallory.text, 'Hello <script>not a tag</script> \u202edliw\u202c ENCODING-MARK');
      assert.equal(mallory.authorName, 'Mallory live');
      assert.equal(commentWith(comments, 'deleted for good').parent, null);
      assert.equal(comments.length, 7);
      assert.match(
        result.stdout,
        /comments {4}7 new \(4 published, 1 pending, 1 spam, 1 deleted\), 0 already there/,
      );
      assert.match(result.stdout, /references {2}2 new, 0 already there/);
      assert.match(result.stdout, /1 × duplicate id: another comment of the source has it \(8\)/);
      assert.match(result.stdout, /1 × comment type "order_note" is no reader's comment/);
      assert.match(result.stdout, /1 × no time in UTC: the site's local time taken as UTC \(4\)/);
      assert.match(result.stdout, /1 × website: dropped \(not an http or https URL\) \(5\)/);
      assert.match(result.stdout, /1 × text: scripts, styles or embedded frames left out \(8\)/);
    });
  });

  for (const backend of backends()) {
    it(`adds nothing, comments or references, when imported again (${backend.name})`, async () => {
      const database = await backend.makeDatabase();
      try {
        await runImport(['wordpress', fixture('wordpress.xml')], database.location);
        const second = await runImport(['wordpress', fixture('wordpress.xml')], database.location);
        assert.match(second.stdout, /comments {4}0 new, 7 already there/);
        assert.match(second.stdout, /references {2}0 new, 2 already there/);
        const store = await database.open();
        try {
          assert.equal((await allComments(store)).length, 7);
          assert.equal((await allReferences(store)).length, 2);
          assert.equal((await store.getThread('/2019/03/hello-world')).referenceCount, 1);
        } finally {
          await store.close();
        }
      } finally {
        await database.cleanup();
      }
    });
  }

  it('reads a Latin-1 export that says so', async () => {
    const original = await readFile(fixture('wordpress.xml'), 'utf8');
    const latin1 = original
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace('Thanks! <strong>Bold</strong>', 'Très bien! <strong>Bold</strong>')
      .replace(/[\u0100-\u{10ffff}]/gu, '?');
    const file = join(folder, 'latin1.xml');
    await writeFile(file, Buffer.from(latin1, 'latin1'));
    const database = join(folder, 'latin1.db');
    const result = await runImport(['wordpress', file], database);
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout, /notes/);
    const store = await openStore(database);
    try {
      assert.match(commentWith(await allComments(store), 'Bold').text, /^Très bien! Bold/);
    } finally {
      await store.close();
    }
  });
});
