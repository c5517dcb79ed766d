// A server restarted behind a proxy gets requests the moment it listens: on PostgreSQL, every one of them must be
// answered by the app, in the protocol's shape, never by a bare 503 while the server is still connecting.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startServer } from '../../e2e/server-process.mjs';
import { freshSchema, postgresSkip } from './postgres-schema.mjs';

test(
  'on PostgreSQL, the first requests to a starting server get the app’s answers',
  { skip: postgresSkip, timeout: 60_000 },
  async (t) => {
    const database = await freshSchema();
    after(() => database.drop());
    // Migrated once, so that the start measured here is a restart's.
    await (await startServer({ database: database.url, t })).stop();

    const port = await freePort();
    const listing = `http://127.0.0.1:${port}/api/v1/comments?thread=%2Ffirst-answers`;
    const answers = [];
    let isListening = false;
    const polling = (async () => {
      // Until a few answers after the "listening" line: the window, if any, is before it.
      while (!isListening || answers.length < 5) {
        try {
          const response = await fetch(listing, { signal: AbortSignal.timeout(5_000) });
          answers.push(`${response.status} ${response.headers.get('content-type')}`);
        } catch (error) {
          if (error.cause?.code !== 'ECONNREFUSED') throw error;
          await sleep(1);
        }
      }
    })();
    const server = await startServer({ database: database.url, port, t });
    isListening = true;
    await polling;
    assert.deepEqual(new Set(answers), new Set(['200 application/json; charset=utf-8']));
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  },
);
