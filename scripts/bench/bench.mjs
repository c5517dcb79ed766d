#!/usr/bin/env node
// `npm run bench [-- PART…] [options]`: every figure of docs/benchmarks.md, measured on this machine. Parts, all of
// them in this order when none is named:
//   server    requests per second, p99, CPU per request and peak RSS of natter serve on SQLite and PostgreSQL,
//             against a bare node:http server and a minimal Hono app sending the same bodies (--peers: and Waline)
//   latency   p50/p99 of a page GET from 1,000 to 1,000,000 comments across 10,000 threads
//   start     cold start of natter serve to its first answer, on an existing database
//   sizes     gzip and brotli bytes a reader downloads, for natter and the alternatives on the npm registry
//   render    the widget's rendering against the same markup built with plain DOM calls, in Chromium (render.mjs)
//   browser   a thread of 10,000 comments read in Chromium (large-thread.mjs)
// Options:
//   --seconds N           length of a load cell (10)
//   --repeats N           server cells, each repeated (2)
//   --connections A,B     connections for the page GET (10,100); counts and posts use the first
//   --database URL        PostgreSQL to measure on (else NATTER_TEST_POSTGRES_URL; skipped when neither is set)
//   --peers               also install and measure Waline; quote Isso
//   --latency-sizes A,B   comment counts of the latency part (1000,10000,100000,1000000)
//   --rate N              requests per second of the latency part's steady load (500)
//   --starts N            cold starts measured, the median printed (5)
//   --start-comments N    comments in the cold start's database (100000)
//   --alternatives A,B    npm packages the sizes part measures (all it knows: @waline/client,artalk,twikoo,gitalk,giscus)
//   --thread-comments N   comments of the render and browser parts' thread (10000)
//   --render-repeats N    first pages the render part measures on each side, the median printed (5)
//   --node-options S      NODE_OPTIONS of natter serve (the README's '--max-semi-space-size=4'; '' for none)
import { parseArgs } from 'node:util';
import { runColdStart } from './cold-start.mjs';
import { runDownloadSizes } from './download-sizes.mjs';
import { describeMachine } from './machine.mjs';
import { natterNodeOptions, recommendedNodeOptions, useNodeOptions } from './natter-process.mjs';
import { cleanUp } from './processes.mjs';
import { runReadLatency } from './read-latency.mjs';
import { runBenchScript } from './run-script.mjs';
import { runServerFigures } from './server-figures.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10,100' },
    database: { type: 'string' },
    peers: { type: 'boolean', default: false },
    'latency-sizes': { type: 'string', default: '1000,10000,100000,1000000' },
    rate: { type: 'string', default: '500' },
    starts: { type: 'string', default: '5' },
    'start-comments': { type: 'string', default: '100000' },
    alternatives: { type: 'string' },
    'thread-comments': { type: 'string', default: '10000' },
    'render-repeats': { type: 'string', default: '5' },
    'node-options': { type: 'string', default: recommendedNodeOptions },
  },
});

/** A comma-separated list of positive integers. */
const numbers = (list) => list.split(',').map(Number);
useNodeOptions(values['node-options']);
const postgresUrl = values.database ?? process.env.NATTER_TEST_POSTGRES_URL;
const seconds = Number(values.seconds);

const parts = {
  server: () =>
    runServerFigures({
      seconds,
      repeats: Number(values.repeats),
      connections: numbers(values.connections),
      postgresUrl,
      peers: values.peers,
    }),
  latency: () =>
    runReadLatency({
      seconds,
      sizes: numbers(values['latency-sizes']),
      rate: Number(values.rate),
      postgresUrl,
    }),
  start: () =>
    runColdStart({ starts: Number(values.starts), comments: Number(values['start-comments']), postgresUrl }),
  sizes: () => runDownloadSizes({ alternatives: values.alternatives?.split(',') }),
  render: () =>
    runBenchScript('Rendering against plain DOM in Chromium', 'render.mjs', [
      '--comments',
      values['thread-comments'],
      '--repeats',
      values['render-repeats'],
    ]),
  browser: () =>
    runBenchScript('A long thread read in Chromium', 'large-thread.mjs', [
      '--comments',
      values['thread-comments'],
    ]),
};

const unknown = positionals.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`bench: no part ${unknown.join(', ')}; the parts: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}

console.log(`# natter bench\n\n${describeMachine()}; natter serve's NODE_OPTIONS: '${natterNodeOptions()}'`);
try {
  for (const name of positionals.length > 0 ? positionals : Object.keys(parts)) await parts[name]();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
