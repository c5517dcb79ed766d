// What a reader downloads before the first comment shows, measured where it happens: the demo article (its policy
// and a comment with a link among the thread) on the real `natter serve`, in Chromium, in English and in Arabic (the
// language whose catalog is largest: a reader in another language fetches the thread's words first). Every script
// the page had started to fetch when a comment first stood in the widget counts, at the size natter serve sends it
// gzip; the form, linkifyjs, DOMPurify and the rest of a language's words must come after it, and the total stays
// within 22,000 B (issue 19: less than Isso's 22,246 B, the smallest peer without an iframe).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoThread } from '../../dist/lib/server/demo-seed.js';
import { postComment } from '../server/process/protocol-calls.mjs';
import { getRaw } from '../server/process/raw-get.mjs';
import { useBrowserAndFolder } from './browser.mjs';
import { startServer } from './server-process.mjs';
import { openWatchedPage } from './watched-page.mjs';

/** At most this many bytes gzip before the first comment shows, every chunk fetched by then included. */
const budgetBytes = 22_000;

const setup = await useBrowserAndFolder();

/** The bytes `url` takes on the wire when asked for gzip, as a browser without brotli would get it. */
async function gzipBytes(server, url) {
  const answer = await getRaw(server.url, new URL(url).pathname, { 'accept-encoding': 'gzip' });
  assert.equal(answer.status, 200, url);
  assert.equal(answer.headers['content-encoding'], 'gzip', url);
  return answer.bytes.length;
}

for (const { locale, before, after } of [
  { locale: 'en', before: ['natter.js'], after: [] },
  {
    locale: 'ar',
    before: ['natter.js', 'natter-catalogs.js', 'natter-messages.ar.js'],
    after: ['natter-words.js', 'natter-words.ar.js'],
  },
]) {
  test(`in ${locale}, the first comment shows with at most 22,000 B gzip of script; the form, links and policy come after`, async (t) => {
    const server = await startServer({ database: setup.temporary.file(), t });
    const text = 'Slides from the talk: example.org/slides, for anyone who asked.';
    assert.equal((await postComment(server.url, { thread: demoThread, text })).status, 201);
    const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: 10_000 });
    // The moment a comment first stands in the widget, in the page's own clock (before that frame is painted).
    await page.addInitScript(() => {
      const look = () => {
        const widget = document.querySelector('natter-comments');
        if (widget?.shadowRoot?.querySelector('.comment')) globalThis.firstCommentAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    // The demo article with the widget in `locale`, as a site in that language embeds it.
    await page.route(server.url, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('<natter-comments', `<natter-comments locale="${locale}"`);
      await route.fulfill({ response, body: html });
    });
    await page.goto(server.url);
    const widget = page.locator('natter-comments');
    await widget.scrollIntoViewIfNeeded();
    // Then everything else: the form, the link, the policy.
    await widget.locator('[part~="form"]').first().waitFor();
    await widget.locator('[part="body"] a[href="https://example.org/slides"]').first().waitFor();
    await widget.locator('[part~="policy"]').waitFor();

    const { firstCommentAt, scripts } = await page.evaluate(() => ({
      firstCommentAt: globalThis.firstCommentAt,
      scripts: performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ url: entry.name, startTime: entry.startTime })),
    }));
    assert.ok(typeof firstCommentAt === 'number', 'no comment was seen');
    const name = ({ url }) => new URL(url).pathname.slice(1).replace(/-[\w-]{8}\.js$/, '.js');
    const early = scripts.filter((script) => script.startTime < firstCommentAt);
    const late = scripts.filter((script) => script.startTime >= firstCommentAt);
    const sizes = await Promise.all(early.map((script) => gzipBytes(server, script.url)));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    t.diagnostic(`before the first comment: ${early.map(name).join(', ')}: ${total} B gzip`);
    t.diagnostic(`after it: ${late.map(name).join(', ')}`);

    assert.deepEqual(early.map(name), before);
    assert.ok(total <= budgetBytes, `${total} B gzip before the first comment, over ${budgetBytes}`);
    for (const chunk of ['natter-interactive.js', 'natter-linkify.js', 'natter-sanitize.js', ...after]) {
      assert.ok(late.map(name).includes(chunk), `${chunk} was not fetched after the first comment`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
