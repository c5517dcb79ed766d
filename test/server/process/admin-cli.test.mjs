// `natter admin …`, as a moderator runs it against the database a server uses: the password set without ever
// being an argument, comments listed, approved, marked as spam or deleted by id, threads locked, the site made
// read-only; each message one line and a hint when something is off.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { openStore } from '../../../dist/lib/server/index.js';
import {
  createTempFolder,
  exited,
  natterBin,
  runNatter,
  startServer,
  withTimeout,
} from '../../e2e/server-process.mjs';
import { runAdmin as admin } from '../../e2e/natter-admin.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

/** Asserts a failure explained in one line that matches `message`, then a hint. */
function assertExplained({ code, stdout, stderr }, expected) {
  assert.equal(code, expected.code, stderr);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, `a message and a hint:\n${stderr}`);
  assert.match(lines[0], expected.message);
}

/** Signs in to the running server at `url`; resolves with the answer's status and the session cookie. */
async function signIn(url, password) {
  const response = await fetch(new URL('admin/api/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

/** A comment put straight into the database, as posted by a first-time author. */
function aComment(fields) {
  const createdAt = new Date().toISOString();
  return {
    id: `c_${Math.random().toString(36).slice(2, 12)}`,
    thread: '/2026/11/a-post',
    parent: null,
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorUrl: null,
    text: 'A first comment.',
    status: 'pending',
    reason: 'held: first-time author',
    authorIp: '203.0.113.5',
    createdAt,
    secretHash: 'x'.repeat(43),
    editableUntil: createdAt,
    ...fields,
  };
}

/** Opens the store of `database`, runs `work` with it and closes it again. */
async function withStore(database, work) {
  const store = await openStore(database);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

test('sets the password from a pipe, never from an argument; a running server signs in with it', async (t) => {
  const database = temporary.file('password.sqlite');
  const set = await admin(['set-password', '--database', database], { input: 'a long passphrase\n' });
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /^the admin password is set; sign in at \/admin/);
  assert.doesNotMatch(set.stdout + set.stderr, /a long passphrase/);
  const stored = await withStore(database, (store) => store.settings.get('admin_password_hash'));
  assert.match(stored, /^scrypt\$32768\$8\$1\$/);

  const server = await startServer({ database, t });
  assert.equal((await signIn(server.url, 'a long passphrase')).status, 200);
  const { cookie } = await signIn(server.url, 'a long passphrase');
  const session = () => fetch(new URL('admin/api/session', server.url), { headers: { cookie } });
  assert.equal((await session()).status, 200);
  assert.equal((await signIn(server.url, 'another passphrase')).status, 401);

  // A new password signs everyone out at once.
  assert.equal(
    (await admin(['set-password', '--database', database], { input: 'another passphrase\n' })).code,
    0,
  );
  assert.equal((await session()).status, 401);
  assert.equal((await signIn(server.url, 'another passphrase')).status, 200);

  assertExplained(await admin(['set-password', 'hunter2hunter2', '--database', database]), {
    code: 2,
    message: /^natter admin set-password: unexpected argument "hunter2hunter2"/,
  });
  assertExplained(await admin(['set-password', '--database', database], { input: 'short\n' }), {
    code: 1,
    message: /^natter admin set-password: the password must have 8 to 1024 characters$/,
  });
  assertExplained(await admin(['set-password', '--database', database]), {
    code: 1,
    message: /^natter admin set-password: no password was given$/,
  });
});

test(
  'prompts at a terminal without echoing what is typed, and asks twice',
  { skip: !hasScript() },
  async () => {
    const database = temporary.file('terminal.sqlite');
    const typeAt = async (answers) => {
      // `script` gives the command a terminal of its own; keys are typed only once each prompt shows.
      const child = spawn(
        'script',
        [
          '-q',
          '-e',
          '-c',
          `${process.execPath} ${natterBin} admin set-password --database ${database}`,
          '/dev/null',
        ],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let screen = '';
      const prompts = [/New admin password: $/, /The same again: $/];
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        screen += chunk;
        if (prompts[0]?.test(screen)) {
          prompts.shift();
          child.stdin.write(`${answers.shift()}\r`);
        }
      });
      const { code } = await withTimeout(exited(child), 15_000, 'natter admin set-password at a terminal');
      return { code, screen };
    };
    const matching = await typeAt(['typed unseen', 'typed unseen']);
    assert.equal(matching.code, 0, matching.screen);
    assert.match(
      matching.screen,
      /New admin password: [\s\S]*The same again: [\s\S]*the admin password is set/,
    );
    assert.doesNotMatch(matching.screen, /typed unseen/);

    const differing = await typeAt(['typed unseen', 'typed otherwise']);
    assert.equal(differing.code, 1);
    assert.match(differing.screen, /natter admin set-password: the two passwords differ/);
  },
);

test('hash-password prints a hash for NATTER_ADMIN_PASSWORD_HASH, which then wins over the stored one', async (t) => {
  const database = temporary.file('hash.sqlite');
  const printed = await admin(['hash-password'], { input: 'from the environment\n' });
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+\n$/);
  await admin(['set-password', '--database', database], { input: 'from the database\n' });
  const server = await startServer({
    database,
    t,
    env: { NATTER_ADMIN_PASSWORD_HASH: printed.stdout.trim() },
  });
  assert.equal((await signIn(server.url, 'from the environment')).status, 200);
  assert.equal((await signIn(server.url, 'from the database')).status, 401);

  const refused = await runNatter(['serve', '--database', database], {
    env: { NATTER_ADMIN_PASSWORD_HASH: 'hunter2' },
  });
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /^natter serve: NATTER_ADMIN_PASSWORD_HASH must be a hash that natter admin hash-password printed/,
  );
});

test('lists held comments as a table, and approves, marks as spam and deletes them by id', async () => {
  const database = temporary.file('moderating.sqlite');
  const held = aComment({ text: 'First line of it.\nSecond line.', authorName: 'Grace \u001b[31mHopper' });
  const other = aComment({ authorEmail: null, reason: null, thread: '/2026/12/another' });
  const published = aComment({ status: 'published', reason: null });
  await withStore(database, async (store) => {
    for (const comment of [held, other, published])
      assert.equal(await store.insertComment(comment), 'inserted');
  });

  const listed = await admin(['list', '--status', 'pending', '--database', database]);
  assert.equal(listed.code, 0, listed.stderr);
  const [header, ...rows] = listed.stdout.trimEnd().split('\n');
  assert.match(header, /^ID +STATUS +THREAD +AUTHOR +REASON +TEXT$/);
  assert.equal(rows.length, 2);
  const row = rows.find((line) => line.startsWith(held.id));
  assert.match(row, /pending +\/2026\/11\/a-post +Grace \[31mHopper <ada@exa/);
  assert.match(row, / +held: first-time author +First line of it\.$/);
  assert.ok(!listed.stdout.includes('\u001b'), 'no escape sequence reaches the terminal');
  assert.doesNotMatch(listed.stdout, /Second line/);
  assert.match(
    (await admin(['list', '--status', 'spam', '--database', database])).stdout,
    /^no spam comments\n$/,
  );

  const approved = await admin(['approve', held.id, published.id, '--database', database]);
  assert.equal(approved.code, 0, approved.stderr);
  assert.equal(
    approved.stdout,
    `${held.id} approved (/2026/11/a-post)\n${published.id} is published already (/2026/11/a-post)\n`,
  );
  const spam = await admin(['spam', other.id], { env: { NATTER_DATABASE: database } });
  assert.equal(spam.stdout, `${other.id} marked as spam (/2026/12/another)\n`);
  const deleted = await admin(['delete', published.id, 'c_nobody', '--database', database]);
  assert.equal(deleted.code, 1);
  assert.equal(deleted.stdout, `${published.id} deleted (/2026/11/a-post)\n`);
  assert.match(deleted.stderr, /^natter admin delete: no comment has the id c_nobody\n.*list --status all/);
  const restored = await admin(['restore', published.id, '--database', database]);
  assert.equal(restored.stdout, `${published.id} restored to the queue (/2026/11/a-post)\n`);

  await withStore(database, async (store) => {
    assert.equal((await store.getComment(held.id)).status, 'published');
    assert.equal((await store.getComment(other.id)).status, 'spam');
    assert.equal((await store.getComment(published.id)).status, 'pending');
    assert.equal((await store.getThread('/2026/11/a-post')).listedCount, 1);
  });

  assertExplained(await admin(['approve', '--database', database]), {
    code: 2,
    message: /^natter admin approve: name the comments$/,
  });
  assertExplained(await admin(['approve', 'not an id!', '--database', database]), {
    code: 2,
    message: /^natter admin approve: "not an id!" is not a comment id$/,
  });
  assertExplained(await admin(['list', '--status', 'waiting', '--database', database]), {
    code: 2,
    message:
      /^natter admin list: --status must be pending, reported, published, spam, deleted, all, not "waiting"$/,
  });
  assertExplained(await admin(['approve', held.id, '--databse', database]), {
    code: 2,
    message: /^natter admin approve: unknown option --databse \(did you mean --database\?\)$/,
  });
  assertExplained(await admin(['publish', held.id]), {
    code: 2,
    message: /^natter admin publish: unknown command "publish"$/,
  });
});

test('locks and unlocks a thread, and makes the site read-only and back, as a running server then shows', async (t) => {
  const database = temporary.file('switches.sqlite');
  const server = await startServer({ database, t });
  const thread = '/2026/11/health-care-and-social-media';
  const isLocked = async () => {
    const response = await fetch(new URL(`api/v1/comments?thread=${encodeURIComponent(thread)}`, server.url));
    return (await response.json()).thread.locked;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

  assert.equal((await admin(['lock', thread, '--database', database])).stdout, `${thread} is locked\n`);
  await settle();
  assert.equal(await isLocked(), true);
  assert.equal((await admin(['unlock', thread, '--database', database])).stdout, `${thread} is open\n`);
  await settle();
  assert.equal(await isLocked(), false);

  const on = await admin(['read-only', 'on', '--database', database]);
  assert.equal(on.stdout, 'the site is read-only: it takes no new comments, edits or reports\n');
  await settle();
  assert.equal(await isLocked(), true);
  assert.equal(
    (await admin(['read-only', 'off', '--database', database])).stdout,
    'the site takes comments again\n',
  );
  await settle();
  assert.equal(await isLocked(), false);

  assertExplained(await admin(['read-only', 'maybe', '--database', database]), {
    code: 2,
    message: /^natter admin read-only: say on or off$/,
  });
  assertExplained(await admin(['lock', '--database', database]), {
    code: 2,
    message: /^natter admin lock: name one thread$/,
  });
});

test('natter admin --help lists the commands', async () => {
  const help = await admin(['--help']);
  assert.equal(help.code, 0);
  for (const command of [
    'set-password',
    'hash-password',
    'list',
    'approve',
    'spam',
    'delete',
    'lock',
    'unlock',
    'read-only',
  ]) {
    assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  }
});

/** Whether util-linux's `script`, which gives a command a terminal, is here. */
function hasScript() {
  return spawnSync('script', ['--version']).status === 0;
}
