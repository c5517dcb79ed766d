// Counts on an index page, end to end: the demo's archive (/archive.html, loading /count.js alone, under the demo's
// strict CSP with Trusted Types) on the real `natter serve`, after readers have posted. Every count arrives in one
// request, in the page's language, without a warning or a policy violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postComment } from '../server/process/protocol-calls.mjs';
import { useBrowserAndFolder } from './browser.mjs';
import { startServer } from './server-process.mjs';
import { openWatchedPage } from './watched-page.mjs';

const waitMs = 10_000;
const setup = await useBrowserAndFolder();

/** Posts `count` comments to `thread`, each published at once (the test server's moderation is open). */
async function post(url, thread, count) {
  for (let index = 0; index < count; index += 1) {
    const response = await postComment(url, { thread, text: `Comment ${index + 1} on ${thread}` });
    assert.equal(response.status, 201, await response.text());
  }
}

test("the archive shows each essay's count, from one request, after readers posted", async (t) => {
  const server = await startServer({ database: setup.temporary.file(), t });
  // The demo article has its seeded three; two essays get comments now, one in German stays without.
  await post(server.url, '/2026/11/health-care-and-social-media', 1);
  await post(server.url, '/2026/10/night-shift-notes', 2);
  await post(server.url, '/2026/10/wartezimmer', 1);

  const { page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const countRequests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/counts') countRequests.push(request.url());
  });
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const loadedScripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') loadedScripts.push(new URL(response.url()).pathname);
  });

  const answer = await page.goto(new URL('/archive.html', server.url).href);
  assert.match(answer.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
  const article = page.locator('a[data-natter-count="/2026/11/health-care-and-social-media"]');
  const ownPath = page.locator('a[href="/2026/10/night-shift-notes/#comments"]');
  const german = page.locator('natter-count');
  await article.getByText('4 comments', { exact: true }).waitFor();
  await ownPath.getByText('2 comments', { exact: true }).waitFor();
  await german.getByText('1 Kommentar', { exact: true }).waitFor();
  // The counts are the links' own text: a link's name is its count, nothing else was added to it.
  assert.equal(await page.getByRole('link', { name: '4 comments', exact: true }).count(), 1);
  assert.equal(await article.evaluate((link) => link.children.length), 0);

  assert.equal(countRequests.length, 1, countRequests.join('\n'));
  const asked = new URL(countRequests[0]).searchParams.getAll('thread').sort();
  assert.deepEqual(asked, [
    '/2026/10/night-shift-notes',
    '/2026/10/wartezimmer',
    '/2026/11/health-care-and-social-media',
  ]);
  // The index page never loads the widget: count.js, and for the German count the other languages' words.
  assert.equal(loadedScripts[0], '/count.js');
  assert.deepEqual(
    loadedScripts.slice(1).map((path) => path.replace(/-[\w-]{8}\.js$/, '.js')),
    ['/natter-count-words.js'],
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a count the server cannot give leaves the link as it was, with one warning', async (t) => {
  const server = await startServer({ database: setup.temporary.file('stopped.sqlite'), t });
  const { page, problems, expected } = await openWatchedPage(setup.browser, {
    timeout: waitMs,
    expected: /Failed to load resource/,
  });
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  // The page and its script load; the counts request fails as a network error would.
  await page.route('**/api/v1/counts?**', (route) => route.abort('connectionrefused'));
  await page.goto(new URL('/archive.html', server.url).href);
  for (let waited = 0; waited < waitMs && warnings.length === 0; waited += 100)
    await page.waitForTimeout(100);
  // Time for a second warning, if the script were to give one.
  await page.waitForTimeout(300);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^natter: comment counts from .* could not be loaded/);
  assert.equal(await page.locator('a[data-natter-count]').first().innerText(), 'Comments');
  assert.equal(await page.locator('natter-count').innerText(), 'Kommentare');
  assert.deepEqual(problems, []);
  assert.ok(expected.length <= 1);
  await page.context().close();
});
