// `kill -9` in the middle of sustained writes, again and again, on SQLite and on PostgreSQL: readers post without
// pause while the server is killed at moments no one chose and restarted on the same address. Every comment the
// server acknowledged (201) must be stored, exactly once, unchanged; and a comment sent again after its answer was
// lost, with its idempotency key, must be stored once too, whether or not the killed server had stored it. The
// moments come from a seed, printed, which NATTER_KILL_SEED sets to run the same kills again.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { createTempFolder, exited, startServer, withTimeout } from '../e2e/server-process.mjs';
import { freshSchema, postgresSkip } from '../server/process/postgres-schema.mjs';
import { compareStored, postSteadily } from './steady-posts.mjs';

/** Kills per backend. */
const kills = 10;
/** The readers posting at once, and the threads they share. */
const readers = 8;
const threads = 4;
/** Writes last between this and twice this long before each kill. */
const shortestRunMs = 400;

const seed = Number(process.env.NATTER_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded generator (mulberry32): the same seed kills at the same moments. */
function randomFrom(start) {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

const temporary = await createTempFolder();
after(() => temporary.remove());

/** The median of `values`. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs the readers against a server on `database`, kills it `kills` times and restarts it each time; then lists
 * what is stored through one more start, and resolves with the comparison and the figures.
 */
async function killRepeatedly(t, database) {
  const random = randomFrom(seed);
  let server = await startServer({ database, t });
  const { port } = server;
  const writers = postSteadily(server.url, { readers, threads });
  const inFlightAtKill = [];
  const backMs = [];
  try {
    for (let kill = 0; kill < kills; kill++) {
      await sleep(shortestRunMs * (1 + random()));
      inFlightAtKill.push(writers.inFlight());
      const killed = performance.now();
      server.child.kill('SIGKILL');
      assert.deepEqual(await withTimeout(exited(server.child), 10_000, 'the killed server to exit'), {
        code: null,
        signal: 'SIGKILL',
      });
      const acknowledgement = writers.nextAcknowledgement();
      server = await startServer({ database, port, t });
      await withTimeout(acknowledgement, 10_000, `an acknowledgement after restart ${kill + 1}`);
      backMs.push(performance.now() - killed);
    }
  } finally {
    await withTimeout(writers.stop(), 30_000, 'the readers to finish');
  }
  const comparison = await compareStored(server.url, writers);
  assert.deepEqual(await server.stop('SIGTERM'), { code: 0, signal: null });
  return { writers, comparison, inFlightAtKill, backMs };
}

/** Asserts the comparison holds no problem and reports the figures. */
function report(t, name, { writers, comparison, inFlightAtKill, backMs }) {
  t.diagnostic(
    `${name}, seed ${seed}: ${kills} kills, ${Math.min(...inFlightAtKill)}–${Math.max(...inFlightAtKill)} posts ` +
      `in flight at each; ${writers.acknowledged.size} acknowledged, ${comparison.stored} stored; ` +
      `${writers.refused} sends refused while down; ${writers.cutOff} cut off by a kill; ${comparison.retried} ` +
      `comments sent more than once, each stored once (idempotency keys); first acknowledgement ` +
      `${Math.round(median(backMs))} ms after a kill (median; slowest ${Math.round(Math.max(...backMs))} ms)`,
  );
  assert.deepEqual(comparison.problems, [], `seed ${seed}`);
  assert.ok(
    inFlightAtKill.every((count) => count > 0),
    'every kill should come with posts in flight',
  );
}

test(
  'SQLite: every acknowledged comment is stored exactly once across ten kill -9',
  { timeout: 120_000 },
  async (t) => {
    const database = temporary.file();
    const result = await killRepeatedly(t, database);
    report(t, 'SQLite', result);
    const file = new BetterSqlite3(database, { readonly: true });
    try {
      assert.equal(file.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      file.close();
    }
  },
);

test(
  'PostgreSQL: every acknowledged comment is stored exactly once across ten kill -9',
  { skip: postgresSkip, timeout: 120_000 },
  async (t) => {
    const database = await freshSchema();
    after(() => database.drop());
    report(t, 'PostgreSQL', await killRepeatedly(t, database.url));
  },
);
