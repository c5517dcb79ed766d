/**
 * `npm run screenshot [-- --out DIR]`: runs the real server (built, on a throwaway SQLite file, with the demo
 * thread seeded), opens the light and dark article pages in Chromium at desktop and phone sizes, and saves
 * full-page and widget PNGs once the comments show. Then three moments of a reader's and a site owner's first
 * hour, as the reader's screen shows them:
 * - `posting-held-mobile`: a comment just posted from a phone to a server under `--moderation all`, in view with
 *   its confirmation and its mark;
 * - `light-os-dark-mobile`: the light article on a phone whose reader chose dark mode;
 * - `other-origin`: the widget embedded on a page of another origin that the server was not started to allow;
 * - `report-mobile`: Report opened under another reader's comment on a phone, a reason chosen;
 * - `conversation-{light,dark}-{mobile,desktop}`: a threaded conversation opened at a permalink to a reply nested
 *   past `max-depth` (so "in reply to"), as the screen shows it once scrolled there; and `…-widget`, the whole
 *   widget with a reply form opened two levels down, "Show earlier comments" above, five replies collapsed to two
 *   and "Show 3 more replies", and a deleted comment's placeholder with its reply;
 * - `references-{light,dark}-{desktop,mobile}`: the demo article's References (other websites' replies, a
 *   mention, a bookmark, likes and reposts, one reply with a hostile title), as the screen shows it once scrolled
 *   there; and `respond-{light,dark}-{desktop,mobile}`, "My response is on my own website" opened, its address
 *   field focused.
 * - `rtl-{ar,he}-{desktop,mobile}`: that conversation with the widget's `locale` in Arabic or Hebrew on the
 *   English article, mirrored: opened at the same permalink (its bar on the right, replies hanging from a line on
 *   the right); and `rtl-ar-{desktop,mobile}-widget`, the whole widget with a reply form open.
 * The demo server takes Webmentions, so the whole-page and widget pictures show the references too.
 */
import { createServer as createHttpServer } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { createServer } from '../dist/lib/server/index.js';
import { demoThread } from '../dist/lib/server/demo-seed.js';
import { seedMentions, sourceEntry } from './seed-references.mjs';

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

/** True once the widget shows its thread (it said it loaded, or a comment stands) and its form. */
function isWidgetLoaded() {
  const root = document.querySelector('natter-comments')?.shadowRoot;
  // The thread (or why it failed), then the form, whose chunk comes once the thread is painted.
  const isThreadShown = window.__natterLoaded === true || Boolean(root?.querySelector('article'));
  return isThreadShown && Boolean(root?.querySelector('form'));
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

/** Screens whose page was wider than the screen when saved: something overflowed. */
let tooWide = 0;

/** Saves what the reader's screen shows now (the viewport, not the whole page); says so if the page is too wide. */
async function saveScreen(page, name) {
  await page.evaluate(() => document.fonts.ready);
  const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (width > 0) {
    tooWide += 1;
    console.warn(`  [${name}] the page is ${width} px wider than the screen`);
  }
  const file = resolve(outDirectory, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

/** Opens `url` and waits until its widget shows the thread and its form; returns the widget. */
async function openWidget(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(isWidgetLoaded, null, { timeout: widgetTimeout });
  return widget;
}

/** Posts a comment from a phone to a server that holds every comment, and saves the screen once it settled. */
async function screenshotPostingHeld(serverUrl) {
  const { context, page } = await openPage('posting-held-mobile', phone);
  const widget = await openWidget(page, serverUrl);
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

/**
 * Makes the viewport as tall as the page, so that a whole-page or whole-widget picture shows every conversation:
 * the widget paints only the conversations near the screen (CSS `content-visibility: auto`), which a reader
 * scrolling sees each in turn, but a picture beyond the viewport would show as gaps.
 */
async function showWhole(page) {
  const width = page.viewportSize().width;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height });
  await afterTwoFrames(page);
}

/** Resolves once two frames have passed: what the page was just asked to do is laid out and painted. */
function afterTwoFrames(page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Saves the whole widget, every conversation painted ({@link showWhole}), as `name`. */
async function saveWidget(page, widget, name) {
  await page.evaluate(() => document.fonts.ready);
  await showWhole(page);
  const file = resolve(outDirectory, `${name}.png`);
  await widget.screenshot({ path: file });
  console.log(file);
}

/** Opens the reply form under comment `id` (its button named `reply`), then saves the whole widget as `name`. */
async function saveWidgetReplying(page, widget, { id, reply, name }) {
  const parent = widget.locator(`[id="comment-${id}"]`);
  await parent.locator(':scope > article').getByRole('button', { name: reply, exact: true }).click();
  await parent.locator(':scope > form').waitFor({ timeout: widgetTimeout });
  await saveWidget(page, widget, name);
}

/**
 * Waits until the smooth scroll to comment `target` (a permalink's) has ended, which takes over a second from the
 * top of a long article: the comment stays put between two looks.
 */
async function waitUntilScrolledTo(page, target) {
  await page.waitForFunction(
    (id) => {
      const item = document.querySelector('natter-comments').shadowRoot.getElementById(`comment-${id}`);
      const top = Math.round(item.getBoundingClientRect().top);
      const isStill = top === window.__lastTargetTop;
      window.__lastTargetTop = top;
      return isStill;
    },
    target,
    { timeout: widgetTimeout, polling: 250 },
  );
}

/** The light article on a phone in dark mode: the widget must follow the page, not the phone. */
async function screenshotLightPageDarkPhone(serverUrl) {
  const { context, page } = await openPage('light-os-dark-mobile', { ...phone, colorScheme: 'dark' });
  const widget = await openWidget(page, serverUrl);
  await widget.getByRole('button', { name: 'Post' }).scrollIntoViewIfNeeded();
  await saveScreen(page, 'light-os-dark-mobile');
  await saveWidget(page, widget, 'light-os-dark-mobile-widget');
  await context.close();
}

/** Report opened under the first comment on a phone, with a reason chosen: the choice as a reader meets it. */
async function screenshotReport(serverUrl) {
  const { context, page } = await openPage('report-mobile', phone);
  const widget = await openWidget(page, serverUrl);
  const comment = widget.locator('.comment').first();
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

/** Posts `comment` to the demo thread on `serverUrl` through the HTTP API; resolves with the server's answer. */
async function postToDemo(serverUrl, comment) {
  const response = await fetch(new URL('/api/v1/comments', serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ thread: demoThread, ...comment }),
  });
  if (response.status !== 201)
    throw new Error(`seeding the conversation: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Gives the demo thread a conversation (on a server that publishes at once and limits nothing): under Jonas's
 * comment a chain five replies deep, the last two past `max-depth`; five replies under Priya's; and a comment
 * deleted by its author after someone answered it. Resolves with the ids the screenshots need.
 */
async function seedConversation(serverUrl) {
  const reply = async (parent, name, text) =>
    (await postToDemo(serverUrl, { parent, name, text })).comment.id;
  const planned = await reply(
    'demo-2',
    'Maren Ellis',
    'Planned reading time is exactly what our practice manager is trialling this winter. I will report back.',
  );
  const please = await reply(
    planned,
    'Jonas Lindqvist',
    'Please do. Twenty minutes a week would already change a lot.',
  );
  const tried = await reply(
    please,
    'Tomás Ferreira',
    'Our surgery tried it last year: a weekly "bring what you found" clinic. Patients booked it within days.',
  );
  const who = await reply(
    tried,
    'Hannah Okafor',
    'Did the slots go to the same few patients every week, or did they reach people who rarely come in?',
  );
  await reply(who, 'Tomás Ferreira', 'Mostly new faces, which surprised us. Carers especially.');
  const answers = [
    [
      'Oluwaseun Adeyemi',
      'A separate address is such a simple idea. I wish someone had told me that years ago.',
    ],
    ['Maren Ellis', 'Thank you, Priya. May I quote this in a follow-up piece, without your name?'],
    ['Priya Raman', 'Of course, Maren.'],
    ['Katarzyna Wiśniewska-Lindgren', 'Same here with photos: I crop out anything that shows where I live.'],
    ['Jonas Lindqvist', 'Worth adding: most patient portals let you turn off e-mail previews of messages.'],
  ];
  for (const [name, text] of answers) await reply('demo-3', name, text);
  const regretted = await postToDemo(serverUrl, {
    name: 'Sam Whitfield',
    text: 'Has anyone here stopped a prescribed medicine because of something they read online?',
  });
  await reply(
    regretted.comment.id,
    'Hannah Okafor',
    'I understand why you took this down; it was a fair question, and the answers here would have been kind.',
  );
  const deleted = await fetch(new URL(`/api/v1/comments/${regretted.comment.id}`, serverUrl), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${regretted.secret}` },
  });
  if (deleted.status !== 204) throw new Error(`deleting the seeded comment: ${deleted.status}`);
  return { target: who, replyUnder: please };
}

/**
 * The conversation on `path` at one viewport: opened at the permalink of `target`, the screen once it is scrolled
 * there; then a reply form opened under `replyUnder` and the whole widget.
 */
async function screenshotConversation(
  serverUrl,
  { pageName, path, viewportName, contextOptions, target, replyUnder },
) {
  const label = `conversation-${pageName}-${viewportName}`;
  const { context, page } = await openPage(label, contextOptions);
  await page.goto(new URL(`${path}#comment-${target}`, serverUrl).href, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.locator(`[id="comment-${target}"][part~="target"]`).waitFor({ timeout: widgetTimeout });
  await waitUntilScrolledTo(page, target);
  await saveScreen(page, label);
  await saveWidgetReplying(page, widget, { id: replyUnder, reply: 'Reply', name: `${label}-widget` });
  await context.close();
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Gives the demo article the references other websites sent, verified and published: two replies (one with a long
 * title and excerpt, one whose title and excerpt hold markup and a right-to-left override, which must show as
 * text), a mention whose source names no author, a bookmark, three likes and two reposts.
 */
async function seedReferences(server) {
  const now = Date.now();
  const at = (ago) => new Date(now - ago).toISOString();
  const target = new URL(demoThread, server.url).href;
  let serial = 0;
  const reference = (source, ago, entry) => {
    serial += 1;
    return {
      id: `mention${String(serial).padStart(9, '0')}`,
      source,
      target,
      thread: demoThread,
      senderIp: '203.0.113.80',
      receivedAt: at(ago),
      entry,
      status: 'published',
    };
  };
  await seedMentions(server.store, [
    reference(
      'https://aleksandra.example/2026/11/waiting-rooms-and-hashtags',
      4 * day,
      sourceEntry('reply', {
        url: 'https://aleksandra.example/2026/11/waiting-rooms-and-hashtags',
        title:
          'Waiting rooms, hashtags and the slow work of trust: what a year of running a patient support group taught me about health advice on social media',
        authorName: 'Dr. Aleksandra Nowak-Villanueva',
        authorUrl: 'https://aleksandra.example/',
        excerpt:
          'I agree with most of this, but I would go further on moderation. Our group (https://aleksandra.example/support-groups/chronic-pain-and-fatigue-2026) learned that a pinned "ask your doctor" is not enough: members need someone who knows when a thread is drifting from sharing experience into giving dosing advice.',
        publishedAt: at(4 * day + 2 * hour),
      }),
    ),
    reference(
      'https://mallory.example/replies/42',
      2 * day,
      sourceEntry('reply', {
        title: 'Re: <script>alert("natter")</script> \u202Efdp.exe',
        authorName: 'Mallory <b>Moderator</b>',
        authorUrl: 'javascript:alert(1)',
        excerpt:
          'Nothing to see here <img src=x onerror=alert(1)> and \u202Eesrever ni si txet sihT, then back to normal?',
        publishedAt: at(2 * day + 30 * minute),
      }),
    ),
    reference(
      'https://weekly-links.example/issue/212',
      day + 5 * hour,
      sourceEntry('mention', {
        title: 'Weekly links #212: health, privacy and the open web',
        excerpt: 'Also this week: a thoughtful piece on what patients find online, and what they do with it.',
      }),
    ),
    reference(
      'https://kenji.example/bookmarks/2026-11-18',
      day,
      sourceEntry('bookmark', {
        url: 'https://kenji.example/bookmarks/2026-11-18',
        title: 'Health care and social media',
        authorName: 'Kenji Watanabe',
        authorUrl: 'https://kenji.example/',
      }),
    ),
    ...[
      ['https://priya.example/likes/1', 'Priya Raman', 'https://priya.example/'],
      ['https://micro.example/jonas/likes/88', 'Jonas Lindqvist', null],
      ['https://anamaria.example/likes/2026-11-19', 'Ana María Rodríguez', 'https://anamaria.example/'],
    ].map(([source, authorName, authorUrl], index) =>
      reference(source, 20 * hour - index * hour, sourceEntry('like', { authorName, authorUrl })),
    ),
    ...[
      ['https://tomas.example/reposts/7', 'Tomás Ferreira', 'https://tomas.example/'],
      ['https://seun.example/2026/11/19/repost', 'Oluwaseun Adeyemi', 'https://seun.example/'],
    ].map(([source, authorName, authorUrl], index) =>
      reference(source, 10 * hour - index * hour, sourceEntry('repost', { authorName, authorUrl })),
    ),
  ]);
}

/** Scrolls the page so that `locator`'s element stands near the top of the screen, and waits until it is painted. */
async function scrollToTop(page, locator) {
  await locator.evaluate((element) => {
    const top = element.getBoundingClientRect().top + window.scrollY - 16;
    window.scrollTo({ top, behavior: 'instant' });
  });
  await afterTwoFrames(page);
}

/**
 * The demo article's references at one viewport, as the screen shows them once scrolled there; then "My response is
 * on my own website" opened, the form in view.
 */
async function screenshotReferences(serverUrl, { pageName, path, viewportName, contextOptions }) {
  const label = `references-${pageName}-${viewportName}`;
  const { context, page } = await openPage(label, contextOptions);
  const widget = await openWidget(page, new URL(path, serverUrl).href);
  const section = widget.locator('[part="references"]');
  await section.locator('[part="reaction"]').first().waitFor({ timeout: widgetTimeout });
  await scrollToTop(page, section);
  await saveScreen(page, label);
  const respond = widget.getByRole('button', { name: 'My response is on my own website' });
  await respond.click();
  await widget.locator('#respond-url:focus').waitFor({ timeout: widgetTimeout });
  // The arrow has turned.
  await page.waitForTimeout(300);
  await scrollToTop(page, widget.locator('.respond'));
  await saveScreen(page, `respond-${pageName}-${viewportName}`);
  await context.close();
}

/**
 * The conversation on the light article in a right-to-left language, set by the widget's `locale` attribute: the
 * screen at the permalink of `target` once scrolled there and, for Arabic, the whole widget with a reply form open
 * under `replyUnder`.
 */
async function screenshotRightToLeft(
  serverUrl,
  { locale, viewportName, contextOptions, target, replyUnder },
) {
  const label = `rtl-${locale}-${viewportName}`;
  const { messages } = await import(`../dist/lib/i18n/messages.${locale}.js`);
  const { context, page } = await openPage(label, contextOptions);
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<natter-comments', `<natter-comments locale="${locale}"`);
      await route.fulfill({ response, body });
    },
  );
  await page.goto(new URL(`/#comment-${target}`, serverUrl).href, { waitUntil: 'load' });
  const widget = page.locator('natter-comments');
  await widget.locator(`[id="comment-${target}"][part~="target"]`).waitFor({ timeout: widgetTimeout });
  await widget.locator('section[dir="rtl"] form').waitFor({ timeout: widgetTimeout });
  await waitUntilScrolledTo(page, target);
  await saveScreen(page, label);
  if (locale === 'ar') {
    await saveWidgetReplying(page, widget, {
      id: replyUnder,
      reply: messages.reply,
      name: `${label}-widget`,
    });
  }
  await context.close();
}

await mkdir(outDirectory, { recursive: true });
const dataDirectory = await mkdtemp(join(tmpdir(), 'natter-screenshot-'));
// As `natter serve --demo` runs by default: taking Webmentions, so the article offers "My response is on my own
// website". The seeded references are verified already: the worker has nothing to fetch.
const server = await createServer({
  port: 0,
  database: join(dataDirectory, 'natter.sqlite'),
  demo: true,
  webmention: {},
});
await seedReferences(server);
const heldServer = await createServer({
  port: 0,
  database: join(dataDirectory, 'held.sqlite'),
  demo: true,
  moderation: 'all',
});
const conversationServer = await createServer({
  port: 0,
  database: join(dataDirectory, 'conversation.sqlite'),
  demo: true,
  moderation: 'open',
  rateLimit: false,
  threadRateLimit: false,
  formToken: { isRequired: false, minAgeMs: 0 },
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
      await showWhole(page);
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
  for (const { name: pageName, path } of pages) {
    for (const { name: viewportName, ...contextOptions } of viewports) {
      await screenshotReferences(server.url, { pageName, path, viewportName, contextOptions });
    }
  }
  const conversation = await seedConversation(conversationServer.url);
  for (const { name: pageName, path } of pages) {
    for (const { name: viewportName, ...contextOptions } of viewports) {
      await screenshotConversation(conversationServer.url, {
        pageName,
        path,
        viewportName,
        contextOptions,
        ...conversation,
      });
    }
  }
  for (const locale of ['ar', 'he']) {
    for (const { name: viewportName, ...contextOptions } of viewports) {
      await screenshotRightToLeft(conversationServer.url, {
        locale,
        viewportName,
        contextOptions,
        ...conversation,
      });
    }
  }
} finally {
  await browser.close();
  await server.close();
  await heldServer.close();
  await conversationServer.close();
  await rm(dataDirectory, { recursive: true, force: true });
}

if (tooWide > 0) {
  console.error(`${tooWide} screen(s) wider than the viewport: something overflows`);
  process.exitCode = 1;
}
if (missingWidgets > 0) {
  console.error(`${missingWidgets} screenshot(s) taken without comments: is dist/natter.js built?`);
  process.exitCode = 1;
}
