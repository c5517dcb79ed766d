// `npm run bench -- start`: how long natter serve takes from being started to its first answer, on a database that
// already exists (seeded, and opened once before, so that its migrations have run): the process spawned, then a
// page of a thread asked for every 2 ms until one comes back 200. The median of several starts, per backend.
import { join } from 'node:path';
import { markdownTable, number } from './format.mjs';
import { serveArguments, startNatter, startNatterProcess } from './natter-process.mjs';
import { freshSchema } from './postgres-schema.mjs';
import { freePort, scratchFolder, stopChild, waitForOk } from './processes.mjs';
import { numberedThreads, seedComments } from './seed-database.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times `starts` cold starts of natter serve on `database`; resolves with the milliseconds of each. */
async function timeStarts(database, starts, logFile) {
  // The first start migrates; it is not one of those measured.
  await stopChild((await startNatter(database, logFile)).child);
  const times = [];
  for (let start = 0; start < starts; start += 1) {
    const port = await freePort();
    const since = performance.now();
    const child = startNatterProcess(serveArguments(database, port), { logFile });
    try {
      const page = `http://127.0.0.1:${port}/api/v1/comments?thread=%2Fseeded%2F0&limit=10`;
      times.push(await waitForOk(page, { child, since, everyMs: 2 }));
    } finally {
      await stopChild(child);
    }
  }
  return times;
}

/** Runs the cold-start part and prints its table. */
export async function runColdStart({ starts, comments, postgresUrl }) {
  const folder = await scratchFolder('start');
  const backends = [['SQLite', join(folder, 'start.sqlite')]];
  if (postgresUrl) backends.push(['PostgreSQL', (await freshSchema(postgresUrl)).url]);
  const rows = [];
  for (const [label, database] of backends) {
    process.stderr.write(`start, ${label}: seeding ${number(comments)} comments\n`);
    await seedComments(database, { comments, threadKeys: numberedThreads(10_000, '/seeded/') });
    const times = await timeStarts(database, starts, join(folder, `${label}.log`));
    rows.push([label, times.map((time) => number(time)).join(', '), `${number(median(times))} ms`]);
  }
  console.log(
    `\n## Cold start to the first answer: natter serve spawned on a database of ${number(comments)} comments, ` +
      `a page asked for every 2 ms until it answers 200\n`,
  );
  console.log(markdownTable(['database', 'each start (ms)', 'median'], rows));
  if (!postgresUrl)
    console.log('PostgreSQL skipped: give --database postgres://… or set NATTER_TEST_POSTGRES_URL.');
}
