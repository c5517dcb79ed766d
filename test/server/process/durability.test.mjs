// A comment the server acknowledged (201) is on disk: `kill -9` right after the acknowledgement, restart on
// the same SQLite file, and it is listed. Three cycles on one database file, each killing at a different moment:
// with nothing in flight, with a few posts in flight, and with many in flight. Posts still in flight at the kill
// may or may not be stored, but never half: the thread's count always matches its listed comments.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createTempFolder, exited, startServer, withTimeout } from '../../e2e/server-process.mjs';
import { listThread, postComment } from './protocol-calls.mjs';

/** Acknowledged comments per cycle. */
const acknowledgedCount = 50;

const temporary = await createTempFolder();
const database = temporary.file();
after(() => temporary.remove());

/** Every cycle so far: its thread, the texts acknowledged and the texts attempted. */
const cycles = [];

/**
 * Posts to a fresh thread with `concurrency` posts at a time (at most `attempts` in all) and sends SIGKILL the
 * moment the `acknowledgedCount`-th 201 arrives. Resolves once every post has settled and the process is gone.
 */
async function postUntilKilled(server, { thread, concurrency, attempts }) {
  const acknowledged = new Set();
  const attempted = new Set();
  const unexpected = [];
  let isKilled = false;
  let next = 0;

  async function worker() {
    while (!isKilled && next < attempts) {
      const text = `${thread} comment ${next++}`;
      attempted.add(text);
      try {
        const response = await postComment(server.url, { thread, text });
        await response.body?.cancel();
        // A 201 that arrives after the kill (it was already on its way) is an acknowledgement all the same.
        if (response.status === 201) acknowledged.add(text);
        else unexpected.push(`${text}: status ${response.status}`);
      } catch (error) {
        if (!isKilled) unexpected.push(`${text}: ${error.cause?.code ?? error.message}`);
      }
      if (!isKilled && acknowledged.size >= acknowledgedCount) {
        isKilled = true;
        server.child.kill('SIGKILL');
      }
    }
  }

  await withTimeout(
    Promise.all(Array.from({ length: concurrency }, worker)),
    30_000,
    `${acknowledgedCount} acknowledged posts`,
  );
  assert.deepEqual(unexpected, []);
  assert.ok(isKilled, `only ${acknowledged.size} of ${attempts} posts were acknowledged`);
  assert.deepEqual(await withTimeout(exited(server.child), 10_000, 'the killed server to exit'), {
    code: null,
    signal: 'SIGKILL',
  });
  return { acknowledged, attempted };
}

/** Restarts on the database and checks every cycle so far: acknowledged comments present, counts consistent. */
async function assertEveryAcknowledgedCommentListed(t) {
  const server = await startServer({ database, t });
  for (const { thread, acknowledged, attempted } of cycles) {
    const { count, comments } = await listThread(server.url, thread);
    const listed = comments.map((comment) => comment.text);
    const missing = [...acknowledged].filter((text) => !listed.includes(text));
    assert.deepEqual(missing, [], `acknowledged comments of ${thread} lost`);
    assert.equal(new Set(listed).size, listed.length, `a comment of ${thread} is listed twice`);
    assert.deepEqual(
      listed.filter((text) => !attempted.has(text)),
      [],
      `${thread} lists comments never posted`,
    );
    assert.equal(count, listed.length, `the count of ${thread} disagrees with its comments`);
    t.diagnostic(
      `${thread}: ${acknowledged.size} acknowledged, ${listed.length} stored, ${attempted.size} attempted`,
    );
  }
  assert.deepEqual(await server.stop('SIGTERM'), { code: 0, signal: null });
}

const timings = [
  { name: 'one post at a time, killed right after the last acknowledgement', concurrency: 1, attempts: 50 },
  { name: 'ten at a time, killed with up to nine more posts in flight', concurrency: 10, attempts: 70 },
  { name: 'eighty at once, killed with up to thirty more posts in flight', concurrency: 80, attempts: 80 },
];

for (const [index, timing] of timings.entries()) {
  test(`every acknowledged comment survives kill -9: ${timing.name}`, { timeout: 60_000 }, async (t) => {
    const thread = `/durability/cycle-${index + 1}`;
    const server = await startServer({ database, t });
    const started = performance.now();
    const result = await postUntilKilled(server, { thread, ...timing });
    t.diagnostic(`posted and killed in ${Math.round(performance.now() - started)} ms`);
    cycles.push({ thread, ...result });
    await assertEveryAcknowledgedCommentListed(t);
  });
}

test('the database file is intact after the kills', () => {
  const file = new BetterSqlite3(database, { readonly: true });
  try {
    assert.equal(file.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    file.close();
  }
});
