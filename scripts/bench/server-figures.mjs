// `npm run bench -- server`: the server figures of issue 19's table, side by side in one run. Every server is a
// process of its own: a bare node:http server and a minimal Hono app sending natter's own answers (the baseline and
// the framework's share), natter serve on SQLite and on PostgreSQL, and with --peers Waline. Each repeat loads every
// server with every cell in turn, so that a ratio compares figures taken minutes apart at most.
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { markdownTable, number, range } from './format.mjs';
import { runCell } from './load.mjs';
import { startNatter } from './natter-process.mjs';
import { freshSchema } from './postgres-schema.mjs';
import { peakRssBytes } from './proc-stats.mjs';
import { freePort, scratchFolder, startChild, stopChild, waitForOk } from './processes.mjs';
import { installWaline, startWaline, walineVersion } from './waline.mjs';

/** The thread every page is read from, with `threadComments` comments; posts go to another thread. */
const thread = '/bench';
const postThread = '/bench/posts';
const threadComments = 200;
/** The counts call asks for the thread and 19 others, each with a comment. */
const otherThreads = Array.from({ length: 19 }, (_, index) => `/bench/other/${index}`);
const pageSize = 10;

/** Isso 0.14's figures as issue 19 quotes them (gunicorn, 2 workers, on this kind of machine): not run here. */
const issoQuoted = {
  page: { 10: '215–246 req/s', 100: '170–224 req/s, p99 577–631 ms' },
  counts: '1,125–1,581 req/s',
  post: '228 req/s',
  cpu: '6.9–10.7 ms',
  rss: '126–152 MB',
};

/** POSTs `body` as JSON to `url`; throws unless the answer is `status`. Resolves with the answer's JSON. */
async function postJson(url, body, status) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== status) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The comments every server gets before it is measured: the same texts, through each one's own API. */
function seedTexts() {
  return [
    ...Array.from({ length: threadComments }, (_, index) => ({
      thread,
      name: `Reader ${index % 23}`,
      text: `Comment ${index}: a paragraph of an ordinary length, about what the article said and what it left out.`,
    })),
    ...otherThreads.map((key, index) => ({
      thread: key,
      name: 'Reader',
      text: `The only comment on ${index}.`,
    })),
  ];
}

/** A natter serve under measure (SQLite or PostgreSQL), seeded; `label` names it in the table. */
async function natterTarget(label, database, logFile, countStored) {
  const server = await startNatter(database, logFile);
  for (const comment of seedTexts()) await postJson(`${server.url}api/v1/comments`, comment, 201);
  const counts = [thread, ...otherThreads].map((key) => `thread=${encodeURIComponent(key)}`).join('&');
  return {
    label,
    child: server.child,
    logFile,
    page: `${server.url}api/v1/comments?thread=${encodeURIComponent(thread)}&limit=${pageSize}`,
    counts: `${server.url}api/v1/counts?${counts}`,
    post: {
      url: `${server.url}api/v1/comments`,
      body: JSON.stringify({ thread: postThread, name: 'Reader', text: 'A new comment, number [<id>].' }),
      isAcknowledged: (status) => status === 201,
    },
    countStored,
  };
}

/** Waline, installed if needed, started and seeded through its API with the same comments. */
async function walineTarget(folder) {
  console.log(await installWaline());
  const logFile = join(folder, 'waline.log');
  const server = await startWaline(folder, logFile);
  for (const { thread: key, name, text } of seedTexts()) {
    const answer = await postJson(
      `${server.url}api/comment?lang=en`,
      { url: key, nick: name, comment: text },
      200,
    );
    if (answer.errno !== 0) throw new Error(`Waline refused a seeded comment: ${answer.errmsg}`);
  }
  const countStored = async () => {
    const database = new BetterSqlite3(server.database, { readonly: true });
    try {
      return database.prepare('select count(*) as count from wl_Comment where url = ?').get(postThread).count;
    } finally {
      database.close();
    }
  };
  return {
    label: `Waline ${walineVersion} (SQLite)`,
    child: server.child,
    helpers: [server.oauth],
    logFile,
    page: `${server.url}api/comment?path=${encodeURIComponent(thread)}&page=1&pageSize=${pageSize}&sortBy=insertedAt_asc&lang=en`,
    counts: `${server.url}api/comment?type=count&url=${[thread, ...otherThreads].map(encodeURIComponent).join(',')}&lang=en`,
    post: {
      url: `${server.url}api/comment?lang=en`,
      body: JSON.stringify({ url: postThread, nick: 'Reader', comment: 'A new comment, number [<id>].' }),
      // Waline answers 200 to refusals too, with a non-zero errno.
      isAcknowledged: (status, body) => status === 200 && JSON.parse(body).errno === 0,
    },
    countStored,
  };
}

/** A server sending natter's answers from memory (bare-server.mjs or hono-server.mjs); `label` names it. */
async function baselineTarget(label, script, bodiesFile, paths) {
  const port = await freePort();
  const child = startChild(process.execPath, [script, bodiesFile, String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}${paths.page}`, { child });
  return { label, child, page: `${url}${paths.page}`, counts: `${url}${paths.counts}` };
}

/** Path and query of `url`. */
const pathOf = (url) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

/** The number of comments in `postThread` of a natter SQLite file. */
function storedInSqlite(file) {
  return async () => {
    const database = new BetterSqlite3(file, { readonly: true });
    try {
      return database.prepare('select count(*) as count from comments where thread_key = ?').get(postThread)
        .count;
    } finally {
      database.close();
    }
  };
}

/** The number of comments in `postThread` of a natter PostgreSQL schema. */
function storedInPostgres(url) {
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*) as count from comments where thread_key = $1', [
        postThread,
      ]);
      return Number(rows[0].count);
    } finally {
      await client.end();
    }
  };
}

/** "N lines, M MB" of a log file, read in chunks (a run at info level writes hundreds of megabytes). */
function logLines(file) {
  const chunk = Buffer.alloc(1 << 20);
  const descriptor = openSync(file, 'r');
  let lines = 0;
  let bytes = 0;
  try {
    for (let read; (read = readSync(descriptor, chunk, 0, chunk.length, null)) > 0;) {
      bytes += read;
      for (
        let index = chunk.indexOf(10);
        index !== -1 && index < read;
        index = chunk.indexOf(10, index + 1)
      ) {
        lines += 1;
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return `${number(lines)} lines, ${number(bytes / 1024 / 1024, 1)} MB`;
}

/**
 * Runs the server figures and prints them. `options`: `seconds`, `repeats`, `connections` (a list: the page is read
 * at each; counts and posts at the first), `postgresUrl` (or undefined), `peers`.
 */
export async function runServerFigures({ seconds, repeats, connections, postgresUrl, peers }) {
  const folder = await scratchFolder('server');
  const notes = [];
  const targets = [];
  targets.push(
    await natterTarget(
      'natter (SQLite)',
      join(folder, 'natter.sqlite'),
      join(folder, 'natter-sqlite.log'),
      storedInSqlite(join(folder, 'natter.sqlite')),
    ),
  );
  if (postgresUrl) {
    const schema = await freshSchema(postgresUrl);
    targets.push(
      await natterTarget(
        'natter (PostgreSQL)',
        schema.url,
        join(folder, 'natter-postgres.log'),
        storedInPostgres(schema.url),
      ),
    );
  } else {
    notes.push('PostgreSQL skipped: give --database postgres://… or set NATTER_TEST_POSTGRES_URL.');
  }
  if (peers) {
    try {
      targets.push(await walineTarget(folder));
    } catch (error) {
      notes.push(`Waline not measured: ${error.message}`);
    }
  }

  // The baselines send exactly what natter (on SQLite) answers, as it answers a client that asks for no compression.
  const bodies = {};
  for (const key of ['page', 'counts']) {
    const response = await fetch(targets[0][key], { headers: { 'Accept-Encoding': 'identity' } });
    bodies[new URL(targets[0][key]).pathname] = await response.text();
  }
  const bodiesFile = join(folder, 'bodies.json');
  writeFileSync(bodiesFile, JSON.stringify(bodies));
  const paths = { page: pathOf(targets[0].page), counts: pathOf(targets[0].counts) };
  const bare = await baselineTarget(
    'bare node:http, same body',
    'scripts/bench/bare-server.mjs',
    bodiesFile,
    paths,
  );
  const hono = await baselineTarget('Hono, same body', 'scripts/bench/hono-server.mjs', bodiesFile, paths);
  targets.unshift(bare, hono);

  const cells = [
    ...connections.map((count) => ({ key: `page@${count}`, url: 'page', connections: count })),
    { key: 'counts', url: 'counts', connections: connections[0] },
    { key: 'post', post: true, connections: connections[0] },
  ];
  /** results[cell][target label] = one figure per repeat. */
  const results = Object.fromEntries(cells.map((cell) => [cell.key, new Map()]));
  const acknowledged = new Map();
  for (let repeat = 1; repeat <= repeats; repeat += 1) {
    for (const cell of cells) {
      for (const target of targets) {
        if (cell.post && !target.post) continue;
        process.stderr.write(`repeat ${repeat}/${repeats}: ${cell.key}, ${target.label}\n`);
        const request = cell.post
          ? {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: target.post.body,
              onResponse: (status, body) => {
                if (target.post.isAcknowledged(status, body)) {
                  acknowledged.set(target.label, (acknowledged.get(target.label) ?? 0) + 1);
                }
              },
            }
          : {};
        const figure = await runCell({
          url: cell.post ? target.post.url : target[cell.url],
          connections: cell.connections,
          seconds,
          request,
          pid: target.child.pid,
        });
        const figures = results[cell.key].get(target.label) ?? [];
        results[cell.key].set(target.label, [...figures, figure]);
      }
    }
  }

  const peaks = new Map(targets.map((target) => [target.label, peakRssBytes(target.child.pid)]));
  const stored = new Map();
  for (const target of targets) {
    if (target.countStored) stored.set(target.label, await target.countStored());
  }
  for (const target of targets) {
    await stopChild(target.child);
    for (const helper of target.helpers ?? []) await stopChild(helper);
  }

  printTable({ targets, cells, results, peaks, acknowledged, stored, peers, seconds, repeats, notes });
}

/** Prints the table of `runServerFigures`. */
function printTable({
  targets,
  cells,
  results,
  peaks,
  acknowledged,
  stored,
  peers,
  seconds,
  repeats,
  notes,
}) {
  const bareLabel = targets[0].label;
  const failuresOf = (figures) => figures.reduce((sum, figure) => sum + figure.failures, 0);
  /** "req/s, p99 (ratio of bare)" of one target in one cell. */
  const cellText = (cell, target, { withP99 }) => {
    const figures = results[cell.key].get(target.label);
    if (!figures) return '–';
    let text = `${range(figures.map((figure) => figure.requestsPerSecond))} req/s`;
    if (withP99) text += `, p99 ${range(figures.map((figure) => figure.p99))} ms`;
    const bare = results[cell.key].get(bareLabel);
    if (bare && target.label !== bareLabel) {
      const ratios = figures.map((figure, index) => figure.requestsPerSecond / bare[index].requestsPerSecond);
      // Two decimals, three for a server under a tenth of the bare one's rate.
      text += ` (${range(ratios, Math.min(...ratios) < 0.1 ? 3 : 2)} of bare)`;
    }
    if (cell.post) {
      const cpu = figures.map((figure) => figure.cpuMsPerRequest).filter((value) => value !== undefined);
      text += ` (${cpu.length > 0 ? range(cpu, 2) : '–'} ms CPU each; ${number(acknowledged.get(target.label) ?? 0)} acknowledged, ${number(stored.get(target.label) ?? 0)} stored)`;
    }
    const failures = failuresOf(figures);
    if (failures > 0) text += `, ${number(failures)} failed`;
    return text;
  };
  const rows = cells.map((cell) => {
    const name = cell.post
      ? `POST a comment, ${cell.connections} connections`
      : cell.url === 'page'
        ? `GET a page of ${pageSize}, ${cell.connections} connections`
        : `counts of ${otherThreads.length + 1} threads, ${cell.connections} connections`;
    const row = [
      name,
      ...targets.map((target) => cellText(cell, target, { withP99: cell.connections >= 100 })),
    ];
    if (peers) {
      row.push(
        cell.post
          ? issoQuoted.post
          : cell.url === 'counts'
            ? issoQuoted.counts
            : (issoQuoted.page[cell.connections] ?? 'not quoted'),
      );
    }
    return row;
  });
  const getCells = cells.filter((cell) => !cell.post);
  rows.push([
    'server CPU per GET',
    ...targets.map((target) => {
      // A cell that got no answer at all (a server stalled for all of it) has no CPU per request.
      const cpu = getCells
        .flatMap((cell) => results[cell.key].get(target.label) ?? [])
        .map((figure) => figure.cpuMsPerRequest)
        .filter((value) => value !== undefined);
      return cpu.length > 0 ? `${range(cpu, 3)} ms` : '–';
    }),
    ...(peers ? [issoQuoted.cpu] : []),
  ]);
  rows.push([
    'peak RSS under this load',
    ...targets.map((target) => `${number(peaks.get(target.label) / 1024 / 1024)} MB`),
    ...(peers ? [issoQuoted.rss] : []),
  ]);
  const header = ['', ...targets.map((target) => target.label)];
  if (peers) header.push('Isso 0.14 (quoted from issue 19, not run here)');

  console.log(
    `\n## Server: ${repeats} repeat${repeats === 1 ? '' : 's'} of ${seconds} s cells, autocannon in the bench process, ` +
      `each server a process of its own, ${threadComments} comments in the thread\n`,
  );
  console.log(markdownTable(header, rows));
  console.log('');
  for (const target of targets.filter((target) => target.logFile)) {
    console.log(`${target.label} logged at its default level to a file: ${logLines(target.logFile)}`);
  }
  console.log(
    'Ranges are over repeats; "of bare" divides by the bare server\'s figure of the same cell and repeat. ' +
      "CPU is the server process tree's (utime + stime from /proc, PostgreSQL's own processes not included) per " +
      'request; peak RSS is VmHWM summed over that tree at the end. Posts acknowledged (201; Waline: errno 0) are ' +
      'counted against the comments then in the database: more may be stored, the posts in flight when a cell ' +
      'ended, whose answers autocannon no longer read; fewer would be acknowledged comments lost.',
  );
  for (const note of notes) console.log(note);
}
