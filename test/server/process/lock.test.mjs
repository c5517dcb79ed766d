// `natter lock` and `natter unlock`, as an operator runs them against the database a server uses.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTempFolder, runNatter, startServer } from '../../e2e/server-process.mjs';

/** Whether the server at `url` says `thread` is locked. */
async function isLocked(url, thread) {
  const response = await fetch(new URL(`/api/v1/comments?thread=${encodeURIComponent(thread)}`, url));
  assert.equal(response.status, 200);
  return (await response.json()).thread.locked;
}

const temporary = await createTempFolder();
after(() => temporary.remove());

test('locks and unlocks a thread in the database a running server reads', async (t) => {
  const database = temporary.file('locking.sqlite');
  const server = await startServer({ database, t });
  const thread = '/2026/11/health-care-and-social-media';
  assert.equal(await isLocked(server.url, thread), false);

  const locked = await runNatter(['lock', thread, '--database', database]);
  assert.deepEqual([locked.code, locked.stdout], [0, `${thread} is locked\n`], locked.stderr);
  // The server's cached page may be up to 2 seconds old.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  assert.equal(await isLocked(server.url, thread), true);

  const unlocked = await runNatter(['unlock', thread], { env: { NATTER_DATABASE: database } });
  assert.deepEqual([unlocked.code, unlocked.stdout], [0, `${thread} is open\n`], unlocked.stderr);
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  assert.equal(await isLocked(server.url, thread), false);
});

test('refuses a missing or invalid thread key, and says how to name one', async () => {
  for (const args of [['lock'], ['unlock', '--database', 'x.sqlite'], ['lock', 'bad\u0007key']]) {
    const { code, stderr } = await runNatter([...args, '--database', temporary.file('unused.sqlite')]);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /natter (un)?lock: /);
  }
});
