// The widget on a page with a strict Content-Security-Policy and Trusted Types enforced: it must render the
// thread, the sanitized comment policy and a posted hostile comment without a single policy violation.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer } from '../../dist/lib/server/index.js';
import { launchChromium } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';

let server;
let browser;
let dataDirectory;

before(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'natter-strict-page-'));
  server = await createServer({
    port: 0,
    database: join(dataDirectory, 'natter.sqlite'),
    demo: true,
    rateLimit: false,
    // Handler attributes are left out on purpose: Chrome reports a (blocked, harmless) violation when the
    // sanitizer's inert document parses one, which would hide real violations from this test.
    policy: '<p>Be <b>kind</b>. <a href="/policy">Our policy</a>.</p>',
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

/** Opens `path` and collects CSP violations, page errors and dialogs from the moment the page starts. */
async function openStrictPage(path) {
  const { page, problems } = await openWatchedPage(browser);
  const response = await page.goto(new URL(path, server.url).href);
  return { page, problems, csp: response.headers()['content-security-policy'] };
}

test('renders the thread and the sanitized policy under Trusted Types', async () => {
  const { page, problems, csp } = await openStrictPage('/');
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('li.comment').first().waitFor();
  assert.equal(await widget.locator('li.comment').count(), 3);
  assert.equal(await widget.locator('.policy a[href="/policy"][rel="nofollow noopener"]').count(), 1);
  assert.equal(await widget.locator('.policy b').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile comment posted through the form stays text', async () => {
  const { page, problems } = await openStrictPage('/dark.html');
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('li.comment').first().waitFor();
  const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> see example.com/x';
  await widget.getByRole('textbox', { name: 'Name' }).fill('<b>Mallory</b>');
  await widget.getByRole('textbox', { name: 'Comment' }).fill(hostile);
  await widget.getByRole('button', { name: 'Post' }).click();
  const posted = widget.locator('li.comment').last();
  await posted.getByText('<b>Mallory</b>').waitFor();
  assert.equal(await posted.locator('.body').innerText(), hostile);
  assert.equal(await posted.locator('img, script, b').count(), 0);
  assert.equal(
    await posted.locator('a[href="https://example.com/x"][rel="nofollow ugc noopener"]').count(),
    1,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
