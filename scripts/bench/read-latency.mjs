// `npm run bench -- latency`: how reading a page keeps up as the database grows, from 1,000 to 1,000,000 comments
// across 10,000 threads. One database per backend, seeded straight into its tables (seed-database.mjs) up to each
// size in turn; at each, a fresh natter serve is read at a steady rate (not flat out, so that the latency is the
// server's and not a queue's) in two cells: the page of a thread of 200 comments, which the server's answer cache
// (2 s) keeps, and the page of a random thread among the 10,000 (with a random order among four), which mostly misses
// it and reads the store. The random threads are drawn from all 10,000 at every size, those without comments yet
// included (the store answers them by the same query), so that each size misses the cache as often and only the
// store's size differs: drawn from the threads holding comments, the smallest size's 200 would all be cached.
import { join } from 'node:path';
import { markdownTable, number } from './format.mjs';
import { startNatter } from './natter-process.mjs';
import { freshSchema } from './postgres-schema.mjs';
import { scratchFolder, stopChild } from './processes.mjs';
import { numberedThreads, seedComments } from './seed-database.mjs';
import { steadyLoad } from './steady-load.mjs';

const hotThread = '/bench';
const hotComments = 200;
const threadCount = 10_000;
const perConversation = 4;
const sorts = ['oldest', 'newest', 'liked', 'replied'];
const connections = 10;

/** The URL of a page of a random thread among the `threadCount`, in a random order. */
function randomPage(base) {
  const thread = `/latency/${Math.floor(Math.random() * threadCount)}`;
  const sort = sorts[Math.floor(Math.random() * sorts.length)];
  return `${base}api/v1/comments?thread=${encodeURIComponent(thread)}&limit=10&sort=${sort}`;
}

/** "p50 / p99 ms" of a cell, with its failures if any. */
const latencies = ({ p50, p99, failures }) =>
  `${number(p50, 1)} / ${number(p99, 1)} ms${failures ? `, ${number(failures)} failed` : ''}`;

/** Measures one backend at every size; resolves with its rows. */
async function measureBackend(label, database, { seconds, sizes, rate, folder }) {
  const rows = [];
  const latencyThreads = numberedThreads(threadCount, '/latency/');
  await seedComments(database, { comments: hotComments, threadKeys: [hotThread] });
  let seeded = hotComments;
  for (const size of sizes) {
    process.stderr.write(`latency, ${label}: seeding to ${number(size)} comments\n`);
    const seedSeconds = await seedComments(database, {
      comments: Math.max(0, size - seeded),
      threadKeys: latencyThreads,
      first: seeded,
    });
    seeded = Math.max(seeded, size);
    const existing = Math.min(threadCount, Math.ceil((seeded - hotComments) / perConversation)) || 1;
    const server = await startNatter(database, join(folder, `${label}-${size}.log`));
    try {
      const hotPage = `${server.url}api/v1/comments?thread=${encodeURIComponent(hotThread)}&limit=10`;
      const hot = await steadyLoad({ nextUrl: () => hotPage, rate, seconds, connections });
      const random = await steadyLoad({
        nextUrl: () => randomPage(server.url),
        rate,
        seconds,
        connections,
      });
      rows.push({ size, seedSeconds, existing, hot, random });
    } finally {
      await stopChild(server.child);
    }
  }
  return rows;
}

/** Runs the latency part and prints a table per backend. */
export async function runReadLatency({ seconds, sizes, rate, postgresUrl }) {
  const folder = await scratchFolder('latency');
  const backends = [['SQLite', join(folder, 'latency.sqlite')]];
  if (postgresUrl) backends.push(['PostgreSQL', (await freshSchema(postgresUrl)).url]);
  for (const [label, database] of backends) {
    const rows = await measureBackend(label, database, { seconds, sizes, rate, folder });
    const firstHot = rows[0].hot.p99;
    const firstRandom = rows[0].random.p99;
    console.log(
      `\n## Read latency, natter serve on ${label}: ${number(rate)} GET/s for ${seconds} s at each size, ` +
        `${connections} connections\n`,
    );
    console.log(
      markdownTable(
        [
          'comments',
          'threads with comments',
          'seeded in',
          'page of the 200-comment thread, p50 / p99',
          'page of a random thread, p50 / p99',
          'p99 vs the first size',
        ],
        rows.map(({ size, seedSeconds, existing, hot, random }) => [
          number(size),
          number(existing + 1),
          `${number(seedSeconds, 1)} s`,
          latencies(hot),
          latencies(random),
          `${number(hot.p99 / firstHot, 2)}× / ${number(random.p99 / firstRandom, 2)}×`,
        ]),
      ),
    );
  }
  if (!postgresUrl)
    console.log('PostgreSQL skipped: give --database postgres://… or set NATTER_TEST_POSTGRES_URL.');
}
