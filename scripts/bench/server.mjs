#!/usr/bin/env node
// `npm run bench`: requests per second of natter's hot paths (a page of a thread, uncompressed and as a browser asks
// for it, the counts call) next to a bare node:http server answering a fixed JSON body, measured one after the other
// with autocannon on loopback.
// Options: --seconds N (default 10), --connections N (default 50), --database postgres://… (default: SQLite).
import { createServer as createHttpServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createServer } from '../../dist/lib/server/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string' },
  },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);

function run(url, headers = {}) {
  return autocannon({ url, duration, connections, pipelining: 1, headers });
}

/** What browsers send: the page is then answered in brotli, picked from what was compressed when it was cached. */
const browserEncodings = { 'accept-encoding': 'gzip, deflate, br, zstd' };

async function bare() {
  const body = JSON.stringify({
    thread: { key: '/bench', count: 0, locked: false },
    comments: [],
    next: null,
  });
  const server = createHttpServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const result = await run(`http://127.0.0.1:${port}/`);
  await new Promise((resolve) => server.close(resolve));
  return result;
}

const directory = await mkdtemp(join(tmpdir(), 'natter-bench-'));
const natter = await createServer({
  port: 0,
  database: values.database ?? join(directory, 'bench.sqlite'),
  // What is measured is serving: every comment is published, none counted or checked on its way in.
  rateLimit: false,
  threadRateLimit: false,
  formToken: { isRequired: false },
  moderation: 'open',
});
try {
  // One thread of 50 comments (a full first page) and 1,000 other threads.
  const post = (thread, index) =>
    fetch(new URL('api/v1/comments', natter.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        thread,
        name: `Reader ${index}`,
        text: `Comment ${index} on ${thread}, see example.com`,
      }),
    });
  for (let index = 0; index < 50; index += 1) await post('/bench', index);
  for (let index = 0; index < 1000; index += 1) await post(`/other/${index}`, index);

  const counts = Array.from({ length: 10 }, (_, index) => `thread=%2Fother%2F${index}`).join('&');
  const rows = [
    ['bare node:http, fixed JSON', await bare()],
    [
      'GET /api/v1/comments (50 comments)',
      await run(new URL('api/v1/comments?thread=%2Fbench', natter.url).href),
    ],
    [
      '  the same, Accept-Encoding of a browser',
      await run(new URL('api/v1/comments?thread=%2Fbench', natter.url).href, browserEncodings),
    ],
    ['GET /api/v1/counts (10 threads)', await run(new URL(`api/v1/counts?${counts}`, natter.url).href)],
  ];
  const baseline = rows[0][1].requests.average;
  console.log(`${duration} s each, ${connections} connections, ${values.database ? 'PostgreSQL' : 'SQLite'}`);
  console.log(
    `${'endpoint'.padEnd(38)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  vs bare`,
  );
  for (const [name, result] of rows) {
    const errors = result.errors + result.non2xx;
    console.log(
      `${name.padEnd(38)}${result.requests.average.toFixed(0).padStart(9)}${String(result.latency.p50).padStart(9)}` +
        `${String(result.latency.p99).padStart(9)}  ${(result.requests.average / baseline).toFixed(2)}` +
        (errors ? `  (${errors} errors)` : ''),
    );
  }
} finally {
  await natter.close();
  await rm(directory, { recursive: true, force: true });
}
