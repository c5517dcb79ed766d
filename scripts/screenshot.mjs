/**
 * `npm run screenshot [-- --out DIR]`: runs the real server (built, on a throwaway SQLite file, with the demo
 * thread seeded), opens the light and dark article pages in Chromium at desktop and phone sizes, and saves
 * full-page and widget PNGs once the comments show.
 */
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
const viewports = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'mobile', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
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

await mkdir(outDirectory, { recursive: true });
const dataDirectory = await mkdtemp(join(tmpdir(), 'natter-screenshot-'));
const server = await createServer({ port: 0, database: join(dataDirectory, 'natter.sqlite'), demo: true });
const browser = await launchChromium();

let missingWidgets = 0;
try {
  for (const { name: pageName, path } of pages) {
    for (const { name: viewportName, ...contextOptions } of viewports) {
      const context = await browser.newContext({ ...contextOptions, locale: 'en-GB' });
      const page = await context.newPage();
      const label = `${pageName}-${viewportName}`;
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          const { url } = message.location();
          console.warn(`  [${label}] console ${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`);
        }
      });
      page.on('pageerror', (error) => console.warn(`  [${label}] page error: ${error.message}`));
      await page.addInitScript(recordWidgetLoad);

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
} finally {
  await browser.close();
  await server.close();
  await rm(dataDirectory, { recursive: true, force: true });
}

if (missingWidgets > 0) {
  console.error(`${missingWidgets} screenshot(s) taken without comments: is dist/natter.js built?`);
  process.exitCode = 1;
}
