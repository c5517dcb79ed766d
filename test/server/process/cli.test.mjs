// The `natter` command as an operator meets it when something is off: one clear line, then a hint; never the
// whole help, never a stack trace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { createTempFolder, runNatter } from '../../e2e/server-process.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());
const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

/** Asserts that the command failed with `code`, saying `message` in one line and then `hint`, and nothing else. */
function assertExplained({ code, stdout, stderr }, expected) {
  assert.equal(code, expected.code, stderr);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, `a message and a hint:\n${stderr}`);
  assert.match(lines[0], expected.message);
  assert.match(lines[1], expected.hint);
}

test('natter --version prints the version, and natter alone prints how to use it', async () => {
  assert.equal((await runNatter(['--version'])).stdout, `natter ${version}\n`);
  const usage = await runNatter([]);
  assert.equal(usage.code, 0);
  assert.match(usage.stdout, /^Usage: natter <command>/);
  assert.match(usage.stdout, /\bserve\b[\s\S]*\block\b[\s\S]*\bunlock\b[\s\S]*--version/);
});

test('an unknown command says so and lists the real ones', async () => {
  assertExplained(await runNatter(['srve', '--port', '80']), {
    code: 2,
    message:
      /^natter: unknown command "srve"; the commands are serve, admin, lock, unlock, webmention, import, export, backup, render$/,
    hint: /natter --help/,
  });
});

test('a wrong setting gets one line in the operator’s words and the way to --help', async () => {
  const database = temporary.file('never.sqlite');
  for (const [args, message] of [
    [['--port', 'abc'], /^natter serve: --port must be a port number from 0 to 65535, not "abc"$/],
    [
      ['--edit-window', '-5'],
      /^natter serve: --edit-window must be a number of minutes from 0 .*, not "-5"$/,
    ],
    [['--prot', '80'], /^natter serve: unknown option --prot \(did you mean --port\?\)$/],
    [
      ['--origin', 'blog.example.com'],
      /^natter serve: --origin must be an origin such as https:\/\/blog\.example\.com/,
    ],
  ]) {
    assertExplained(await runNatter(['serve', '--database', database, ...args]), {
      code: 2,
      message,
      hint: /^run natter serve --help to see every setting$/,
    });
  }
  const fromEnvironment = await runNatter(['serve', '--database', database], {
    env: { NATTER_PORT: 'eighty' },
  });
  assertExplained(fromEnvironment, {
    code: 2,
    message: /^natter serve: NATTER_PORT must be a port number from 0 to 65535, not "eighty"$/,
    hint: /--help/,
  });
});

test('a port in use, or a database folder that cannot be made, is named with what to do', async () => {
  const busy = createServer();
  await new Promise((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = busy.address();
    assertExplained(
      await runNatter(['serve', '--port', String(port), '--database', temporary.file('a.sqlite')]),
      {
        code: 1,
        message: new RegExp(
          `^natter serve: port ${port} is in use on 127\\.0\\.0\\.1; choose another --port$`,
        ),
        hint: /^nothing was started$/,
      },
    );
  } finally {
    busy.close();
  }
  // /proc takes no new folders, whoever asks (CI runs as root, for whom permissions mean nothing).
  assertExplained(
    await runNatter(['serve', '--port', '0', '--database', '/proc/natter-test/natter.sqlite']),
    {
      code: 1,
      message:
        /^natter serve: Cannot create the database folder \/proc\/natter-test: .*choose another --database$/,
      hint: /^nothing was started$/,
    },
  );
});
