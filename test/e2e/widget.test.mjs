// A reader on the demo blog, with the real `natter serve` (a child process on a fresh SQLite file) behind the
// widget: the thread loads, a comment posted through the form is stored, and a comment written while the server
// is down is kept as a draft and posted once it is back. Under the demo's strict CSP, without a page error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoThread } from '../../dist/lib/server/demo-seed.js';
import { postComment } from '../server/process/protocol-calls.mjs';
import { launchChromium } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { createTempFolder, startServer } from './server-process.mjs';
import { waitForHeading } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;

const temporary = await createTempFolder();
const database = temporary.file();
let server;
let browser;

before(async () => {
  server = await startServer({ database });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  // The current server: the second test stops the first and starts another.
  await server?.kill();
  await temporary.remove();
});

/** A reader's page; refused connections are expected only while the server is down, so they are listed apart. */
async function openReader() {
  const { expected: refusedLoads, ...rest } = await openWatchedPage(browser, {
    timeout: waitMs,
    // While a test stops the server: refused connections, and the live stream's reconnection answered by a
    // server shutting down (503, Retry-After), when it reaches it on a connection still open.
    expected: /net::ERR_CONNECTION_REFUSED|status of 503 \(Service Unavailable\) \(\S+\/api\/v1\/stream\?/,
  });
  return { ...rest, refusedLoads };
}

/** Opens `path` of the running server and waits until the widget shows its thread; returns the widget. */
async function openThread(page, path = '/') {
  await page.goto(new URL(path, server.url).href);
  const widget = page.locator('natter-comments');
  // The widget loads lazily, when it nears the viewport.
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

/** The number in the thread's heading ("4 comments" → 4). */
async function headingCount(widget) {
  const heading = await widget.locator('[part="heading"]').innerText();
  const match = /^(\d+) comments?$/.exec(heading.trim());
  assert.ok(match, `unexpected heading "${heading}"`);
  return Number(match[1]);
}

/** The saved drafts: localStorage entries under `natter:draft:`, parsed. */
function savedDrafts(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('natter:draft:'))
      .map((key) => JSON.parse(localStorage.getItem(key))),
  );
}

/** Fills the form and presses Post. */
async function writeAndPost(widget, { name, text }) {
  await widget.getByRole('textbox', { name: 'Name' }).fill(name);
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  await widget.getByRole('button', { name: 'Post' }).click();
}

test('reads the seeded thread, posts a comment and finds it again after a reload', async () => {
  const { context, page, problems, refusedLoads } = await openReader();
  const widget = await openThread(page);
  await waitForHeading(widget, 3);
  assert.equal(await widget.locator('.comment').count(), 3);
  await widget.locator('.comment').getByText('Hannah Okafor').waitFor();

  const text = 'Posted through the form, stored in SQLite, read back after a reload.';
  await writeAndPost(widget, { name: 'Grace Hopper', text });
  await widget.locator('.comment').nth(3).getByText(text).waitFor();
  await waitForHeading(widget, 4);
  assert.equal(await widget.getByRole('textbox', { name: 'Comment' }).inputValue(), '');

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 4);
  const stored = widget.locator('.comment').nth(3);
  assert.equal(await stored.locator('.body').innerText(), text);
  await stored.getByText('Grace Hopper').waitFor();
  assert.deepEqual(await savedDrafts(page), []);

  assert.deepEqual(problems, []);
  assert.deepEqual(refusedLoads, []);
  await context.close();
});

test('keeps a comment written while the server is down and posts it once the server is back', async () => {
  const { context, page, problems, refusedLoads } = await openReader();
  const widget = await openThread(page);
  const countBefore = await headingCount(widget);
  // The form's module follows the thread's first paint: the reader has it before the server goes away.
  await widget.getByRole('button', { name: 'Post' }).waitFor();

  const stopped = await server.stop('SIGTERM');
  assert.deepEqual(stopped, { code: 0, signal: null });

  const text = 'Written while the server was down; it must not be lost.';
  await writeAndPost(widget, { name: 'Ada Lovelace', text });
  await widget.getByRole('alert').getByText('the server could not be reached').waitFor();
  assert.equal(await widget.getByRole('textbox', { name: 'Comment' }).inputValue(), text);
  assert.equal(await widget.getByRole('textbox', { name: 'Name' }).inputValue(), 'Ada Lovelace');
  const drafts = await savedDrafts(page);
  assert.equal(drafts.length, 1);
  assert.equal(drafts[0].text, text);
  assert.equal(drafts[0].name, 'Ada Lovelace');
  assert.ok(refusedLoads.length > 0, 'the post should have met a refused connection');

  // Back on the same address and database, as after a restart by the service manager.
  server = await startServer({ database, port: server.port });
  refusedLoads.length = 0;
  await widget.getByRole('button', { name: 'Post' }).click();
  await widget.locator('.comment').getByText(text).waitFor();
  await waitForHeading(widget, countBefore + 1);
  assert.equal(await widget.getByRole('alert').getByText('could not be posted').count(), 0);
  assert.equal(await widget.getByRole('textbox', { name: 'Comment' }).inputValue(), '');
  await page.waitForFunction(
    () => !Object.keys(localStorage).some((key) => key.startsWith('natter:draft:')),
    undefined,
    { timeout: waitMs },
  );

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, countBefore + 1);
  await widget.locator('.comment').getByText(text).waitFor();

  assert.deepEqual(problems, []);
  assert.deepEqual(refusedLoads, []);
  await context.close();
});

test('the dark page renders the same thread', async () => {
  const { context, page, problems, refusedLoads } = await openReader();
  const widget = await openThread(page, '/dark.html');
  assert.equal(await widget.getAttribute('theme'), 'dark');
  const count = await headingCount(widget);
  assert.ok(count >= 3, `expected the seeded comments at least, got ${count}`);
  assert.equal(await widget.locator('.comment').count(), count);
  await widget.locator('.comment').getByText('Priya Raman').waitFor();
  // Dark means light text on a dark surface: the comment text is brighter than the page behind it.
  const [text, background] = await page.evaluate(() => {
    const luminance = (color) => {
      const [r, g, b] = color.match(/\d+(\.\d+)?/g).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const body = document.querySelector('natter-comments').shadowRoot.querySelector('.comment .body');
    return [
      luminance(getComputedStyle(body).color),
      luminance(getComputedStyle(document.body).backgroundColor),
    ];
  });
  assert.ok(text > background, `text luminance ${text} should exceed background ${background}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(refusedLoads, []);
  await context.close();
});

test('shows the thread before linkifyjs has arrived, and links its URLs in place once it has', async () => {
  const text = 'More on this at example.org/linked-later, worth a read.';
  assert.equal((await postComment(server.url, { thread: demoThread, text })).status, 201);
  const { context, page, problems } = await openReader();
  // linkifyjs is a chunk of its own, which the first paint never waits for: hold it back to see so.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/natter-linkify-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const widget = await openThread(page);
  const comment = widget.locator('.comment').filter({ hasText: 'example.org/linked-later' });
  await comment.waitFor();
  assert.equal(await comment.locator('[part="body"] a').count(), 0, 'linked before linkifyjs arrived');
  assert.equal(await comment.locator('[part="body"]').innerText(), text);
  release();
  await comment.locator('[part="body"] a[href="https://example.org/linked-later"]').waitFor();
  assert.equal(await comment.locator('[part="body"]').innerText(), text);
  assert.deepEqual(problems, []);
  await context.close();
});
