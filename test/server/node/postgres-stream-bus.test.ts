// The live streams' bus over PostgreSQL's LISTEN/NOTIFY (src/server/node/postgres-stream-bus.ts), on a real server:
// notices between two buses of one schema, and what happens when the listening connection is lost.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import pg from 'pg';
import type { PublishedNotice } from '../../../src/server/live/stream-bus.js';
import { createLogger, type Logger } from '../../../src/server/logger.js';
import { postgresStreamBus } from '../../../src/server/node/postgres-stream-bus.js';
import {
  loopbackPostgresUrl,
  postgresBackendFromEnvironment,
  postgresSkipMessage,
  postgresUrlVariable,
} from '../storage/backends.js';

const backend = postgresBackendFromEnvironment();

/** Resolves with what `subscribe`'s listener is first called with; rejects after `ms`. */
function firstCall<T>(subscribe: (listener: (value: T) => void) => () => void, ms: number, what: string) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${what} within ${ms} ms`));
    }, ms);
    const stop = subscribe((value) => {
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

/**
 * Two buses on a fresh schema: `cuttable`, whose connection says who it is (its own `application_name`), and
 * `other`. `cut()` ends the cuttable bus's connection from outside, and no other test's, and resolves with what
 * `pg_terminate_backend` answered for each connection it ended.
 */
async function twoBuses(t: TestContext, logger: Logger) {
  const database = await backend!.makeDatabase();
  t.after(() => database.cleanup());
  const applicationName = `natter_test_bus_${process.pid}_${randomBytes(6).toString('hex')}`;
  const location = new URL(database.location);
  location.searchParams.set('application_name', applicationName);
  const cuttable = await postgresStreamBus(location.href, logger);
  t.after(() => cuttable.close());
  const other = await postgresStreamBus(database.location, logger);
  t.after(() => other.close());
  const admin = new pg.Client({ connectionString: loopbackPostgresUrl(process.env[postgresUrlVariable]!) });
  await admin.connect();
  t.after(() => admin.end());
  const cut = async () => {
    const { rows } = await admin.query<{ killed: boolean }>(
      'select pg_terminate_backend(pid) as killed from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    return rows;
  };
  return { cuttable, other, cut };
}

describe('PostgreSQL stream bus', { skip: backend ? false : postgresSkipMessage }, () => {
  it('says it may have missed notices once it listens again after losing its connection, and hears again', async (t) => {
    const lines: string[] = [];
    const { cuttable, other, cut } = await twoBuses(
      t,
      createLogger('debug', (line) => lines.push(line)),
    );

    let gaps = 0;
    cuttable.listenForGaps?.(() => (gaps += 1));
    const heard = (ms: number) =>
      firstCall<PublishedNotice>((listener) => cuttable.listen(listener), ms, 'notice on the first bus');

    // Both are connected: a notice through one reaches the other, and the first connection was no gap.
    const before = heard(2_000);
    other.announce({ thread: '/bus', id: 'c_before' });
    assert.deepEqual(await before, { thread: '/bus', id: 'c_before' });
    assert.equal(gaps, 0, 'connecting the first time is no gap');

    const started = performance.now();
    const gap = firstCall<undefined>(
      (listener) => cuttable.listenForGaps!(() => listener(undefined)),
      3_000,
      'gap',
    );
    const rows = await cut();
    assert.deepEqual(
      rows,
      [{ killed: true }],
      'the LISTEN connection of the first bus, and only it, was ended',
    );
    await gap;
    const reconnectedMs = performance.now() - started;
    assert.equal(gaps, 1, 'one gap for one lost connection');
    assert.ok(
      reconnectedMs >= 400,
      `listening again waits for the first retry (${Math.round(reconnectedMs)} ms)`,
    );

    // Listening again: a notice sent after the gap reaches it.
    const after = heard(2_000);
    other.announce({ thread: '/bus', id: 'c_after' });
    assert.deepEqual(await after, { thread: '/bus', id: 'c_after' });
    assert.equal(gaps, 1);
    const messages = lines.map((line) => (JSON.parse(line) as { message: string }).message);
    assert.ok(
      messages.includes('live streams lost their PostgreSQL connection; reconnecting'),
      messages.join('\n'),
    );
  });

  it('tells the other instances of a gap when a notice of its own could not reach them', async (t) => {
    const { cuttable, other, cut } = await twoBuses(
      t,
      createLogger('error', () => {}),
    );

    let otherGaps = 0;
    other.listenForGaps?.(() => (otherGaps += 1));
    // A notice that reaches the other instance is no gap of its.
    const heard = firstCall<PublishedNotice>((listener) => other.listen(listener), 2_000, 'notice');
    cuttable.announce({ thread: '/bus', id: 'c_heard' });
    assert.deepEqual(await heard, { thread: '/bus', id: 'c_heard' });
    assert.equal(otherGaps, 0);

    const gap = firstCall<undefined>(
      (listener) => other.listenForGaps!(() => listener(undefined)),
      3_000,
      'gap',
    );
    const rows = await cut();
    assert.deepEqual(rows, [{ killed: true }]);
    // Announced while its connection is gone: its own streams hear it, the other instance cannot.
    cuttable.announce({ thread: '/bus', id: 'c_lost' });
    await gap;
    assert.equal(otherGaps, 1, 'the other instance hears of one gap');
  });
  it('sends a burst of notices a query at a time, every one heard in order', async (t) => {
    const { cuttable, other } = await twoBuses(
      t,
      createLogger('error', () => {}),
    );
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    t.after(() => process.off('warning', onWarning));
    let gaps = 0;
    other.listenForGaps?.(() => (gaps += 1));
    const ids = Array.from({ length: 500 }, (_, index) => `c_${index}`);
    const heard: string[] = [];
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`heard ${heard.length} of ${ids.length}`)), 5_000);
      other.listen(({ id }) => {
        heard.push(id);
        if (heard.length === ids.length) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    for (const id of ids) cuttable.announce({ thread: '/burst', id });
    await all;
    assert.deepEqual(heard, ids);
    assert.equal(gaps, 0);
    assert.deepEqual(
      warnings.filter((message) => /already executing a query/.test(message)),
      [],
      'never a query while another is in flight on the connection',
    );
  });

  it('tells of a gap instead of holding more than a thousand notices while a query is in flight', async (t) => {
    const { cuttable, other } = await twoBuses(
      t,
      createLogger('error', () => {}),
    );
    const gap = firstCall<undefined>(
      (listener) => other.listenForGaps!(() => listener(undefined)),
      5_000,
      'gap',
    );
    const heard: string[] = [];
    other.listen(({ id }) => heard.push(id));
    // Announced in one turn of the event loop: the first goes out at once, the next thousand wait for it, and the
    // rest are beyond the bound.
    for (let index = 0; index < 3_000; index += 1) cuttable.announce({ thread: '/flood', id: `c_${index}` });
    await gap;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(heard.length, 1_001, 'the notice in flight and the thousand that waited');
    assert.deepEqual(heard.slice(0, 3), ['c_0', 'c_1', 'c_2']);
  });
});
