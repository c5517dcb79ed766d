import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ImportFailure } from '../../../src/server/node/import-format.js';
import { importFile } from '../../../src/server/node/import-natter.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import { collector } from '../import/import-helpers.js';
import { sqliteBackend } from '../storage/backends.js';
import { at } from './filled-store.js';

const folder = await mkdtemp(join(tmpdir(), 'natter-import-natter-'));
after(() => rm(folder, { recursive: true, force: true }));

const header = { type: 'header', format: 'natter-export', version: 1, natter: '0.1.0', exportedAt: at(0) };
const thread = { type: 'thread', key: '/a-post', createdAt: at(1), isLocked: false, moderation: null };

function aComment(id: string, fields: Record<string, unknown> = {}) {
  return {
    type: 'comment',
    id,
    thread: '/a-post',
    parent: null,
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorUrl: null,
    text: 'Hello',
    status: 'published',
    createdAt: at(2),
    editedAt: null,
    secretHash: 'x'.repeat(43),
    editableUntil: at(902),
    reason: null,
    authorIp: '203.0.113.7',
    reportCount: 0,
    moderatedAt: null,
    isDeleted: false,
    likes: 0,
    ...fields,
  };
}

function end(counts: Record<string, number> = {}) {
  return {
    type: 'end',
    counts: { setting: 0, rule: 0, thread: 0, comment: 0, report: 0, subscription: 0, mention: 0, ...counts },
  };
}

/** A valid export: a thread, a comment and its reply. */
const valid = [
  header,
  thread,
  aComment('first'),
  aComment('reply', { parent: 'first' }),
  end({ thread: 1, comment: 2 }),
];

let files = 0;

/** Writes `lines` (objects are written as JSON, strings as they are) to a file of their own. */
async function exportFile(lines: readonly unknown[]): Promise<string> {
  const file = join(folder, `export-${++files}.jsonl`);
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  await writeFile(file, lines.length > 0 ? `${text}\n` : '');
  return file;
}

/** Imports `file` into `store`; resolves with what it printed. */
async function run(store: CommentStore, file: string): Promise<string> {
  const output = collector();
  await importFile({ file, options: {}, store, io: { stdout: output, stderr: output, env: {} } });
  return output.text;
}

/** Imports `lines` into a fresh store, expecting a refusal whose message matches `message`; nothing is restored. */
async function refuses(lines: readonly unknown[], message: RegExp): Promise<void> {
  const { store, cleanup } = await sqliteBackend.makeStore();
  try {
    const file = await exportFile(lines);
    await assert.rejects(run(store, file), (error: unknown) => {
      assert.ok(error instanceof ImportFailure, String(error));
      assert.match(error.message, message);
      assert.equal(error.message.startsWith(file), true, error.message);
      return true;
    });
    assert.equal(await store.archive.isEmpty(), true, 'a refused import restores nothing');
  } finally {
    await cleanup();
  }
}

describe('natter import natter', () => {
  it('restores a valid export and says what it restored', async () => {
    const { store, cleanup } = await sqliteBackend.makeStore();
    try {
      assert.match(await run(store, await exportFile(valid)), /^restored 1 thread, 2 comments from .*\n$/);
      assert.equal((await store.getThread('/a-post')).listedCount, 2);
      assert.equal((await store.getComment('first'))?.replyCount, 1);
    } finally {
      await cleanup();
    }
  });

  it('refuses a store that is not empty, with what to do instead', async () => {
    const { store, cleanup } = await sqliteBackend.makeStore();
    try {
      await run(store, await exportFile(valid));
      await assert.rejects(run(store, await exportFile(valid)), (error: unknown) => {
        assert.ok(error instanceof ImportFailure);
        assert.match(error.message, /the database is not empty; nothing was imported/);
        assert.match(error.hint, /restore into a new database: natter import natter FILE --database/);
        return true;
      });
    } finally {
      await cleanup();
    }
  });

  it('refuses an empty file', () => refuses([], /line 1: the file is empty/));

  it('refuses a file that is no natter export', () =>
    refuses(['<?xml version="1.0"?>', '<disqus/>'], /line 1: not JSON/).then(() =>
      refuses(
        [{ type: 'header', format: 'remark42' }],
        /line 1: not a natter export: its first line must be the header/,
      ),
    ));

  it('refuses another version of the format, and says which it reads', async () => {
    await refuses(
      [{ ...header, version: 2 }, end()],
      /line 1: the export is of format version 2; this natter reads version 1 \(import it with the natter that wrote it/,
    );
    await refuses(
      [{ ...header, version: '1' }, end()],
      /line 1: the export is of format version "1"; this natter reads version 1$/,
    );
  });

  it('names the line of a malformed record', async () => {
    await refuses([header, thread, '{"type":"comment","id":', end()], /line 3: not JSON/);
    await refuses(
      [header, thread, aComment('a'), aComment('b', { status: 'hidden' }), end()],
      /line 4: comment: status: /,
    );
    await refuses(
      [header, thread, aComment('a', { createdAt: '2026-11-01' })],
      /line 3: comment: createdAt: an ISO 8601 UTC time/,
    );
    await refuses([header, thread, aComment('a/b')], /line 3: comment: id: an id without "\/"/);
    await refuses(
      [header, thread, aComment('a', { text: 'nul \u0000 inside' })],
      /line 3: comment: text: no NUL character/,
    );
    await refuses([header, thread, aComment('a', { secretWord: 'x' })], /line 3: comment: .*secretWord/);
    await refuses(
      [header, { type: 'vote', id: 'v' }],
      /line 2: unknown type "vote": a line is one of setting, rule, thread, comment, report, subscription, mention, end/,
    );
    await refuses([header, ['not', 'an', 'object']], /line 2: no type/);
  });

  it('refuses a file cut short, or whose end does not match it', async () => {
    await refuses(valid.slice(0, -1), /line 4: the file ends without its end line: it was cut short/);
    await refuses(
      [...valid.slice(0, -1), end({ thread: 1, comment: 3 })],
      /line 5: the end line counts 3 comment records, the file holds 2/,
    );
    await refuses([...valid, thread], /line 6: a line after the end line/);
  });

  it('names the line of a record that does not fit with those before it', async () => {
    await refuses(
      [header, thread, aComment('orphan', { parent: 'nobody' }), end({ thread: 1, comment: 1 })],
      /line 3: comment orphan answers nobody, which the archive does not hold/,
    );
    await refuses(
      [header, thread, aComment('a'), aComment('a'), end({ thread: 1, comment: 2 })],
      /line 4: a second record for comment a/,
    );
    await refuses(
      [header, aComment('a'), end({ comment: 1 })],
      /line 2: comment a is in thread "\/a-post", which no thread record before it names/,
    );
    await refuses(
      [header, thread, aComment('a'), thread, end({ thread: 2, comment: 1 })],
      /line 4: a thread comes after the comments: records go setting, rule, thread/,
    );
    await refuses(
      [
        header,
        thread,
        { type: 'report', id: 'r', commentId: 'gone', reason: 'spam', clientKey: 'k', createdAt: at(3) },
        end({ thread: 1, report: 1 }),
      ],
      /line 3: report r is of comment gone, which the archive does not hold/,
    );
  });
});
