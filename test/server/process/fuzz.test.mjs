// Fuzzing a real `natter serve` (SQLite, the demo, Webmention on, an admin password set) with seeded fast-check
// requests to every endpoint, signed in and not: wrong methods, broken and deeply nested JSON, bodies over the
// limit, bytes that are not UTF-8, CR and LF in header values, path traversal, unicode tricks, repeated and huge
// query parameters, wrong content types. Every answer is below 500, a refusal on a JSON route has the protocol's
// error shape, the process stays up with its memory bounded, and the refused requests change nothing that
// `natter export` sees.
//
// `npm test` sends NATTER_FUZZ_RUNS requests (2,000 by default, with seed 19); `npm run test:hostile -- fuzz`
// sends 50,000 with a fresh seed, printed. A failure prints its seed and shrinks to the simplest failing request:
// NATTER_FUZZ_SEED=<seed> replays it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { runAdmin } from '../../e2e/natter-admin.mjs';
import { createTempFolder, exited, natterBin, startServer, withTimeout } from '../../e2e/server-process.mjs';
import { oddRequest, refusedRequest } from './fuzz/requests.mjs';
import { fuzz, residentKb, statusLine } from './fuzz/run-fuzz.mjs';

const runs = Number(process.env.NATTER_FUZZ_RUNS ?? 2_000);
const seed = Number(process.env.NATTER_FUZZ_SEED ?? 19);
/** The demo's thread: its comments are the existing ones that refused requests aim at. */
const demoThread = '/2026/11/health-care-and-social-media';
const password = 'a passphrase for the fuzzing';
/**
 * More memory than this at the end than after the first quarter of the run is a leak (a cache or a queue without a
 * bound): the caches and the heap near their working size by then (the rest adds about 35 MB at 2,000 requests
 * and levels off near 150 MB in all at 50,000, measured).
 */
const maxGrowthKb = 64 * 1024;
/**
 * The server's JavaScript heap, in MB. Without a limit V8 lets garbage pile up far past what is live before it
 * collects (at 50,000 requests the heap held about 40 MB live while the RSS grew 70 to 90 MB after the first
 * quarter, and twice that at 100,000): RSS would measure its laziness, not a leak. Within this limit a leak ends the
 * server (out of memory), which the test sees; measured at 50,000: 80 → 143 → 156 → 145 MB with 64 MB.
 */
const heapLimitMb = 96;

const megabytes = (kb) => `${(kb / 1024).toFixed(1)} MB`;

const temporary = await createTempFolder();
after(() => temporary.remove());

/** `natter export` of `database`, without the line that says when it was made. */
async function exported(database) {
  const child = spawn(process.execPath, [natterBin, 'export', '--database', database], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  const { code } = await withTimeout(exited(child), 30_000, 'natter export');
  await child.stdout.closed;
  assert.equal(code, 0, 'natter export failed');
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('{"type":"header"'))
    .join('\n');
}

/** Signs in as the moderator; resolves with the session's cookie and CSRF token. */
async function signIn(url) {
  const answer = await fetch(new URL('admin/api/login', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  assert.equal(answer.status, 200, await answer.clone().text());
  const cookie = answer.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: (await answer.json()).csrfToken };
}

test(`${runs} hostile requests to every endpoint: no 5xx, the error shape, the data as it was, the memory bounded`, async (t) => {
  const database = temporary.file();
  const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
  assert.equal(set.code, 0, set.stderr);
  const environmentSecret = randomBytes(12).toString('hex');
  const server = await startServer({
    database,
    t,
    env: { FUZZ_ENVIRONMENT_SECRET: environmentSecret, NODE_OPTIONS: `--max-old-space-size=${heapLimitMb}` },
  });
  const origin = server.url.replace(/\/$/, '');
  t.diagnostic(`seed ${seed}, ${runs} requests (NATTER_FUZZ_SEED and NATTER_FUZZ_RUNS to change them)`);

  // What a first visit creates (the signing key of form tokens, a session) is made before the data is compared.
  const session = await signIn(server.url);
  const listing = await (
    await fetch(`${origin}/api/v1/comments?thread=${encodeURIComponent(demoThread)}`)
  ).json();
  const commentIds = listing.comments.map((comment) => comment.id);
  assert.ok(commentIds.length > 0, 'the demo thread has comments');
  assert.equal((await fetch(`${origin}/api/v1/form-token?thread=%2Fa`)).status, 200);
  const context = {
    port: server.port,
    origin,
    session,
    commentIds,
    limits: { maxBodyBytes: 32_768, largestBody: runs > 10_000 ? 4 * 1024 * 1024 : 256 * 1024 },
  };
  const before = await exported(database);
  const rssBefore = await residentKb(server.child.pid);

  // A first quarter fills the caches and the heap to their working size; growth after it is what a leak would show.
  const refusedRuns = Math.round(runs * 0.8);
  const started = performance.now();
  const options = {
    port: server.port,
    maxBodyBytes: context.limits.maxBodyBytes,
    secrets: [environmentSecret],
  };
  const arbitrary = refusedRequest(context);
  const warming = await fuzz({ ...options, arbitrary, runs: Math.round(refusedRuns / 4), seed });
  const rssWarm = await residentKb(server.child.pid);
  const refused = await fuzz({
    ...options,
    arbitrary,
    runs: refusedRuns - Math.round(refusedRuns / 4),
    seed: seed + 10,
  });
  for (const [status, count] of warming.statuses)
    refused.statuses.set(status, (refused.statuses.get(status) ?? 0) + count);
  refused.accepted.push(...warming.accepted);
  const refusedMs = performance.now() - started;
  const rssAfterRefused = await residentKb(server.child.pid);
  assert.equal(
    await exported(database),
    before,
    `refused requests changed the stored data; the writes taken were:\n${refused.accepted.join('\n')}`,
  );

  // Writes that may be taken: each comment posted reads back as the server answered it.
  const odd = await fuzz({
    ...options,
    arbitrary: oddRequest(context),
    runs: Math.round(runs * 0.2),
    seed: seed + 100,
    check: async (request, answer) => {
      if (request.target !== '/api/v1/comments' || answer.status !== 201) return;
      const posted = JSON.parse(answer.body.toString('utf8'));
      const read = await fetch(`${origin}/api/v1/comments/${posted.comment.id}`, {
        headers: { Authorization: `Bearer ${posted.secret}` },
      });
      assert.equal(read.status, 200);
      assert.deepEqual((await read.json()).comment, posted.comment);
    },
  });
  const rssAfter = await residentKb(server.child.pid);

  assert.equal(server.child.exitCode, null, 'the server is still running');
  assert.equal((await fetch(`${origin}/healthz`)).status, 200);
  const errors = server.logs.filter((entry) => entry.level === 'error');
  assert.deepEqual(errors, [], 'nothing logged as an error');
  const figures = [
    `refused: ${statusLine(refused.statuses)} in ${(refusedMs / 1000).toFixed(1)} s`,
    `odd writes: ${statusLine(odd.statuses)}`,
    `RSS ${megabytes(rssBefore)} before, ${megabytes(rssWarm)} after the first quarter, ${megabytes(rssAfterRefused)} after the refused, ${megabytes(rssAfter)} at the end`,
  ];
  for (const line of figures) t.diagnostic(line);
  if (process.env.NATTER_FUZZ_PRINT) console.log(figures.join('\n'));
  assert.ok(rssAfter - rssWarm < maxGrowthKb, figures[2]);
});
