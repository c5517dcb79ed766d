import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

const mapUrl = ['--map-url', 'https://old.example/blog/→/'];

describe('natter import disqus', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ folder, cleanup } = await temporaryFolder()));
  after(() => cleanup());

  describe('a realistic export', () => {
    let result: CommandResult;
    let store: CommentStore;
    let comments: StoredComment[];
    before(async () => {
      const database = join(folder, 'realistic.db');
      result = await runImport(['disqus', fixture('disqus.xml'), ...mapUrl], database);
      store = await openStore(database);
      comments = await allComments(store);
    });
    after(() => store.close());

    it('keeps authors, e-mail addresses, addresses, times and replies, on threads mapped by --map-url', () => {
      assert.equal(result.code, 0, result.stderr);
      const ada = commentWith(comments, 'Great post!');
      assert.equal(ada.thread, '/2019/hello-world');
      assert.equal(ada.authorName, 'Ada Lovelace');
      assert.equal(ada.authorEmail, 'ada@reader.example');
      assert.equal(ada.authorIp, '203.0.113.7');
      assert.equal(ada.createdAt, '2019-03-01T10:15:00.000Z');
      assert.equal(ada.status, 'published');
      const reply = commentWith(comments, 'Thanks, Ada');
      assert.equal(reply.parent, ada.id);
      assert.equal(reply.text, 'Thanks, Ada & welcome <3\nSecond line');
      assert.equal(commentWith(comments, 'Waiting').thread, '/2020/second-post');
    });

    it("writes HTML as plain text, links as their addresses, Disqus's redirects unwrapped", () => {
      assert.equal(
        commentWith(comments, 'Great post!').text,
        'Great post! I read it twice.\n\nSee https://other.example/notes/ and the guide (https://docs.example/guide).',
      );
      assert.equal(
        commentWith(comments, 'ENCODING-MARK').text,
        'Encoding: café, naïve, 日本語, emoji 🎉, and a marker: ENCODING-MARK.',
      );
    });

    it('stores hostile content as harmless text: no script, no bidi override in a name, no bad address', () => {
      const mallory = commentWith(comments, 'click me');
      assert.equal(mallory.text, 'Nice click me and \u202etxet desrever\u202c here');
      assert.equal(mallory.authorName, 'Mallory evil <b>bold</b>');
      assert.equal(mallory.authorEmail, null);
      assert.equal(mallory.authorIp, null);
    });

    it('keeps spam as spam, pending as pending, deleted as deleted, and an emptied comment with a reply as a placeholder', () => {
      assert.equal(commentWith(comments, 'cheap watches').status, 'spam');
      assert.equal(commentWith(comments, 'Waiting for a moderator').status, 'pending');
      const deleted = commentWith(comments, 'I take this back');
      assert.equal(deleted.status, 'deleted');
      assert.equal(deleted.reason, 'deleted in Disqus');
      const reply = commentWith(comments, 'Replying to the deleted one');
      const placeholder = comments.find((comment) => comment.id === reply.parent);
      assert.equal(placeholder?.isDeleted, true);
      assert.equal(placeholder?.text, '');
    });

    it('makes an orphaned reply top-level, skips the duplicate id and the post of a missing thread, and says so', async () => {
      assert.equal(commentWith(comments, 'My parent was never exported').parent, null);
      assert.equal(comments.filter((comment) => comment.authorName === 'Duplicate').length, 0);
      assert.equal(comments.length, 10);
      assert.match(result.stdout, /threads {5}2\n/);
      assert.match(
        result.stdout,
        /comments {4}10 new \(6 published, 1 pending, 1 spam, 1 deleted, 1 placeholder\), 0 already there/,
      );
      assert.match(result.stdout, /skipped {5}2\n/);
      assert.match(result.stdout, /1 × duplicate id: another comment of the source has it \(5000000001\)/);
      assert.match(result.stdout, /1 × post of thread 7199999999, which the export does not have/);
      assert.match(
        result.stdout,
        /1 × orphaned reply \(its parent is not in the export\): now a top-level comment \(5000000009\)/,
      );
      assert.match(result.stdout, /1 × name: control or bidi characters removed \(5000000003\)/);
      assert.match(result.stdout, /1 × e-mail address: dropped \(not an address\) \(5000000003\)/);
      assert.deepEqual(await store.countListed(['/2019/hello-world', '/2020/second-post']), {
        '/2019/hello-world': 4,
        '/2020/second-post': 2,
      });
      assert.equal(result.stderr, 'import: 100% read, 12 records\n');
    });
  });

  for (const backend of backends()) {
    it(`adds nothing when the same export is imported again (${backend.name})`, async () => {
      const database = await backend.makeDatabase();
      try {
        const first = await runImport(['disqus', fixture('disqus.xml'), ...mapUrl], database.location);
        const second = await runImport(['disqus', fixture('disqus.xml'), ...mapUrl], database.location);
        assert.equal(second.code, 0);
        assert.match(first.stdout, /comments {4}10 new/);
        assert.match(second.stdout, /comments {4}0 new, 10 already there/);
        const store = await database.open();
        try {
          assert.equal((await allComments(store)).length, 10);
          assert.deepEqual(await store.countListed(['/2019/hello-world']), { '/2019/hello-world': 4 });
        } finally {
          await store.close();
        }
      } finally {
        await database.cleanup();
      }
    });
  }

  it('reads bytes that are not UTF-8 as U+FFFD, and a wrong declared charset as UTF-8, saying both', async () => {
    const original = await readFile(fixture('disqus.xml'));
    const mark = original.indexOf('ENCODING-MARK');
    const broken = Buffer.concat([
      original.subarray(0, mark),
      Buffer.from([0xe9, 0xff]),
      original.subarray(mark),
    ]);
    const brokenFile = join(folder, 'broken-bytes.xml');
    await writeFile(brokenFile, broken);
    const brokenResult = await runImport(['disqus', brokenFile], join(folder, 'broken-bytes.db'));
    assert.equal(brokenResult.code, 0);
    assert.match(brokenResult.stdout, /2 byte sequence\(s\) were not utf-8: each became U\+FFFD/);
    const store = await openStore(join(folder, 'broken-bytes.db'));
    try {
      assert.match(
        commentWith(await allComments(store), 'ENCODING-MARK').text,
        /marker: \ufffd\ufffdENCODING-MARK/,
      );
    } finally {
      await store.close();
    }
    const mislabelled = join(folder, 'mislabelled.xml');
    await writeFile(mislabelled, original.toString().replace('encoding="utf-8"', 'encoding="ISO-8859-1"'));
    const mislabelledResult = await runImport(['disqus', mislabelled], join(folder, 'mislabelled.db'));
    assert.match(mislabelledResult.stdout, /declares ISO-8859-1, but its bytes are UTF-8: read as UTF-8/);
    const again = await openStore(join(folder, 'mislabelled.db'));
    try {
      assert.match(commentWith(await allComments(again), 'ENCODING-MARK').text, /café, naïve, 日本語/);
    } finally {
      await again.close();
    }
  });

  it('stops where the XML breaks off, exits 1 keeping what came before, and the whole file adds the rest', async () => {
    const original = await readFile(fixture('disqus.xml'), 'utf8');
    const cut = join(folder, 'cut.xml');
    await writeFile(cut, original.slice(0, original.indexOf('Waiting for a moderator')));
    const database = join(folder, 'cut.db');
    const result = await runImport(['disqus', cut], database);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /natter import disqus: the XML is not well-formed/);
    assert.match(result.stdout, /comments {4}7 new/);
    const rest = await runImport(['disqus', fixture('disqus.xml')], database);
    assert.equal(rest.code, 0);
    assert.match(rest.stdout, /comments {4}3 new .*, 7 already there/);
  });

  it('refuses a file that is no Disqus export, importing nothing', async () => {
    const result = await runImport(['disqus', fixture('wordpress.xml')], join(folder, 'refused.db'));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /this is not a Disqus export: its root element is <rss>\nnothing was imported\n/,
    );
    assert.equal(result.stdout, '');
  });

  it('draws a progress bar on a terminal', async () => {
    const result = await runImport(['disqus', fixture('disqus.xml')], join(folder, 'tty.db'), {
      isTTY: true,
    });
    assert.match(result.stderr, /\r\[#{40}\] 100% {2}12 records\n$/);
  });
});
