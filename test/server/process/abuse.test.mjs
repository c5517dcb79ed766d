// Abuse under load, against real `natter serve` processes: the limits that the in-process tests prove one request at
// a time, hammered by 200 concurrent clients. Writes per client (a forged X-Forwarded-For changes nothing unless a
// proxy is trusted, and then only the address the proxy saw counts), posts per thread, bodies over the limit, the
// Webmention queue per source host, and sign-in attempts: per address, from everyone together, and the owner's
// browser still let in meanwhile.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runAdmin } from '../../e2e/natter-admin.mjs';
import { createTempFolder, startServer } from '../../e2e/server-process.mjs';
import { residentKb } from './fuzz/run-fuzz.mjs';
import { requestBytes, sendRaw } from './raw-http.mjs';

const concurrency = 200;
const password = 'the owner’s own passphrase';
const temporary = await createTempFolder();
after(() => temporary.remove());

/** How often each status came back. */
function tally(statuses) {
  const counts = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** `count` requests made by `send(index)`, all at once; resolves with their statuses and answers. */
async function burst(count, send) {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      send(index).catch((error) => {
        // fetch says only "fetch failed": the cause says what the connection did.
        throw new Error(
          `request ${index} of ${count}: ${error.cause?.code ?? ''} ${error.cause?.message ?? error}`,
        );
      }),
    ),
  );
  return { answers, counts: tally(answers.map((answer) => answer.status)) };
}

const json = { 'Content-Type': 'application/json' };
const post = (origin, body, headers = {}) =>
  fetch(`${origin}/api/v1/comments`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
const comment = (thread, index) => ({ thread, name: `Poster ${index}`, text: `Comment ${index}` });

/** Waits until the current minute has at least `seconds` left: the limits count by minute. */
async function withinOneMinute(seconds = 5) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('a server that trusts no proxy', () => {
  let server;
  before(async () => {
    server = await startServer({
      database: temporary.file('untrusted.sqlite'),
      args: ['--rate-limit', '10'],
    });
  });
  after(() => server.kill());

  it(`takes 10 posts of ${concurrency} sent at once from one address, whatever X-Forwarded-For says`, async () => {
    await withinOneMinute();
    const origin = server.url.replace(/\/$/, '');
    const { answers, counts } = await burst(concurrency, (index) =>
      post(origin, comment('/abuse/untrusted', index), { 'X-Forwarded-For': `198.51.100.${index % 250}` }),
    );
    assert.deepEqual(counts, { 201: 10, 429: concurrency - 10 });
    for (const answer of answers.filter((each) => each.status === 429)) {
      assert.match(answer.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    }
  });
});

describe('a server behind a trusted proxy', () => {
  let server;
  let origin;
  /** A source site that takes connections and never answers: its mentions stay queued. */
  const silent = createServer(() => {});
  before(async () => {
    const database = temporary.file('trusted.sqlite');
    const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
    assert.equal(set.code, 0, set.stderr);
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    server = await startServer({
      database,
      args: [
        '--rate-limit',
        '10',
        '--thread-rate-limit',
        '30',
        '--trust-proxy',
        '--webmention-allow-loopback',
      ],
    });
    origin = server.url.replace(/\/$/, '');
  });
  after(async () => {
    await server.kill();
    silent.close();
  });

  it('counts only the address the proxy appended: forged entries before it do not make new clients', async () => {
    await withinOneMinute();
    const { counts } = await burst(concurrency, (index) =>
      post(origin, comment('/abuse/forged', index), { 'X-Forwarded-For': `10.9.${index}.1, 203.0.113.7` }),
    );
    assert.deepEqual(counts, { 201: 10, 429: concurrency - 10 });
    // The form of the thread page is no way around it: it posts through the API, as the same client.
    const forms = await burst(20, (index) =>
      fetch(`${origin}/thread`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '203.0.113.7' },
        body: new URLSearchParams(comment('/abuse/forged-form', index)).toString(),
      }),
    );
    assert.deepEqual(forms.counts, { 429: 20 });
  });

  it(`takes 30 posts to one thread from ${concurrency} addresses at once`, async () => {
    await withinOneMinute();
    const { counts } = await burst(concurrency, (index) =>
      post(origin, comment('/abuse/one-thread', index), {
        'X-Forwarded-For': `192.0.2.${index % 250}, 198.18.${index}.9`,
      }),
    );
    assert.deepEqual(counts, { 201: 30, 429: concurrency - 30 });
  });

  it('refuses 100 bodies of 1 MiB at once without holding them', async (t) => {
    const rssBefore = await residentKb(server.child.pid);
    const body = Buffer.alloc(1024 * 1024, 0x61);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        sendRaw(
          server.port,
          requestBytes({
            method: 'POST',
            target: '/api/v1/comments',
            headers: [
              ['Host', 'natter.test'],
              ['Content-Type', 'application/json'],
              ['X-Forwarded-For', `198.19.${index}.1`],
            ],
            body,
          }),
          { method: 'POST' },
        ).then(
          (answer) => answer.status,
          () => 'reset',
        ),
      ),
    );
    const rssAfter = await residentKb(server.child.pid);
    const counts = tally(outcomes);
    t.diagnostic(`${JSON.stringify(counts)}; RSS ${rssBefore} kB before, ${rssAfter} kB after`);
    assert.ok(
      outcomes.every((outcome) => outcome === 413 || outcome === 'reset'),
      JSON.stringify(counts),
    );
    assert.ok((counts[413] ?? 0) > 0, JSON.stringify(counts));
    // Well under the 100 MiB sent: a server that read each body whole before refusing it would hold them all.
    assert.ok(rssAfter - rssBefore < 50 * 1024, `RSS ${rssBefore} kB before, ${rssAfter} kB after`);
    assert.equal((await fetch(`${origin}/healthz`)).status, 200);
  });

  it(`queues 20 mentions from one source host of ${concurrency} sent at once from as many addresses`, async () => {
    const host = `127.0.0.1:${silent.address().port}`;
    const { counts } = await burst(concurrency, (index) =>
      fetch(`${origin}/webmention`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': `198.20.${index}.1`,
        },
        body: new URLSearchParams({ source: `http://${host}/${index}`, target: `${origin}/post-${index}` }),
      }),
    );
    assert.deepEqual(counts, { 201: 20, 429: concurrency - 20 });
  });

  it('lets 5 guesses a minute through from one address, 15 from everyone, and the owner’s browser in', async () => {
    await withinOneMinute(10);
    const logIn = (candidate, headers = {}) =>
      fetch(`${origin}/admin/api/login`, {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify({ password: candidate }),
      });
    const owner = await logIn(password, { 'X-Forwarded-For': '192.0.2.200' });
    assert.equal(owner.status, 200);
    const device = /natter_admin_device=[^;]+/.exec(owner.headers.get('set-cookie') ?? '')?.[0];
    assert.ok(device, 'the owner’s browser is known from now on');

    const fromOne = await burst(concurrency, (index) =>
      logIn(`guess ${index}`, { 'X-Forwarded-For': '203.0.113.66' }),
    );
    assert.deepEqual(fromOne.counts, { 401: 5, 429: concurrency - 5 });
    assert.equal((await logIn(password, { 'X-Forwarded-For': '203.0.113.66' })).status, 429);

    const fromMany = await burst(concurrency, (index) =>
      logIn(`guess ${index}`, { 'X-Forwarded-For': `203.0.${index}.77` }),
    );
    // The owner's sign-in and the five from one address count too: 15 in all this minute.
    assert.deepEqual(fromMany.counts, { 401: 15 - 1 - 5, 429: concurrency - 9 });
    assert.equal(
      (await logIn(password, { 'X-Forwarded-For': '192.0.2.201' })).status,
      429,
      'a new browser waits',
    );
    const known = await logIn(password, { 'X-Forwarded-For': '192.0.2.201', Cookie: device });
    assert.equal(known.status, 200, 'the owner’s browser gets in while strangers guess');
  });
});

describe('signing in', () => {
  let server;
  before(async () => {
    const database = temporary.file('timing.sqlite');
    const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
    assert.equal(set.code, 0, set.stderr);
    server = await startServer({ database, args: ['--trust-proxy'] });
  });
  after(() => server.kill());

  it('takes as long to refuse a wrong password as to accept the right one', async (t) => {
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const durations = { right: [], wrong: [] };
    // Fourteen tries, the most a minute allows from everyone, each from an address of its own, in turns.
    for (let index = 0; index < 14; index += 1) {
      const kind = index % 2 === 0 ? 'wrong' : 'right';
      const started = performance.now();
      const answer = await fetch(`${server.url}admin/api/login`, {
        method: 'POST',
        headers: { ...json, 'X-Forwarded-For': `198.51.100.${index + 1}` },
        body: JSON.stringify({ password: kind === 'right' ? password : `${password.slice(0, -1)}!` }),
      });
      await answer.arrayBuffer();
      durations[kind].push(performance.now() - started);
      assert.equal(answer.status, kind === 'right' ? 200 : 401);
    }
    const right = median(durations.right);
    const wrong = median(durations.wrong);
    t.diagnostic(
      `median ${right.toFixed(1)} ms for the right password, ${wrong.toFixed(1)} ms for a wrong one`,
    );
    // The work is scrypt either way: a wrong password is not told apart sooner.
    assert.ok(wrong > right * 0.67 && wrong < right * 1.5, `${wrong} ms wrong, ${right} ms right`);
  });
});
