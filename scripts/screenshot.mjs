/**
 * `npm run screenshot [-- --out DIR]`: runs the real server (built, on a throwaway SQLite file, with the demo
 * thread seeded), opens the light and dark article pages in Chromium at desktop and phone sizes, and saves
 * full-page and widget PNGs once the comments show. Then three moments of a reader's and a site owner's first
 * hour, as the reader's screen shows them:
 * - `posting-held-mobile`: a comment just posted from a phone to a server under `--moderation all`, in view with
 *   its confirmation and its mark;
 * - `light-os-dark-mobile`: the light article on a phone whose reader chose dark mode;
 * - `other-origin`: the widget embedded on a page of another origin that the server was not started to allow;
 * - `report-mobile`: Report opened under another reader's comment on a phone, a reason chosen.
 */
import { createServer as createHttpServer } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { createServer } from '../dist/lib/server/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    timeout: { type: 'string', default: '10000' },
  },
});
const outDirectory = resolve(values.out);
const widgetTimeout = Number(values.timeout);

const pages = [
  { name: 'light', path: '/' },
  { name: 'dark', path: '/dark.html' },
];
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const viewports = [
  { name: 'desktop', ...desktop },
  { name: 'mobile', ...phone },
];

/** Runs in the page before its scripts: remembers `natter-loaded`, which may fire before we look. */
function recordWidgetLoad() {
  window.addEventListener('natter-loaded', () => (window.__natterLoaded = true), { capture: true });
}

/** True once the widget said it loaded, or shows at least one comment. */
function isWidgetLoaded() {
  const widget = document.querySelector('natter-comments');
  return window.__natterLoaded === true || Boolean(widget?.shadowRoot?.querySelector('article'));
}

/** A new page in a context of its own, its console warnings and errors echoed under `label`. */
async function openPage(label, contextOptions) {
  const context = await browser.newContext({ ...contextOptions, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      const { url } = message.location();
      console.warn(`  [${label}] console ${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`);
    }
  });
  page.on('pageerror', (error) => console.warn(`  [${label}] page error: ${error.message}`));
  await page.addInitScript(recordWidgetLoad);
  return { context, page };
}

/** Saves what the reader's screen shows now (the viewport, not the whole page). */
async function saveScreen(page, name) {
  await page.evaluate(() => document.fonts.ready);
  const file = resolve(outDirectory, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

/** Posts a comment from a phone to a server that holds every comment, and saves the screen once it settled. */
async function screenshotPostingHeld(serverUrl) {
  const { context, page } = await openPage('posting-held-mobile', phone);
  await page.goto(serverUrl, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(isWidgetLoaded, null, { timeout: widgetTimeout });
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  await widget
    .getByRole('textbox', { name: 'Comment' })
    .fill('The part about waiting rooms rings true. Thank you for writing it.');
  const post = widget.getByRole('button', { name: 'Post' });
  await post.scrollIntoViewIfNeeded();
  await post.tap();
  await widget.locator('[part="confirmation"]').waitFor({ timeout: widgetTimeout });
  // The smooth scroll ends, and the highlight is half-way through fading: what a reader sees a moment after.
  await page.waitForTimeout(1500);
  await saveScreen(page, 'posting-held-mobile');
  await context.close();
}

/** The light article on a phone in dark mode: the widget must follow the page, not the phone. */
async function screenshotLightPageDarkPhone(serverUrl) {
  const { context, page } = await openPage('light-os-dark-mobile', { ...phone, colorScheme: 'dark' });
  await page.goto(serverUrl, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(isWidgetLoaded, null, { timeout: widgetTimeout });
  await widget.getByRole('button', { name: 'Post' }).scrollIntoViewIfNeeded();
  await saveScreen(page, 'light-os-dark-mobile');
  const file = resolve(outDirectory, 'light-os-dark-mobile-widget.png');
  await widget.screenshot({ path: file });
  console.log(file);
  await context.close();
}

/** Report opened under the first comment on a phone, with a reason chosen: the choice as a reader meets it. */
async function screenshotReport(serverUrl) {
  const { context, page } = await openPage('report-mobile', phone);
  await page.goto(serverUrl, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(isWidgetLoaded, null, { timeout: widgetTimeout });
  const comment = widget.locator('li.comment').first();
  await comment.getByRole('button', { name: 'Report' }).tap();
  await comment.getByRole('radio', { name: 'Off-topic' }).check();
  await comment.locator('[part="report-form"]').scrollIntoViewIfNeeded();
  await saveScreen(page, 'report-mobile');
  await context.close();
}

/** A page on another origin that embeds the widget from `serverUrl`, which was not started to allow it. */
async function screenshotOtherOrigin(serverUrl) {
  const site = createHttpServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Another blog</title>
    <script type="module" src="${new URL('natter.js', serverUrl).href}"></script>
    <style>body { margin: 0 auto; max-width: 40rem; padding: 2rem 1rem; font: 18px/1.6 Georgia, serif; }</style>
  </head>
  <body>
    <h1>A post on another site</h1>
    <p>This blog embeds its comments from a natter server that was started without <code>--origin</code> for it.</p>
    <natter-comments></natter-comments>
  </body>
</html>`);
  });
  await new Promise((done) => site.listen(0, '127.0.0.1', done));
  try {
    const { context, page } = await openPage('other-origin', desktop);
    await page.goto(`http://127.0.0.1:${site.address().port}/2026/11/another-post`, { waitUntil: 'load' });
    await page.locator('natter-comments').getByRole('alert').waitFor({ timeout: widgetTimeout });
    await saveScreen(page, 'other-origin');
    await context.close();
  } finally {
    await new Promise((done) => site.close(done));
  }
}

await mkdir(outDirectory, { recursive: true });
const dataDirectory = await mkdtemp(join(tmpdir(), 'natter-screenshot-'));
const server = await createServer({ port: 0, database: join(dataDirectory, 'natter.sqlite'), demo: true });
const heldServer = await createServer({
  port: 0,
  database: join(dataDirectory, 'held.sqlite'),
  demo: true,
  moderation: 'all',
});
const browser = await launchChromium();

let missingWidgets = 0;
try {
  for (const { name: pageName, path } of pages) {
    for (const { name: viewportName, ...contextOptions } of viewports) {
      const label = `${pageName}-${viewportName}`;
      const { context, page } = await openPage(label, contextOptions);

      await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      await page.locator('natter-comments').scrollIntoViewIfNeeded();
      try {
        await page.waitForFunction(isWidgetLoaded, null, { timeout: widgetTimeout });
      } catch {
        missingWidgets += 1;
        console.warn(`  [${label}] no comments after ${widgetTimeout} ms; taking the screenshot anyway`);
      }
      await page.evaluate(() => document.fonts.ready);

      const file = resolve(outDirectory, `${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      // The widget alone, at full resolution: the part of the page this project owns.
      const widgetFile = resolve(outDirectory, `${label}-widget.png`);
      await page.locator('natter-comments').screenshot({ path: widgetFile });
      console.log(widgetFile);
      await context.close();
    }
  }
  await screenshotPostingHeld(heldServer.url);
  await screenshotLightPageDarkPhone(server.url);
  await screenshotOtherOrigin(server.url);
  await screenshotReport(server.url);
} finally {
  await browser.close();
  await server.close();
  await heldServer.close();
  await rm(dataDirectory, { recursive: true, force: true });
}

if (missingWidgets > 0) {
  console.error(`${missingWidgets} screenshot(s) taken without comments: is dist/natter.js built?`);
  process.exitCode = 1;
}
