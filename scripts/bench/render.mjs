#!/usr/bin/env node
// `npm run bench -- render`: how fast <natter-comments> renders against the same markup built with plain DOM calls
// (render-baseline.js), in headless Chromium, in the same run, against the real server (built, in this process,
// on a throwaway SQLite file) and the demo article's page. Issue 19's goals: a page of 100 comments, and each
// "Show more", within 1.3× of plain DOM; no main-thread task over 50 ms while a thread of 10,000 comments with
// replies is read to its end.
//
// Each time runs from the moment the data is in hand (the list's answer read; its body is held in the page until
// then, so nothing else of the page's start is counted), or from the click for "Show more", to the end of the first
// frame after the DOM changed: a requestAnimationFrame callback, then a message posted from it, which runs once
// that frame's style, layout, paint and commit are done on the main thread. The widget's DOM changed once its
// update is complete (`natter-loaded`, then `updateComplete`); the baseline's when its function returns. Each
// widget page and its baseline page are windows of one browser, measured in turn, several times: ratios of
// medians, never absolute times across runs (the machine may be shared).
//
// Measured: the first page of 100 warm (the widget already showed a small thread, so its chunks, linkifyjs and
// code are in; then the thread is switched) and cold (a fresh page: the widget's first render shows text without
// links and no buttons until its chunks come, which the baseline builds at once; what that costs later is shown
// apart); each "Show more" to 1,000 comments (medians of --paging-repeats; which side presses first alternates,
// since the side that asks the server for a page second gets the answer from its cache) and on to the end; the main
// thread's long tasks (PerformanceObserver 'longtask') while the whole thread is paged in and scrolled through; the
// trees compared, so that the baseline is known to build the same markup.
// Options: --comments N (10000), --page-size N (100), --repeats N (5), --paging-repeats N (3), --through N
// (comments to page through in the last paging run; default all), --profile DIR (writes the main thread's CPU
// profiles of both sides, first pages warm and the last run's presses, for DevTools' Performance panel).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, openStore } from '../../dist/lib/server/index.js';
import { launchChromium } from '../chromium.mjs';
import { median, perConversation, seedThread } from './thread-seed.mjs';

const { values } = parseArgs({
  options: {
    comments: { type: 'string', default: '10000' },
    'page-size': { type: 'string', default: '100' },
    repeats: { type: 'string', default: '5' },
    'paging-repeats': { type: 'string', default: '3' },
    through: { type: 'string', default: 'all' },
    profile: { type: 'string' },
  },
});
const totalComments = Number(values.comments);
const pageSize = Number(values['page-size']);
const repeats = Number(values.repeats);
const pagingRepeats = Math.max(1, Number(values['paging-repeats']));
const through = values.through === 'all' ? Infinity : Number(values.through);
/** Pages timed in every paging run; the last run goes on to `through`. */
const pagedInEveryRun = Math.ceil(1000 / pageSize) - 1;

const largeThread = '/bench/thread';
/** A thread of a few comments the warm pages show first: links, a website, an identicon, a reply. */
const smallThread = '/bench/warm-up';

const directory = await mkdtemp(join(tmpdir(), 'natter-bench-render-'));
const database = join(directory, 'render.sqlite');
const seeding = performance.now();
const store = await openStore(database);
await seedThread(store, smallThread, 4);
await seedThread(store, largeThread, totalComments);
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

/** Runs in every page before its own scripts: long tasks, frames, and the list answers, held on request. */
function instrument() {
  const bench = {
    longTasks: [],
    frameTimes: [],
    isRecordingFrames: false,
    /** Each answer of GET …/comments, with when its body was in hand. */
    answers: [],
    gate: undefined,
  };
  window.natterBench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (now) => {
    if (bench.isRecordingFrames) bench.frameTimes.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  /** Holds list answers from now until `release()`; `held` resolves once one is held. */
  bench.hold = () => {
    let release;
    const released = new Promise((resolve) => (release = resolve));
    let onHeld;
    bench.gate = { released, release, held: new Promise((resolve) => (onHeld = resolve)), onHeld };
  };
  bench.release = () => {
    const gate = bench.gate;
    bench.gate = undefined;
    gate.release();
  };
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if ((init?.method ?? 'GET') !== 'GET' || !/\/api\/v1\/comments\?/.test(url)) return response;
    const body = await response.text();
    bench.answers.push({ url, at: performance.now() });
    const gate = bench.gate;
    if (gate) {
      gate.onHeld();
      await gate.released;
    }
    const { status, statusText, headers } = response;
    const answer = new Response(body, { status, statusText, headers });
    // Its text is in hand already: read at once, as the original's would be had it not been read here.
    answer.text = () => Promise.resolve(body);
    return answer;
  };
  /** Where a measured step starts, for its main thread's CPU time (see `measured`); returns the time. */
  bench.start = () => {
    performance.mark('natter-bench-start');
    return performance.now();
  };
  /** Resolves with the time at which the next frame's rendering is done (see the comment at the top). */
  bench.painted = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          performance.mark('natter-bench-painted');
          resolve(performance.now());
        };
        channel.port2.postMessage(null);
      }),
    );
  bench.frames = (count) =>
    new Promise((resolve) => {
      const step = () => (--count <= 0 ? resolve() : requestAnimationFrame(step));
      requestAnimationFrame(step);
    });
  /** A tree as text: elements with sorted attributes, and runs of text with their spaces collapsed. */
  bench.canonical = (node) => {
    let out = `<${node.localName}${[...node.attributes]
      .map(({ name, value }) => ` ${name}=${JSON.stringify(value)}`)
      .sort()
      .join('')}>`;
    let text = '';
    const flush = () => {
      const words = text.replace(/\s+/g, ' ').trim();
      if (words) out += JSON.stringify(words);
      text = '';
    };
    // The words "5 minutes ago" depend on the moment each was rendered; the time itself is compared.
    const isMoment = node.matches('time > span[aria-hidden]');
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += isMoment ? '' : child.data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        flush();
        out += bench.canonical(child);
      }
    }
    flush();
    return `${out}</${node.localName}>\n`;
  };
}

let browser;
try {
  const article = await (await fetch(natter.url)).text();
  const linkify = await readFile(new URL('../../node_modules/linkifyjs/dist/linkify.mjs', import.meta.url));
  const baselineScript = await readFile(new URL('render-baseline.js', import.meta.url));
  /** The demo article, its widget showing `thread`, a page at a time, at once. */
  const pageFor = (thread) =>
    article.replace(
      '<natter-comments></natter-comments>',
      `<natter-comments thread="${thread}" page-size="${pageSize}" lazy="false"></natter-comments>`,
    );
  const pageUrl = (thread) =>
    new URL(`bench/page.html?thread=${encodeURIComponent(thread)}`, natter.url).href;

  browser = await launchChromium();
  const contexts = [];
  /**
   * A window of its own (a tab beside another gets no frames) showing the demo article with `thread`, and the
   * DevTools session that reads its main thread's CPU time.
   */
  async function openPage(thread, { isHeld = false } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.route('**/bench/**', (route) => {
      const { pathname, searchParams } = new URL(route.request().url());
      if (pathname === '/bench/page.html')
        return route.fulfill({ contentType: 'text/html', body: pageFor(searchParams.get('thread')) });
      if (pathname === '/bench/linkify.mjs')
        return route.fulfill({ contentType: 'text/javascript', body: linkify });
      if (pathname === '/bench/render-baseline.js')
        return route.fulfill({ contentType: 'text/javascript', body: baselineScript });
      return route.continue();
    });
    await context.addInitScript(instrument);
    if (isHeld) await context.addInitScript(() => window.natterBench.hold());
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await page.goto(pageUrl(thread));
    return { page, cdp };
  }
  async function closePages() {
    for (const context of contexts.splice(0)) await context.close();
  }

  /**
   * The main thread's CPU time in `traceEvents` (a Chromium trace) from the step's start mark to its first paint
   * after it: each task's thread time (`tdur`), in the part of it between the two.
   */
  function cpuOfStep(traceEvents) {
    const start = traceEvents.findLast((event) => event.name === 'natter-bench-start');
    const end = traceEvents
      .filter((event) => event.name === 'natter-bench-painted' && event.ts >= start.ts)
      .reduce((first, event) => (event.ts < first.ts ? event : first));
    const tasks = traceEvents
      .filter((event) => event.ph === 'X' && event.pid === start.pid && event.tid === start.tid && event.tdur)
      .sort((a, b) => a.ts - b.ts);
    let cpu = 0;
    let taskEnd = -Infinity;
    for (const task of tasks) {
      if (task.ts < taskEnd) continue; // Inside a task counted already.
      taskEnd = task.ts + task.dur;
      const overlap = Math.min(taskEnd, end.ts) - Math.max(task.ts, start.ts);
      if (overlap > 0) cpu += (task.tdur * overlap) / Math.max(task.dur, 1);
    }
    return cpu / 1000;
  }
  /**
   * Runs `step` in `side`'s page, traced: what it returns (the wall time it measured), and the main thread's CPU
   * time from its start to the paint (which a busy machine inflates less than the wall time).
   */
  async function measured(side, step, argument) {
    await browser.startTracing(side.page, {
      categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'],
    });
    let wall;
    let trace;
    try {
      wall = await side.page.evaluate(step, argument);
    } finally {
      trace = await browser.stopTracing();
    }
    return wall === undefined
      ? undefined
      : { wall, cpu: cpuOfStep(JSON.parse(trace.toString()).traceEvents) };
  }

  /** With --profile, starts recording `side`'s main thread (DevTools' Profiler, a sample every 100 µs). */
  async function startProfile(side) {
    if (!values.profile) return;
    await side.cdp.send('Profiler.enable');
    await side.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await side.cdp.send('Profiler.start');
  }
  /** With --profile, writes what `side` recorded to DIR/NAME.cpuprofile. */
  async function stopProfile(side, name) {
    if (!values.profile) return;
    const { profile } = await side.cdp.send('Profiler.stop');
    await mkdir(values.profile, { recursive: true });
    await writeFile(join(values.profile, `${name}.cpuprofile`), JSON.stringify(profile));
  }

  /** Waits until the widget shows its thread with links, buttons and form: every chunk of it is in. */
  const whenComplete = ({ page }) =>
    page.waitForFunction(() => {
      const root = document.querySelector('natter-comments')?.shadowRoot;
      return (
        root?.querySelector('a[part~="link"]') &&
        root.querySelector('.comment-actions') &&
        root.querySelector('form')
      );
    });

  /** A page with the small thread shown in full, its widget then replaced by the baseline's host, with its styles. */
  async function openBaseline() {
    const side = await openPage(smallThread);
    await whenComplete(side);
    await side.page.evaluate(
      async ({ thread, limit }) => {
        const widget = document.querySelector('natter-comments');
        const host = document.createElement('div');
        const root = host.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = [...widget.shadowRoot.adoptedStyleSheets];
        const section = document.createElement('section');
        section.setAttribute('part', 'base');
        section.className = 'light';
        root.append(section);
        widget.replaceWith(host);
        const [{ tokenize }, { plainThread }] = await Promise.all([
          import('/bench/linkify.mjs'),
          import('/bench/render-baseline.js'),
        ]);
        const query = new URLSearchParams({ thread, limit: String(limit), sort: 'oldest' });
        window.plainBench = {
          section,
          tokenize,
          plainThread,
          listUrl: new URL(`/api/v1/comments?${query}`, location.href),
        };
        await window.natterBench.frames(2);
      },
      { thread: largeThread, limit: pageSize },
    );
    return side;
  }

  // What each side does, in its page. The steps whose time is taken return it; the others prepare them.
  /** Baseline: the first page's JSON fetched, the thread shown before taken away. */
  const fetchFirstPage = async () => {
    const plain = window.plainBench;
    plain.listUrl.searchParams.delete('cursor');
    plain.text = await (await fetch(plain.listUrl)).text();
    plain.section.replaceChildren();
    await window.natterBench.frames(2);
  };
  /** Baseline: the first page built from its JSON, until painted. */
  const buildFirstPage = async () => {
    const plain = window.plainBench;
    const started = window.natterBench.start();
    plain.thread = plain.plainThread(plain.section, {
      tokenize: plain.tokenize,
      pageUrl: location.href.split('#')[0],
      onShowMore: async () => {
        plain.listUrl.searchParams.set('cursor', plain.next);
        const text = await (await fetch(plain.listUrl)).text();
        plain.next = plain.thread.append(text);
        plain.appended();
      },
    });
    plain.next = plain.thread.show(plain.text);
    return (await window.natterBench.painted()) - started;
  };
  /** Widget: back to the small thread if need be, then switched to the large one, whose answer is held. */
  const holdLargeThread = async ({ large, small }) => {
    const bench = window.natterBench;
    const widget = document.querySelector('natter-comments');
    const loaded = () =>
      new Promise((resolve) => widget.addEventListener('natter-loaded', resolve, { once: true }));
    if (widget.thread !== small) {
      const back = loaded();
      widget.thread = small;
      await back;
      await widget.updateComplete;
      await bench.frames(2);
    }
    bench.hold();
    const { held } = bench.gate;
    widget.thread = large;
    await held;
    await bench.frames(2);
    bench.shown = loaded();
  };
  /** Widget: the held answer let through, until its page is painted (for a fresh page, after its words came). */
  const releaseFirstPage = async () => {
    const bench = window.natterBench;
    const widget = document.querySelector('natter-comments');
    const started = bench.start();
    bench.release();
    await bench.shown;
    await widget.updateComplete;
    return (await bench.painted()) - started;
  };
  /** Widget, in a fresh page: waits until the answer is held and the words are in, and records every render since. */
  const holdColdPage = async () => {
    const bench = window.natterBench;
    await customElements.whenDefined('natter-comments');
    const widget = document.querySelector('natter-comments');
    await bench.gate.held;
    while (!widget.shadowRoot.querySelector('.placeholder p')) await bench.frames(1);
    await bench.frames(2);
    bench.renders = [];
    const update = widget.update;
    widget.update = function (changed) {
      const started = performance.now();
      update.call(this, changed);
      bench.renders.push(bench.painted().then((painted) => painted - started));
    };
    bench.shown = new Promise((resolve) => widget.addEventListener('natter-loaded', resolve, { once: true }));
    bench.longTasks.splice(0);
  };
  /** Widget, in a fresh page: the renders after the first, once linkifyjs and the interactive chunk are in. */
  const laterRenders = async () => {
    const bench = window.natterBench;
    const root = document.querySelector('natter-comments').shadowRoot;
    while (!root.querySelector('a[part~="link"]') || !root.querySelector('.comment-actions'))
      await bench.frames(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { later: (await Promise.all(bench.renders)).slice(1), tasks: bench.longTasks.splice(0) };
  };
  /** Widget: one "Show more comments", from the click (and from the data in hand) to the paint. */
  const pressWidget = async () => {
    const bench = window.natterBench;
    const widget = document.querySelector('natter-comments');
    // Found from the list, not by a selector that walks every comment before it: that would be counted too.
    let actions = widget.shadowRoot.querySelector('[part="list"]')?.nextElementSibling;
    while (actions && !actions.matches('.actions')) actions = actions.nextElementSibling;
    const button = actions?.querySelector('[part~="show-more"]');
    if (!button) return undefined;
    const answers = bench.answers.length;
    const shown = new Promise((resolve) => widget.addEventListener('natter-loaded', resolve, { once: true }));
    const started = bench.start();
    button.click();
    await shown;
    await widget.updateComplete;
    const painted = await bench.painted();
    return { click: painted - started, data: painted - bench.answers[answers].at };
  };
  /** Baseline: the same. */
  const pressBaseline = async () => {
    const bench = window.natterBench;
    const plain = window.plainBench;
    if (!plain.thread.button.isConnected) return undefined;
    const answers = bench.answers.length;
    const appended = new Promise((resolve) => (plain.appended = resolve));
    const started = bench.start();
    plain.thread.button.click();
    await appended;
    const painted = await bench.painted();
    return { click: painted - started, data: painted - bench.answers[answers].at };
  };
  const threads = { large: largeThread, small: smallThread };
  async function firstPageOfWidget(side) {
    await side.page.evaluate(holdLargeThread, threads);
    return measured(side, releaseFirstPage);
  }
  async function firstPageOfBaseline(side) {
    await side.page.evaluate(fetchFirstPage);
    return measured(side, buildFirstPage);
  }
  const longTasks = ({ page }) => page.evaluate(() => window.natterBench.longTasks.splice(0));
  const commentsOf = ({ page }) =>
    page.evaluate(
      () =>
        (document.querySelector('natter-comments')?.shadowRoot ?? window.plainBench.section).querySelectorAll(
          '.comment',
        ).length,
    );

  // The first page, warm: both pages open side by side, measured in turn.
  const warm = { widget: [], plain: [] };
  const widgetSide = await openPage(smallThread);
  await whenComplete(widgetSide);
  const plainSide = await openBaseline();
  await startProfile(widgetSide);
  await startProfile(plainSide);
  for (let run = 0; run < repeats; run += 1) {
    warm.widget.push(await firstPageOfWidget(widgetSide));
    warm.plain.push(await firstPageOfBaseline(plainSide));
  }
  await stopProfile(widgetSide, 'widget-first-page');
  await stopProfile(plainSide, 'plain-first-page');
  // The same markup: the widget's list and the baseline's, compared as trees.
  const widgetList = await widgetSide.page.evaluate(() =>
    window.natterBench.canonical(
      document.querySelector('natter-comments').shadowRoot.querySelector('.comments'),
    ),
  );
  const plainList = await plainSide.page.evaluate(() =>
    window.natterBench.canonical(window.plainBench.section.querySelector('.comments')),
  );
  if (widgetList !== plainList) {
    const widgetLines = widgetList.split('\n');
    const plainLines = plainList.split('\n');
    const at = widgetLines.findIndex((line, index) => line !== plainLines[index]);
    console.error('The baseline does not build the markup the widget shows. First difference:');
    console.error(
      `widget:   ${widgetLines[at]?.slice(0, 2000)}\nbaseline: ${plainLines[at]?.slice(0, 2000)}`,
    );
    process.exitCode = 1;
  }
  await closePages();

  // The first page, cold: a fresh page each time, the widget's answer held until its words are in.
  const cold = { widget: [], plain: [], later: [], tasks: [] };
  for (let run = 0; run < repeats; run += 1) {
    const widget = await openPage(largeThread, { isHeld: true });
    await widget.page.evaluate(holdColdPage);
    cold.widget.push(await measured(widget, releaseFirstPage));
    const { later, tasks } = await widget.page.evaluate(laterRenders);
    cold.later.push(later);
    cold.tasks.push(...tasks);
    await closePages();
    cold.plain.push(await firstPageOfBaseline(await openBaseline()));
    await closePages();
  }

  // "Show more comments", widget and baseline pressed in turn; every run to 1,000, the last to the end.
  const presses = [];
  const reading = {};
  for (let run = 0; run < pagingRepeats; run += 1) {
    const isLast = run === pagingRepeats - 1;
    const widget = await openPage(smallThread);
    await whenComplete(widget);
    const plain = await openBaseline();
    await firstPageOfWidget(widget);
    await firstPageOfBaseline(plain);
    await longTasks(widget);
    await longTasks(plain);
    if (isLast) await Promise.all([startProfile(widget), startProfile(plain)]);
    for (let press = 0; isLast ? (press + 1) * pageSize < through : press < pagedInEveryRun; press += 1) {
      // The server keeps each answer, and its compressed forms, once it has made them: the side that asks for a
      // page second gets it from that cache, the first waits for the query and the compression. Which side goes
      // first alternates, so that each pays for half of the pages (and each press of the runs for both sides).
      const isWidgetFirst = (run + press) % 2 === 0;
      const first = await measured(...(isWidgetFirst ? [widget, pressWidget] : [plain, pressBaseline]));
      const second = await measured(...(isWidgetFirst ? [plain, pressBaseline] : [widget, pressWidget]));
      const [widgetTime, plainTime] = isWidgetFirst ? [first, second] : [second, first];
      if (!widgetTime || !plainTime) break;
      (presses[press] ??= { widget: [], plain: [] }).widget.push(widgetTime);
      presses[press].plain.push(plainTime);
      if (isLast && (press + 1) % 20 === 0)
        console.log(
          `  … ${press + 1} presses, the last ${widgetTime.wall.click.toFixed(0)} ms ` +
            `(plain DOM ${plainTime.wall.click.toFixed(0)} ms)`,
        );
    }
    if (!isLast) {
      await closePages();
      continue;
    }
    await stopProfile(widget, 'widget-show-more');
    await stopProfile(plain, 'plain-show-more');
    reading.shown = await commentsOf(widget);
    reading.plainShown = await commentsOf(plain);
    reading.pagingTasks = { widget: await longTasks(widget), plain: await longTasks(plain) };
    // Scrolled from top to bottom, 400 px a frame, driven in the page.
    const scroll = ({ page }) =>
      page.evaluate(async () => {
        const bench = window.natterBench;
        window.scrollTo(0, 0);
        await bench.frames(2);
        bench.longTasks.splice(0);
        bench.frameTimes.length = 0;
        bench.isRecordingFrames = true;
        await new Promise((resolve) => {
          const step = () => {
            if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1)
              return resolve();
            window.scrollBy(0, 400);
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        bench.isRecordingFrames = false;
        return { frames: bench.frameTimes.splice(0), tasks: bench.longTasks.splice(0) };
      });
    reading.scroll = { widget: await scroll(widget), plain: await scroll(plain) };
    await closePages();
  }

  // The figures: wall time (main-thread CPU time), ratio of wall times (of CPU times).
  const both = (wall, cpu) => `${wall.toFixed(1)} (${cpu.toFixed(1)})`;
  const ratio = (widget, plain) => (widget / plain).toFixed(2);
  const columns = (label, widget, plain) =>
    console.log(
      `${label.padEnd(34)}${both(widget.wall, widget.cpu).padStart(17)}${both(plain.wall, plain.cpu).padStart(17)}` +
        `${`${ratio(widget.wall, plain.wall)}× (${ratio(widget.cpu, plain.cpu)}×)`.padStart(17)}`,
    );
  const medians = (times, wall = (time) => time.wall) => ({
    wall: median(times.map(wall)),
    cpu: median(times.map((time) => time.cpu)),
  });
  const tasks = (list) =>
    `${list.filter((duration) => duration > 50).length} tasks over 50 ms, longest ${Math.max(0, ...list).toFixed(0)} ms`;
  console.log(
    `\nRendering: a thread of ${totalComments} comments (conversations of ${perConversation}, seeded in ` +
      `${seededSeconds.toFixed(1)} s), pages of ${pageSize}; Chromium ${browser.version()}, 1280×900.\n` +
      `Milliseconds to the paint, and (in brackets) of the page's main thread's CPU meanwhile; medians of ${repeats} ` +
      `(first page) and ${pagingRepeats} (Show more to 1,000), widget and plain DOM in turn.`,
  );
  console.log(`${''.padEnd(34)}${'widget'.padStart(17)}${'plain DOM'.padStart(17)}${'ratio'.padStart(17)}`);
  columns(`first page of ${pageSize}, warm`, medians(warm.widget), medians(warm.plain));
  columns(`first page of ${pageSize}, cold page *`, medians(cold.widget), medians(cold.plain));
  const later = cold.later.map((times) => times.reduce((sum, time) => sum + time, 0));
  console.log(
    `  * the widget's first render has plain text and no buttons; it renders again as its chunks arrive: ` +
      `${median(cold.later.map((times) => times.length))} renders, ${median(later).toFixed(1)} ms to paint in all ` +
      `(median); ${tasks(cold.tasks)} from the data to then (all runs)`,
  );
  console.log('"Show more comments", from the click (the data in hand) to the paint:');
  const sums = { widget: { wall: 0, cpu: 0 }, plain: { wall: 0, cpu: 0 } };
  const ratios = [];
  presses.forEach((press, index) => {
    const widget = medians(press.widget, (time) => time.wall.click);
    const plain = medians(press.plain, (time) => time.wall.click);
    const widgetData = median(press.widget.map((time) => time.wall.data));
    const plainData = median(press.plain.map((time) => time.wall.data));
    ratios.push({
      index,
      wall: widget.wall / plain.wall,
      cpu: widget.cpu / plain.cpu,
      data: widgetData / plainData,
      widget,
    });
    if (index < pagedInEveryRun) {
      for (const key of ['wall', 'cpu']) {
        sums.widget[key] += widget[key];
        sums.plain[key] += plain[key];
      }
    }
    if (index < pagedInEveryRun || (index + 2) % 10 === 0 || index === presses.length - 1)
      columns(
        `  press ${index + 1}, ${Math.min((index + 2) * pageSize, totalComments)} shown`,
        widget,
        plain,
      );
  });
  columns(`  to 1,000 in all`, sums.widget, sums.plain);
  const worst = ratios.reduce((a, b) => (b.cpu > a.cpu ? b : a), ratios[0]);
  console.log(
    `  all ${ratios.length} presses: median ratio ${median(ratios.map((r) => r.wall)).toFixed(2)}× ` +
      `(${median(ratios.map((r) => r.cpu)).toFixed(2)}× CPU; from the data in hand ${median(ratios.map((r) => r.data)).toFixed(2)}×), ` +
      `worst ${worst.cpu.toFixed(2)}× CPU at press ${worst.index + 1}; slowest widget press ` +
      `${Math.max(...ratios.map((r) => r.widget.wall)).toFixed(0)} ms`,
  );
  console.log(`Reading the whole thread (${reading.shown} comments shown; plain DOM ${reading.plainShown}):`);
  console.log(
    `  paging: widget ${tasks(reading.pagingTasks.widget)}; plain DOM ${tasks(reading.pagingTasks.plain)}`,
  );
  for (const side of ['widget', 'plain']) {
    const { frames, tasks: scrollTasks } = reading.scroll[side];
    const late = frames.filter((frame) => frame > 50).length;
    console.log(
      `  scrolling, ${side === 'widget' ? 'widget' : 'plain DOM'}: ${frames.length} frames, ${late} later than 50 ms ` +
        `(longest ${Math.max(0, ...frames).toFixed(0)} ms); ${tasks(scrollTasks)}`,
    );
  }
} finally {
  await browser?.close();
  await natter.close();
  await rm(directory, { recursive: true, force: true });
}
