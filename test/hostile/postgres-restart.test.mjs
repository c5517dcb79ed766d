// PostgreSQL goes away under load and comes back, three ways: stopped for a few seconds, restarted, and crashed
// (recovered at its next start). Readers list and post all the while through one `natter serve`, never restarted.
// While the database is away every answer is 503 with Retry-After and the protocol's JSON error, soon (no request
// hangs), never a 500; once it is back, reads and posts succeed again within seconds, by themselves; and every
// comment acknowledged at any time is stored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../e2e/server-process.mjs';
import { privatePostgresSkip, startPrivatePostgres } from './private-postgres.mjs';
import { compareStored, postSteadily } from './steady-posts.mjs';

/** The readers listing and the readers posting, at once, over the threads they share. */
const listers = 4;
const posters = 4;
const threads = 4;
/** No answer may take longer, whatever the database does. */
const slowestAnswerMs = 5_000;
/** Once PostgreSQL accepts connections again, reads and posts must all succeed again within this. */
const recoveryBoundMs = 5_000;
/** Steady load before each outage, and after it. */
const steadyMs = 1_500;

/**
 * Why an answer other than 2xx is wrong, or `undefined` when it is the documented one: 503 with a Retry-After of
 * whole seconds and the protocol's error body, not to be cached.
 */
function wrongFailure(status, headers, body) {
  if (status !== 503) return `status ${status}: ${body}`;
  if (!/^[1-9]\d*$/.test(headers.get('retry-after') ?? ''))
    return `503 with Retry-After ${headers.get('retry-after')}`;
  if (headers.get('content-type') !== 'application/json; charset=utf-8')
    return `503 as ${headers.get('content-type')}`;
  if (headers.get('cache-control') !== 'no-store')
    return `503 with Cache-Control ${headers.get('cache-control')}`;
  try {
    const { error } = JSON.parse(body);
    if (error.code === 'unavailable' && typeof error.message === 'string') return undefined;
  } catch {
    // Reported below.
  }
  return `503 with the body ${body}`;
}

/** Readers listing threads without pause; `answers` as postSteadily's, `wrong` every answer not as documented. */
function listSteadily(url) {
  const answers = [];
  const wrong = [];
  let isStopping = false;
  async function lister(index) {
    for (let round = 0; !isStopping; round++) {
      const thread = `/steady/thread-${(index + round) % threads}`;
      const answer = { at: performance.now(), ms: undefined, status: undefined };
      answers.push(answer);
      try {
        const response = await fetch(new URL(`api/v1/comments?thread=${encodeURIComponent(thread)}`, url), {
          signal: AbortSignal.timeout(slowestAnswerMs * 2),
        });
        const body = await response.text();
        answer.status = response.status;
        const problem = response.ok ? undefined : wrongFailure(response.status, response.headers, body);
        if (problem) wrong.push(`GET ${thread}: ${problem}`);
      } catch (error) {
        answer.status = 0;
        wrong.push(`GET ${thread}: ${error.name} ${error.cause?.code ?? error.message}`);
      } finally {
        answer.ms = performance.now() - answer.at;
      }
      // Paced a little, so that the listing goes to the database and not only to the server's cache of it.
      await sleep(10);
    }
  }
  const done = Promise.all(Array.from({ length: listers }, (_, index) => lister(index)));
  return {
    answers,
    wrong,
    stop() {
      isStopping = true;
      return done;
    },
  };
}

/**
 * How long after `backAt` the answers in `answers` were all successful for good: the time from `backAt` to the
 * arrival of the last failed answer that left after it, or 0 if none did.
 */
function recoveryMs(answers, backAt) {
  const lastFailure = answers
    .filter(
      (answer) =>
        answer.at >= backAt && answer.status !== undefined && !(answer.status >= 200 && answer.status < 300),
    )
    .at(-1);
  return lastFailure ? lastFailure.at + lastFailure.ms - backAt : 0;
}

/** The 503s among `answers` that left between `from` and `to`. */
function refusalsBetween(answers, from, to) {
  return answers.filter((answer) => answer.at >= from && answer.at < to && answer.status === 503).length;
}

let postgres;
let server;
let posts;
let lists;
const wrongPosts = [];

before(async () => {
  if (privatePostgresSkip) return;
  postgres = await startPrivatePostgres();
  server = await startServer({ database: postgres.url });
  posts = postSteadily(server.url, {
    readers: posters,
    threads,
    onRefusal(status, headers, body) {
      const problem = wrongFailure(status, headers, body);
      if (problem) wrongPosts.push(`POST: ${problem}`);
    },
  });
  lists = listSteadily(server.url);
});

after(async () => {
  await Promise.all([posts?.abandon(), lists?.stop()]);
  await server?.kill();
  await postgres?.remove();
});

const outages = [
  { name: 'stopped (fast) for 3 s, then started', go: () => postgres.stop('fast'), downMs: 3_000 },
  { name: 'restarted (fast)', go: () => postgres.restart('fast'), downMs: 0 },
  {
    name: 'crashed (immediate stop) for 2 s, then started',
    go: () => postgres.stop('immediate'),
    downMs: 2_000,
  },
];

for (const outage of outages) {
  test(
    `PostgreSQL ${outage.name}: 503 meanwhile, recovered without restarting natter`,
    { skip: privatePostgresSkip, timeout: 60_000 },
    async (t) => {
      await sleep(steadyMs);
      const wentAt = performance.now();
      await outage.go();
      if (outage.downMs > 0) {
        await sleep(outage.downMs);
        await postgres.start();
      }
      const backAt = performance.now();
      await sleep(recoveryBoundMs + steadyMs);

      assert.deepEqual([...wrongPosts, ...lists.wrong], [], 'every failure is the documented 503');
      assert.equal(server.child.exitCode, null, 'natter kept running');
      const posted = recoveryMs(posts.answers, backAt);
      const listed = recoveryMs(lists.answers, backAt);
      const refusedPosts = refusalsBetween(posts.answers, wentAt, backAt);
      t.diagnostic(
        `${outage.name}: ${refusedPosts} posts and ${refusalsBetween(lists.answers, wentAt, backAt)} lists answered ` +
          `503 in ${Math.round(backAt - wentAt)} ms; posts all succeed again ${Math.round(posted)} ms after ` +
          `PostgreSQL is back, lists ${Math.round(listed)} ms`,
      );
      assert.ok(refusedPosts > 0, 'posts should have met the outage');
      assert.ok(posted < recoveryBoundMs, `posts recovered in ${Math.round(posted)} ms`);
      assert.ok(listed < recoveryBoundMs, `lists recovered in ${Math.round(listed)} ms`);
    },
  );
}

test(
  'no answer took long, and every acknowledged comment is stored',
  { skip: privatePostgresSkip, timeout: 60_000 },
  async (t) => {
    await Promise.all([posts.stop(), lists.stop()]);
    const slowest = Math.max(...[...posts.answers, ...lists.answers].map((answer) => answer.ms ?? 0));
    const { problems, stored, retried } = await compareStored(server.url, posts);
    t.diagnostic(
      `${posts.answers.length} posts (${posts.acknowledged.size} acknowledged, ${stored} stored, ${retried} sent ` +
        `again after a 503, each stored once) and ${lists.answers.length} lists; slowest answer ${Math.round(slowest)} ms; ` +
        `the live streams' connection came back ${server.logs.filter((entry) => entry.message === 'live streams listen to PostgreSQL again; notices sent meanwhile may have been missed').length} times`,
    );
    assert.ok(slowest < slowestAnswerMs, `an answer took ${Math.round(slowest)} ms`);
    assert.deepEqual(problems, []);
    assert.deepEqual(await server.stop('SIGTERM'), { code: 0, signal: null });
  },
);
