// `natter export > natter.jsonl` and `natter import natter natter.jsonl` as a site owner moving servers runs them:
// the real commands on real SQLite files, the export through a pipe, the restore into a new database.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import {
  createTempFolder,
  exited,
  natterBin,
  runNatter,
  startServer,
  withTimeout,
} from '../../e2e/server-process.mjs';
import { listThread, postComment } from './protocol-calls.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

const original = temporary.file('original.sqlite');
const thread = '/moving/house';

/** An export's lines without its header, which says when it was written. */
const withoutHeader = (text) => text.slice(text.indexOf('\n') + 1);

before(async () => {
  const server = await startServer({ database: original });
  try {
    for (const text of ['First', 'Second <b>not bold</b>', 'Third \u202Eevil']) {
      const response = await postComment(server.url, { thread, text });
      assert.equal(response.status, 201, await response.text());
    }
  } finally {
    await server.stop();
  }
});

test('natter export writes the site, natter import natter restores it into a new database', async (t) => {
  const exported = await runNatter(['export', '--database', original]);
  assert.equal(exported.code, 0, exported.stderr);
  // The demo's article and its comments come too.
  assert.match(exported.stderr, /^exported .*\b2 threads, 6 comments\b.*\n$/);
  const [header] = exported.stdout.split('\n');
  assert.match(
    header,
    /^\{"type":"header","format":"natter-export","version":1,"natter":"[^"]+","exportedAt":"[^"]+"\}$/,
  );
  const file = temporary.file('natter.jsonl');
  await writeFile(file, exported.stdout);

  const restored = temporary.file('restored.sqlite');
  const imported = await runNatter(['import', 'natter', file, '--database', restored]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stdout, `restored ${exported.stderr.slice('exported '.length, -1)} from ${file}\n`);

  const again = await runNatter(['export', '--database', restored]);
  assert.equal(withoutHeader(again.stdout), withoutHeader(exported.stdout));

  const server = await startServer({ database: restored, t });
  const { count, comments } = await listThread(server.url, thread);
  assert.equal(count, 3);
  assert.deepEqual(
    comments.map((comment) => comment.text),
    ['First', 'Second <b>not bold</b>', 'Third \u202Eevil'],
  );
  await server.stop();

  const twice = await runNatter(['import', 'natter', file, '--database', restored]);
  assert.equal(twice.code, 1);
  assert.equal(
    twice.stderr,
    'natter import natter: the database is not empty; nothing was imported\n' +
      'restore into a new database: natter import natter FILE --database data/restored.sqlite\n',
  );
});

test('natter import natter names the line at fault, and restores nothing', async () => {
  const exported = await runNatter(['export', '--database', original]);
  const lines = exported.stdout.split('\n');
  lines[3] = lines[3].replace('"status":"published"', '"status":"visible"');
  const file = temporary.file('broken.jsonl');
  await writeFile(file, lines.join('\n'));
  const target = temporary.file('untouched.sqlite');
  const imported = await runNatter(['import', 'natter', file, '--database', target]);
  assert.equal(imported.code, 1);
  assert.match(
    imported.stderr,
    /^natter import natter: .*broken\.jsonl, line 4: comment: status: .*\nnothing was imported\n$/,
  );
  const empty = await runNatter(['export', '--database', target]);
  assert.equal(empty.stderr, 'exported nothing (an empty site)\n');
});

test('natter export stops with a message when its reader goes away', async () => {
  // Larger than a pipe holds, so the export is still writing when the reader leaves.
  const at = (seconds) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
  const comments = Array.from({ length: 300 }, (_, index) => ({
    type: 'comment',
    id: `long-${index}`,
    thread: '/long',
    parent: null,
    authorName: 'Reader',
    authorEmail: null,
    authorUrl: null,
    text: 'A long comment. '.repeat(64),
    status: 'published',
    createdAt: at(index),
    editedAt: null,
    secretHash: '-',
    editableUntil: at(index),
    reason: null,
    authorIp: null,
    reportCount: 0,
    moderatedAt: null,
    isDeleted: false,
    likes: 0,
  }));
  const lines = [
    { type: 'header', format: 'natter-export', version: 1, natter: 'test', exportedAt: at(0) },
    { type: 'thread', key: '/long', createdAt: at(0), isLocked: false, moderation: null },
    ...comments,
    {
      type: 'end',
      counts: { setting: 0, rule: 0, thread: 1, comment: 300, report: 0, subscription: 0, mention: 0 },
    },
  ];
  const file = temporary.file('long.jsonl');
  await writeFile(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  const database = temporary.file('long.sqlite');
  assert.equal((await runNatter(['import', 'natter', file, '--database', database])).code, 0);

  const child = spawn(process.execPath, [natterBin, 'export', '--database', database], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const { code } = await withTimeout(exited(child), 15_000, 'natter export to exit');
  assert.equal(code, 1, stderr);
  assert.equal(
    stderr,
    'natter export: the output was closed before the export ended\nwhat it wrote is incomplete\n',
  );
});

test('the commands explain a wrong command line in one line and a hint', async () => {
  const cases = [
    [['import'], 0, /^Usage: natter import <format> FILE \[options\]\n/, 'stdout'],
    [
      ['import', 'typepad', 'x.xml'],
      2,
      /^natter import: unknown format "typepad"\nthe formats are natter, /,
      'stderr',
    ],
    [['import', 'natter'], 2, /^natter import natter: name the file to import\n/, 'stderr'],
    [
      ['import', 'natter', temporary.file('nowhere.jsonl')],
      1,
      /^natter import natter: cannot read .*nowhere\.jsonl: no such file\nnothing was imported\n$/,
      'stderr',
    ],
    [['import', 'natter', temporary.folder], 1, /: it is not a file\n/, 'stderr'],
    [
      ['import', 'natter', 'a.jsonl', '--map-url', 'x'],
      2,
      /^natter import natter: unknown option --map-url\n/,
      'stderr',
    ],
    [
      ['export', '--database', temporary.file('nothing.sqlite')],
      1,
      /^natter export: there is no database at .*nothing\.sqlite\n/,
      'stderr',
    ],
    [['export', 'extra'], 2, /^natter export: /, 'stderr'],
  ];
  for (const [args, expectedCode, pattern, stream] of cases) {
    const result = await runNatter(args);
    assert.equal(result.code, expectedCode, `natter ${args.join(' ')}: ${result.stderr}`);
    assert.match(result[stream], pattern, `natter ${args.join(' ')}`);
  }
});

test('--help texts name the commands, the formats and what an export holds', async () => {
  const main = await runNatter(['--help']);
  assert.match(main.stdout, /\n {2}import <format> FILE\n/);
  assert.match(main.stdout, /\n {2}export {2}.*natter export > natter\.jsonl/);
  assert.match(main.stdout, /\n {2}backup FILE {2}.*while the server runs/);

  const formats = await runNatter(['import', '--help']);
  assert.equal(formats.code, 0);
  assert.match(formats.stdout, /\n {2}natter +restore what natter export wrote\n/);

  const natter = await runNatter(['import', 'natter', '--help']);
  assert.equal(natter.code, 0);
  assert.match(natter.stdout, /^Usage: natter import natter FILE \[--database …\]\n/);
  assert.match(natter.stdout, /into an empty database/);

  const exportHelp = await runNatter(['export', '--help']);
  assert.equal(exportHelp.code, 0);
  assert.match(exportHelp.stdout, /^Usage: natter export \[--database …\] > natter\.jsonl\n/);
  assert.match(exportHelp.stdout, /e-mail and IP addresses/);
  assert.match(
    exportHelp.stdout,
    /Not exported: sign-in sessions, rate counts and notifications waiting to be sent/,
  );
});
