// natter serve restarted on a database it made before (the start after an upgrade or a crash): it answers at once,
// and loads at start only what every server needs. The parsers and the fetcher that only some requests use (XML-RPC
// with @xmldom/xmldom for Pingback, the HTML writers with parse5 for the thread page, the source fetcher and the page
// reader for Webmention) are loaded by the first such request, and not before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  createTempFolder,
  exited,
  freePort,
  natterBin,
  startServer,
  withTimeout,
} from '../../e2e/server-process.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

const moduleLog = fileURLToPath(new URL('module-log.mjs', import.meta.url));

/** Posts a comment to `thread` through `serverUrl`'s API. */
async function post(serverUrl, thread, text) {
  const response = await fetch(new URL('api/v1/comments', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread, name: 'Reader', text }),
  });
  assert.equal(response.status, 201, await response.text());
}

/** User and system CPU time `pid` has used so far, in milliseconds (Linux's /proc; 100 ticks a second). */
async function cpuMilliseconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // utime and stime, the 14th and 15th fields: the 12th and 13th after the command name and its parentheses.
  const [user, system] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .map(Number);
  return (user + system) * 10;
}

/**
 * Spawns `natter serve` on `database` and asks for a page of `thread` every 2 ms until it answers 200; resolves with
 * the milliseconds that took and the CPU time the process used meanwhile.
 */
async function firstAnswer(database, thread) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [natterBin, 'serve', '--port', String(port), '--database', database, '--log-level', 'warn'],
    { stdio: 'ignore' },
  );
  try {
    const page = `http://127.0.0.1:${port}/api/v1/comments?thread=${encodeURIComponent(thread)}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`natter serve exited with ${child.exitCode}`);
      try {
        const response = await fetch(page);
        assert.equal(response.status, 200);
        await response.arrayBuffer();
        return { wall: performance.now() - started, cpu: await cpuMilliseconds(child.pid) };
      } catch (error) {
        if (error.cause?.code !== 'ECONNREFUSED') throw error;
        await sleep(2);
      }
    }
  } finally {
    child.kill('SIGKILL');
    await exited(child);
  }
}

test(
  'answers its first request soon after a start on an existing database',
  { skip: process.platform !== 'linux' && 'reads the CPU time from /proc' },
  async (t) => {
    const database = temporary.file('restarted.sqlite');
    const first = await startServer({ database, t });
    for (let index = 0; index < 50; index += 1) await post(first.url, '/restarted', `Comment ${index}`);
    await first.stop();
    const starts = [];
    for (let start = 0; start < 3; start += 1) starts.push(await firstAnswer(database, '/restarted'));
    t.diagnostic(
      `first answers ${starts.map(({ wall, cpu }) => `${wall.toFixed(0)} ms (CPU ${cpu} ms)`).join(', ')}`,
    );
    // The least of three, and CPU time rather than time alone: a machine busy with other work (CI runs several
    // test files at once) slows a start down, but hardly changes what it costs. On a quiet machine a start answers
    // in about 250 ms, using about as much CPU time.
    const least = (figure) => Math.min(...starts.map((start) => start[figure]));
    assert.ok(least('cpu') < 1_000, `the start that cost least took ${least('cpu')} ms of CPU time`);
    assert.ok(least('wall') < 5_000, `the quickest start answered after ${least('wall').toFixed(0)} ms`);
  },
);

/** A site on loopback whose page links to `site.target`: a Webmention's source. */
async function startSourceSite() {
  const site = { target: '' };
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>A reply</title><p>About <a href="${site.target}">this post</a>.</p>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return Object.assign(site, { origin: `http://127.0.0.1:${server.address().port}` });
}

test('loads the parsers and the fetcher of pingbacks, mentions and thread pages at their first use', async (t) => {
  const database = temporary.file('modules.sqlite');
  await (await startServer({ database, t })).stop();
  const log = temporary.file('modules.log');
  const server = await startServer({
    database,
    args: ['--webmention-allow-loopback'],
    env: { NODE_OPTIONS: `--import=${moduleLog}`, MODULE_LOG_FILE: log },
    t,
  });
  /** The URLs of the modules the server loaded so far. */
  const loaded = async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  // Chunks of dist/cli are named after the module rollup made them for, with a hash: `xml-rpc-D5AbVkWg.js`.
  const chunk = (name) => new RegExp(`/dist/cli/${name}-[\\w-]+\\.js$`);
  const lazily = {
    pingback: [/\/node_modules\/@xmldom\/xmldom\//, chunk('xml-rpc')],
    threadPage: [chunk('markup'), chunk('thread-page')],
    mention: [/^node:https$/, chunk('source-fetcher'), chunk('read-source')],
  };
  const isLoaded = (modules, pattern) => modules.some((url) => pattern.test(url));

  // What every server does: lists, counts, a post.
  const thread = encodeURIComponent('/modules');
  await post(server.url, '/modules', 'The first comment');
  for (const path of [`api/v1/comments?thread=${thread}`, `api/v1/counts?thread=${thread}`]) {
    assert.equal((await fetch(new URL(path, server.url))).status, 200);
  }
  const atStart = await loaded();
  assert.ok(
    atStart.some((url) => url.endsWith('/bin/natter.js')),
    'the log holds what the server loaded',
  );
  for (const [use, patterns] of Object.entries(lazily)) {
    for (const pattern of patterns) assert.ok(!isLoaded(atStart, pattern), `${pattern} loaded before ${use}`);
  }

  // Each of them then loads with its first use: the names above are the ones the build gives.
  const ping = await fetch(new URL('xmlrpc', server.url), {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: '<?xml version="1.0"?><methodCall><methodName>demo.sayHello</methodName></methodCall>',
  });
  assert.match(await ping.text(), /<fault>/);
  assert.equal((await fetch(new URL(`thread?thread=${thread}`, server.url))).status, 200);
  const site = await startSourceSite();
  site.target = server.url;
  const sent = await fetch(new URL('webmention', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ source: `${site.origin}/reply`, target: server.url }),
  });
  assert.equal(sent.status, 201, await sent.clone().text());
  const status = sent.headers.get('location');
  await withTimeout(
    (async () => {
      while ((await (await fetch(status)).json()).state === 'queued') await sleep(20);
    })(),
    10_000,
    'the mention to be verified',
  );
  const afterUse = await loaded();
  for (const [use, patterns] of Object.entries(lazily)) {
    for (const pattern of patterns) assert.ok(isLoaded(afterUse, pattern), `${pattern} not loaded by ${use}`);
  }
  await server.stop();
});
