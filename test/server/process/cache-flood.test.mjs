// A stranger who sends thousands of cacheable requests, no two alike, while readers post to a thread those requests
// name, must not be able to grow the server's memory without bound. The response cache once kept, for every other
// thread of a counts request, the keys of answers dropped when one of its threads was written to (and each such
// thread key held on to its whole request URL): a few thousand requests like
// `counts?thread=a&thread=<new>&pad=<junk>` with posts to `a` among them ran a server with a small heap out of
// memory. Here the real `natter serve` gets such a flood with a 64 MB heap and must come out of it alive, right and
// within a stated memory bound.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { createTempFolder, exited, startServer, withTimeout } from '../../e2e/server-process.mjs';
import { listThread, postComment } from './protocol-calls.mjs';

/** The server's old-space limit: the leak exhausted such a heap within about 2,000 of these requests. */
const heapLimitMb = 64;
/**
 * How much the server's resident memory may grow over the flood: the cache's 32 MiB budget (which charges more than
 * entries really cost) and as much again for the garbage collector to run behind. It grew by about 20 MB.
 */
const rssGrowthBoundMb = 64;
const rounds = 40;
const requestsPerRound = 75;
const concurrency = 16;

const temporary = await createTempFolder();
after(() => temporary.remove());

/** Random characters a thread key may hold (letters, digits, `-` and `_`), made once: each request numbers its own. */
const filler = randomBytes(12_000).toString('base64url');

/** A thread key of exactly `length` characters that no other request names. */
const freshThread = (index, suffix, length) => `/${index}/${suffix}/`.padEnd(length, filler);

/** The server's resident set size in MB, as Linux reports it. */
function residentMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)[1]) / 1024;
}

/** The line of `stderr` that says why the process died (V8's "FATAL ERROR: …" for a full heap), or its end. */
const fatalError = (stderr) => /^FATAL ERROR.*$/m.exec(stderr)?.[0] ?? stderr.slice(-1_000);

/**
 * The `index`-th request of the flood: a counts or listing request no earlier one made, in one of the shapes an
 * attacker would use. Each is near the longest request line Node takes (16 KB with the headers).
 */
function floodPath(shared, index) {
  const query = new URLSearchParams();
  switch (index % 5) {
    case 0:
      // The shape of the report: the shared thread, a new one, and junk the key ignores.
      query.append('thread', shared);
      query.append('thread', `leak-${index}`);
      query.append('pad', filler.slice(index % 100, 15_000));
      return `/api/v1/counts?${query}`;
    case 1:
      // A listing of a new thread near the 500-character limit, with junk the key ignores.
      query.set('thread', freshThread(index, 0, 500));
      query.set('limit', String(1 + (index % 100)));
      query.set('sort', index % 2 ? 'newest' : 'oldest');
      query.set(`junk${index}`, filler.slice(0, 14_000));
      return `/api/v1/comments?${query}`;
    default:
      // The longest keys: the shared thread and as many new ones near the limit as the request line holds.
      query.append('thread', shared);
      for (let thread = 0; thread < 30; thread++) query.append('thread', freshThread(index, thread, 499));
      return `/api/v1/counts?${query}`;
  }
}

test(
  'a flood of distinct counts and listing requests with posts among them leaves the server alive and small',
  { timeout: 300_000 },
  async (t) => {
    const server = await startServer({
      database: temporary.file(),
      env: { NODE_OPTIONS: `--max-old-space-size=${heapLimitMb}` },
      t,
    });
    const shared = '/flood/shared';
    const pid = server.child.pid;

    /** GETs `path` and checks the answer; says the server died if it did, with what it wrote last. */
    async function get(path) {
      let response;
      try {
        response = await fetch(new URL(path, server.url), { signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        // A connection reset comes a moment before the exit.
        const exit = await withTimeout(exited(server.child), 2_000, 'an exit').catch(() => undefined);
        assert.fail(
          exit
            ? `the server died (${exit.signal ?? exit.code}) under the flood: ${fatalError(server.stderr)}`
            : `GET failed: ${error.cause?.code ?? error.message}`,
        );
      }
      assert.equal(response.status, 200, `${path.slice(0, 80)}…: ${await response.clone().text()}`);
      return response.json();
    }

    // Warm up the paths measured, so the baseline is a running server rather than a fresh one.
    for (let index = 0; index < 200; index++) await get(floodPath(shared, index));
    const baselineMb = residentMb(pid);
    let peakMb = baselineMb;
    let posted = 0;
    const started = performance.now();

    for (let round = 0; round < rounds; round++) {
      let next = round * requestsPerRound;
      const end = next + requestsPerRound;
      const worker = async () => {
        while (next < end) await get(floodPath(shared, 1_000 + next++));
      };
      await withTimeout(
        Promise.all([
          ...Array.from({ length: concurrency }, worker),
          postComment(server.url, { thread: shared, text: `post ${round}` }).then(async (response) => {
            assert.equal(response.status, 201, await response.text());
            posted++;
          }),
        ]),
        60_000,
        `round ${round + 1} of the flood`,
      );
      peakMb = Math.max(peakMb, residentMb(pid));
    }
    const floodMs = performance.now() - started;
    t.diagnostic(
      `${rounds * requestsPerRound} requests and ${posted} posts in ${Math.round(floodMs)} ms; ` +
        `RSS ${baselineMb.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB`,
    );

    assert.equal(server.child.exitCode, null, 'the server is still running');
    assert.deepEqual(await get(`/api/v1/counts?thread=${encodeURIComponent(shared)}`), {
      counts: { [shared]: posted },
    });
    const { count, comments } = await listThread(server.url, shared);
    assert.equal(count, posted);
    assert.deepEqual(
      comments.map((comment) => comment.text),
      Array.from({ length: posted }, (_, round) => `post ${round}`),
    );
    assert.ok(
      peakMb - baselineMb < rssGrowthBoundMb,
      `RSS grew by ${(peakMb - baselineMb).toFixed(0)} MB (bound: ${rssGrowthBoundMb} MB)`,
    );
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  },
);
