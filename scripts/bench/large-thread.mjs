#!/usr/bin/env node
// `npm run bench` (second part): a thread of 10,000 comments with replies, read in headless Chromium as a reader
// would: the demo page opened, "Show more comments" pressed page after page, the whole conversation scrolled
// through. Prints how long each step took, how many of the browser's frames came late while the reader scrolled,
// the main thread's long tasks, the DOM's size and the JavaScript heap. Nothing here is asserted: it is a measure.
// Options: --comments N (default 10000), --pages N ("Show more comments" presses; default: until all are shown).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, openStore } from '../../dist/lib/server/index.js';
import { launchChromium } from '../chromium.mjs';
import { perConversation, percentile, seedThread } from './thread-seed.mjs';

const { values } = parseArgs({
  options: { comments: { type: 'string', default: '10000' }, pages: { type: 'string', default: 'all' } },
});
const totalComments = Number(values.comments);
const pages = values.pages === 'all' ? Infinity : Number(values.pages);
/** The demo page's thread (src/server/demo-seed.ts): the page at `/` shows it. */
const thread = '/2026/11/health-care-and-social-media';

const directory = await mkdtemp(join(tmpdir(), 'natter-bench-thread-'));
const database = join(directory, 'thread.sqlite');
// Written into the store before the server starts (thread-seed.mjs): the demo's own comments then stay out of it.
const seeding = performance.now();
const store = await openStore(database);
await seedThread(store, thread, totalComments);
await store.close();
const seededSeconds = (performance.now() - seeding) / 1000;
const natter = await createServer({
  port: 0,
  database,
  demo: true,
  rateLimit: false,
  threadRateLimit: false,
  formToken: { isRequired: false },
  moderation: 'open',
});

let browser;
try {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  // Long tasks and frame times, recorded by the page itself from its first script on.
  await page.addInitScript(() => {
    window.natterBench = { longTasks: [], frames: [], recording: false };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.natterBench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    let last = performance.now();
    const frame = (now) => {
      if (window.natterBench.recording) window.natterBench.frames.push(now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  const widget = page.locator('natter-comments');
  const comments = widget.locator('.comment');
  const opening = performance.now();
  await page.goto(natter.url);
  await widget.scrollIntoViewIfNeeded();
  await comments.first().waitFor();
  const firstCommentMs = performance.now() - opening;
  const loadLongTasks = await page.evaluate(() => window.natterBench.longTasks.splice(0));

  // Each press is timed in the page, from the click to the first frame after the new comments arrived: the server's
  // answer, the render and the paint, as the reader waits for them (Playwright's locators would add their own
  // walks of the whole page to every figure).
  const pageMs = [];
  for (let press = 0; press < pages; press += 1) {
    const ms = await page.evaluate(async () => {
      const element = document.querySelector('natter-comments');
      const button = element.shadowRoot.querySelector('.comments ~ .actions [part~="show-more"]');
      if (!button) return undefined;
      const started = performance.now();
      button.click();
      // Disabled from the render after the click while the page is on its way; enabled again (or gone, after the
      // last page) once the page is shown.
      await element.updateComplete;
      if (!button.disabled) throw new Error('Show more did not start loading');
      await new Promise((resolve) => {
        const check = () =>
          !button.isConnected || !button.disabled ? resolve() : requestAnimationFrame(check);
        requestAnimationFrame(check);
      });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      return performance.now() - started;
    });
    if (ms === undefined) break;
    pageMs.push(ms);
    if (pageMs.length % 10 === 0) {
      console.log(
        `  … ${pageMs.length} presses: ${await comments.count()} comments shown, the last took ${ms.toFixed(0)} ms`,
      );
    }
  }
  const pagingLongTasks = await page.evaluate(() => window.natterBench.longTasks.splice(0));
  const shownComments = await comments.count();

  // A Like on the last comment, from the click to the first frame that shows it pressed: what any action on one
  // comment costs with all of them shown.
  const likeMs = await page.evaluate(async () => {
    const buttons = document.querySelector('natter-comments').shadowRoot.querySelectorAll('.like-button');
    const button = buttons[buttons.length - 1];
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () =>
        button.getAttribute('aria-pressed') === 'true' ? resolve() : requestAnimationFrame(check);
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    return performance.now() - started;
  });

  // Scrolls the whole page from top to bottom, 400 px a frame (a quick flick of the wheel, kept up), recording every
  // frame; driven from the page, so that no round trip to this script sits between two frames.
  await page.evaluate(() => window.scrollTo(0, 0));
  const scrolling = performance.now();
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.natterBench.recording = true;
        const step = () => {
          const { scrollHeight } = document.documentElement;
          if (window.scrollY + window.innerHeight >= scrollHeight - 1) return resolve();
          window.scrollBy(0, 400);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
  const scrollSeconds = (performance.now() - scrolling) / 1000;
  const { frames, scrollLongTasks } = await page.evaluate(() => {
    window.natterBench.recording = false;
    return { frames: window.natterBench.frames, scrollLongTasks: window.natterBench.longTasks.splice(0) };
  });
  const nodes = await page.evaluate(
    () => document.querySelector('natter-comments').shadowRoot.querySelectorAll('*').length,
  );
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heapMb = metrics.find((metric) => metric.name === 'JSHeapUsedSize').value / 1024 / 1024;

  const late = frames.filter((ms) => ms > 50).length;
  const sum = (values) => values.reduce((total, value) => total + value, 0);
  const row = (name, value) => console.log(`${name.padEnd(52)}${value}`);
  console.log(
    `A thread of ${totalComments} comments (${totalComments / perConversation} conversations of ${perConversation}), ` +
      `seeded in ${seededSeconds.toFixed(1)} s; Chromium ${browser.version()}, 1280×900`,
  );
  row('first comment shown after opening the page', `${firstCommentMs.toFixed(0)} ms`);
  row(
    '  long tasks meanwhile (count, longest)',
    `${loadLongTasks.length}, ${Math.max(0, ...loadLongTasks).toFixed(0)} ms`,
  );
  row(
    `"Show more comments", ${pageMs.length} presses: median, slowest`,
    `${percentile(pageMs, 0.5).toFixed(0)} ms, ${Math.max(0, ...pageMs).toFixed(0)} ms`,
  );
  row(
    '  long tasks meanwhile (count, longest)',
    `${pagingLongTasks.length}, ${Math.max(0, ...pagingLongTasks).toFixed(0)} ms`,
  );
  row('comments then shown', `${shownComments}`);
  row('a Like pressed on the last of them, until painted', `${likeMs.toFixed(0)} ms`);
  row('scrolling through them: frames, seconds', `${frames.length}, ${scrollSeconds.toFixed(1)} s`);
  row(
    '  frame interval p50, p95, longest',
    `${percentile(frames, 0.5).toFixed(1)}, ${percentile(frames, 0.95).toFixed(1)}, ${Math.max(0, ...frames).toFixed(0)} ms`,
  );
  row('  frames later than 50 ms', `${late} (${((100 * late) / Math.max(1, frames.length)).toFixed(1)} %)`);
  row(
    '  long tasks meanwhile (count, total)',
    `${scrollLongTasks.length}, ${sum(scrollLongTasks).toFixed(0)} ms`,
  );
  row('elements in the widget', `${nodes} (${(nodes / Math.max(1, shownComments)).toFixed(1)} per comment)`);
  row('JavaScript heap in use', `${heapMb.toFixed(1)} MB`);
} finally {
  await browser?.close();
  await natter.close();
  await rm(directory, { recursive: true, force: true });
}
