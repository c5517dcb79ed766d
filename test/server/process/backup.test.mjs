// `natter backup FILE` as an operator runs it from cron: against the database of a running server that is taking
// comments all the while. The copy must be a whole SQLite database at one moment: every comment acknowledged
// before the backup started is in it, its structure checks out, and it is one file that opens on its own.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createTempFolder, runNatter, startServer, withTimeout } from '../../e2e/server-process.mjs';
import { postComment } from './protocol-calls.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

/**
 * Posts to `thread` from `concurrency` clients at once until `stop()`; `acknowledged` holds the texts answered 201
 * so far. `done` settles once the last post has, rejecting with any answer other than 201.
 */
function postContinuously(url, thread, concurrency) {
  const acknowledged = new Set();
  let isStopped = false;
  let next = 0;
  async function client() {
    while (!isStopped) {
      const text = `${thread} comment ${next++}`;
      const response = await postComment(url, { thread, text });
      await response.body?.cancel();
      if (response.status !== 201) throw new Error(`${text}: status ${response.status}`);
      acknowledged.add(text);
    }
  }
  const done = Promise.all(Array.from({ length: concurrency }, client));
  return { acknowledged, done, stop: () => (isStopped = true) };
}

/** Waits until `predicate()` holds, checking every few milliseconds. */
async function until(predicate, what) {
  await withTimeout(
    (async () => {
      while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
    })(),
    20_000,
    what,
  );
}

/** The texts of every comment in the SQLite file, and what its checks say; opened read-only, on its own. */
function readBackup(file) {
  const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      texts: new Set(copy.prepare('select text from comments').pluck().all()),
      integrity: copy.pragma('integrity_check', { simple: true }),
      journalMode: copy.pragma('journal_mode', { simple: true }),
      migrations: copy.prepare('select count(*) from natter_migrations').pluck().get(),
    };
  } finally {
    copy.close();
  }
}

test(
  'natter backup copies the database of a running server while it takes comments',
  { timeout: 60_000 },
  async (t) => {
    const database = temporary.file('live.sqlite');
    const server = await startServer({ database, t });
    const posting = postContinuously(server.url, '/backup/live', 4);
    const backup = temporary.file('backups/natter.sqlite');
    try {
      await until(() => posting.acknowledged.size >= 40, '40 acknowledged comments');
      // The backups folder does not exist: the command says so rather than guess.
      const noFolder = await runNatter(['backup', backup, '--database', database]);
      assert.equal(noFolder.code, 1, noFolder.stderr);
      assert.match(noFolder.stderr, /^natter backup: .*directory does not exist\nnothing was written to /);

      const target = temporary.file('natter-backup.sqlite');
      const before = new Set(posting.acknowledged);
      const countAtStart = posting.acknowledged.size;
      const result = await runNatter(['backup', target, '--database', database]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /^backed up .*live\.sqlite to .*natter-backup\.sqlite \(\d+ pages, \d+ bytes; checked\)\n$/,
      );
      // The server went on answering while the copy was made.
      await until(() => posting.acknowledged.size >= countAtStart + 20, '20 more acknowledged comments');
      t.diagnostic(`${countAtStart} acknowledged before the backup, ${posting.acknowledged.size} by now`);

      assert.equal(existsSync(`${target}-wal`), false, 'the copy needs no WAL beside it');
      const copy = readBackup(target);
      assert.equal(copy.integrity, 'ok');
      assert.equal(copy.journalMode, 'delete');
      assert.ok(copy.migrations > 0);
      const missing = [...before].filter((text) => !copy.texts.has(text));
      assert.deepEqual(missing, [], 'comments acknowledged before the backup are missing from it');
      assert.ok(
        copy.texts.size <= posting.acknowledged.size + 4,
        'the copy holds comments never acknowledged',
      );

      // A second backup replaces the first, whole.
      const again = await runNatter(['backup', target, '--database', database]);
      assert.equal(again.code, 0, again.stderr);
      assert.ok(readBackup(target).texts.size >= copy.texts.size);
    } finally {
      posting.stop();
      await posting.done;
    }
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  },
);

test('natter backup refuses PostgreSQL, a missing database, and the database itself', async () => {
  const postgres = await runNatter([
    'backup',
    temporary.file('pg.sqlite'),
    '--database',
    'postgres://natter@127.0.0.1/natter',
  ]);
  assert.equal(postgres.code, 2);
  assert.equal(
    postgres.stderr,
    'natter backup: the database is PostgreSQL, which natter backup does not copy\n' +
      'use pg_dump (docs/backup.md#postgresql), or natter export > natter.jsonl\n',
  );
  const missing = await runNatter([
    'backup',
    temporary.file('copy.sqlite'),
    '--database',
    temporary.file('none.sqlite'),
  ]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^natter backup: cannot open .*none\.sqlite/);
  assert.equal(existsSync(temporary.file('none.sqlite')), false, 'a backup creates no database');
  const itself = temporary.file('itself.sqlite');
  const database = await runNatter(['backup', itself, '--database', itself]);
  assert.equal(database.code, 1);
  assert.match(database.stderr, /the backup would overwrite the database itself/);
  const noFile = await runNatter(['backup']);
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /^natter backup: name the file to write\n/);
});

test('natter backup --help says how, and why not cp', async () => {
  const { code, stdout } = await runNatter(['backup', '--help']);
  assert.equal(code, 0);
  assert.match(stdout, /^Usage: natter backup FILE \[--database …\]\n/);
  assert.match(stdout, /SQLite's backup API/);
  assert.match(stdout, /copying the file with cp is not/);
  assert.match(stdout, /For PostgreSQL, use pg_dump/);
});
