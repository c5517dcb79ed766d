// The mentions' queue is durable: `kill -9` while the worker is busy (sources that never answer hold it) with more
// mentions queued behind them, restart on the same SQLite file, and those are verified and shown; the ones the dead
// worker had claimed are still queued, leased, to be taken again when their lease ends. None is lost.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createTempFolder, exited, startServer, withTimeout } from '../../e2e/server-process.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

/** A source site on loopback: `/slow-N` never answers while `isHanging`; every page links to `target`. */
async function startSourceSite() {
  const site = { isHanging: true, target: '' };
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/slow') && site.isHanging) return;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>Response ${request.url}</title><article class="h-entry">` +
        `<p class="e-content">I wrote about <a href="${site.target}">this post</a>.</p></article>`,
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return Object.assign(site, { origin: `http://127.0.0.1:${server.address().port}` });
}

async function send(serverUrl, source, target) {
  const response = await fetch(new URL('webmention', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ source, target }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.headers.get('location');
}

async function statusOf(location) {
  return (await (await fetch(location)).json()).state;
}

test('a restart in the middle of the mentions queue loses nothing', async (t) => {
  const database = temporary.file();
  const args = ['--webmention-allow-loopback'];
  const first = await startServer({ database, args, t });
  const site = await startSourceSite();
  site.target = first.url;
  const slow = [];
  for (let index = 0; index < 4; index += 1)
    slow.push(await send(first.url, `${site.origin}/slow-${index}`, first.url));
  const queuedBehind = [
    await send(first.url, `${site.origin}/ok-0`, first.url),
    await send(first.url, `${site.origin}/ok-1`, first.url),
  ];
  for (const location of [...slow, ...queuedBehind]) assert.equal(await statusOf(location), 'queued');
  first.child.kill('SIGKILL');
  await withTimeout(exited(first.child), 10_000, 'the killed server to exit');

  site.isHanging = false;
  const port = new URL(first.url).port;
  const second = await startServer({ database, args, port: Number(port), t });
  const restarted = (location) => new URL(new URL(location).pathname, second.url).href;
  for (const location of queuedBehind) {
    await withTimeout(
      (async () => {
        while ((await statusOf(restarted(location))) === 'queued')
          await new Promise((r) => setTimeout(r, 50));
      })(),
      10_000,
      'a queued mention verified after the restart',
    );
    assert.equal(await statusOf(restarted(location)), 'verified');
  }
  // Every mention is there: verified, or (what the dead worker held) queued under a lease that has yet to end.
  const rows = new BetterSqlite3(database, { readonly: true })
    .prepare('select source, state, next_attempt_at from mentions')
    .all();
  assert.equal(rows.length, 6);
  const leased = rows.filter((row) => row.state === 'queued');
  assert.ok(leased.length >= 1, 'the worker had claimed the first slow source before the kill');
  for (const row of leased) {
    assert.match(row.source, /\/slow-\d$/);
    assert.ok(Date.parse(row.next_attempt_at) > Date.now(), 'leased, to be taken again');
  }
  const references = await (await fetch(new URL('api/v1/references?thread=%2F', second.url))).json();
  const shown = references.references.map((reference) => reference.url);
  assert.ok(shown.includes(`${site.origin}/ok-0`) && shown.includes(`${site.origin}/ok-1`), shown.join());
  assert.equal(shown.length, 6 - leased.length);
});
