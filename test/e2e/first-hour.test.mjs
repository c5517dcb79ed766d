// A reader's and a site owner's first hour with natter, end to end: the real `natter serve` (a child process on a
// fresh SQLite file) and Chromium.
// - On a phone, under `--moderation all`: after Post, the comment and the words that say it awaits moderation are
//   in view without scrolling; after a reload it is still there, marked, though the server lists it to no one.
// - A light page read on a phone in dark mode gets the light theme.
// - A page on another origin, embedding the widget from a server started without `--origin` for it: the reader
//   is told that the server does not allow the site, and the site owner, in the console, which flag to add.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { startServer } from './server-process.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/**
 * A fresh context and page with `options` (a phone's viewport, a colour scheme), recording page errors, CSP
 * violations and console errors as `problems` (but for those `expected` matches), and console warnings apart.
 */
async function openPage(options = {}, { expected } = {}) {
  const context = await setup.browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const problems = [];
  const warnings = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() === 'error' && !expected?.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, problems, warnings };
}

/** Opens the demo blog on `server` and waits until the widget shows its thread; returns the widget. */
async function openThread(page, server, path = '/') {
  await page.goto(new URL(path, server.url).href);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

/** Whether the whole of `locator` is inside the page's viewport. */
async function isInView(page, locator) {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

/** The texts of the comments the server lists to everyone for the page's thread. */
function listedTexts(page) {
  return page.evaluate(async () => {
    const thread = document.querySelector('natter-comments').resolvedThread;
    const answer = await fetch(`/api/v1/comments?thread=${encodeURIComponent(thread)}`);
    return (await answer.json()).comments.map((comment) => comment.text);
  });
}

test('on a phone under --moderation all: the held comment is in view and explained after Post, and still there, marked, after a reload', async (t) => {
  const server = await startServer({
    database: temporary.file('held.sqlite'),
    args: ['--moderation', 'all'],
    t,
  });
  const { context, page, problems } = await openPage(phone);
  const widget = await openThread(page, server);
  await widget.getByRole('heading', { name: '3 comments', exact: true }).waitFor();

  const text = 'Posted from a phone, held for a moderator.';
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  const postButton = widget.getByRole('button', { name: 'Post' });
  await postButton.scrollIntoViewIfNeeded();
  await postButton.tap();

  const mine = widget.locator('.comment').filter({ hasText: text });
  const confirmation = mine.locator('[part="confirmation"]');
  await confirmation.waitFor();
  assert.equal(
    await confirmation.innerText(),
    'Your comment is awaiting moderation and will appear once approved.',
  );
  assert.equal(await mine.locator('[part="badge"]').innerText(), 'Awaiting moderation');
  // Smooth scrolling takes a moment; the reader does nothing meanwhile.
  for (
    let tries = 0;
    tries < 50 && !((await isInView(page, mine)) && (await isInView(page, confirmation)));
    tries++
  ) {
    await page.waitForTimeout(100);
  }
  assert.ok(await isInView(page, mine), 'the comment is in view');
  assert.ok(await isInView(page, confirmation), 'the confirmation is in view');
  await widget
    .getByRole('status')
    .getByText('Your comment is awaiting moderation and will appear once approved.')
    .waitFor();

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
  await mine.getByText(text).waitFor();
  assert.equal(await mine.locator('[part="badge"]').innerText(), 'Awaiting moderation');
  assert.equal((await listedTexts(page)).includes(text), false, 'the server lists it to no one');
  assert.equal(await mine.locator('[part="confirmation"]').count(), 0, 'a reload ends the confirmation');

  assert.deepEqual(problems, []);
  await context.close();
});

/** The contrast ratio (WCAG) between the Post button's text and its background. */
function postButtonContrast(widget) {
  return widget.getByRole('button', { name: 'Post' }).evaluate((button) => {
    const luminance = (colour) => {
      const [red, green, blue] = colour
        .match(/[\d.]+/g)
        .slice(0, 3)
        .map((value) => {
          const channel = Number(value) / 255;
          return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    };
    const style = getComputedStyle(button);
    const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  });
}

test('a light page read on a phone in dark mode, and a dark one, both get a Post button that reads as one', async (t) => {
  const server = await startServer({ database: temporary.file('theme.sqlite'), t });
  const { context, page, problems } = await openPage({ ...phone, colorScheme: 'dark' });
  for (const path of ['/', '/dark.html']) {
    const widget = await openThread(page, server, path);
    await widget.getByRole('button', { name: 'Post' }).waitFor();
    const contrast = await postButtonContrast(widget);
    assert.ok(contrast >= 4.5, `${path}: the Post button's text has a contrast of ${contrast.toFixed(2)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** A site on another loopback origin: one page that embeds the widget from `natterUrl`. */
async function startOtherSite(natterUrl) {
  const site = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Another blog</title>
  <script type="module" src="${new URL('natter.js', natterUrl).href}"></script></head>
  <body style="background: #fff; color: #111">
    <article><h1>A post on another site</h1><p>Its comments come from another origin.</p></article>
    <natter-comments></natter-comments>
  </body>
</html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${site.address().port}/2026/11/another-post`,
    origin: `http://127.0.0.1:${site.address().port}`,
    close: () => new Promise((resolve) => site.close(resolve)),
  };
}

test('a site the server does not allow is told so, and its owner which --origin to add', async (t) => {
  const server = await startServer({ database: temporary.file('origins.sqlite'), t });
  const site = await startOtherSite(server.url);
  t.after(() => site.close());
  // Chromium reports each refused answer as a console error of its own.
  const { context, page, problems, warnings } = await openPage(
    {},
    { expected: /CORS policy|Failed to load/ },
  );
  const errors = [];
  await page.exposeFunction('recordNatterError', (error) => errors.push(error));
  await page.addInitScript(() =>
    addEventListener('natter-error', (event) =>
      window.recordNatterError(`${event.detail.phase}: ${event.detail.error.code}`),
    ),
  );
  await page.goto(site.url);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget
    .getByRole('alert')
    .getByText('The comment server does not allow this site to show its comments.')
    .waitFor();
  assert.equal(await widget.getByText('Comments could not be loaded.').count(), 0);
  assert.deepEqual(errors, ['load: cors']);
  const advice = warnings.filter((warning) => warning.startsWith('natter:'));
  assert.equal(advice.length, 1, warnings.join('\n'));
  assert.ok(advice[0].includes(`--origin ${site.origin}`), advice[0]);
  assert.ok(advice[0].includes(new URL(server.url).origin), advice[0]);
  assert.deepEqual(problems, []);
  await context.close();
});
