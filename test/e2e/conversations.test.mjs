// Conversations on the demo blog, with the real `natter serve` (a child process on a fresh SQLite file) behind the
// widget: replies through the Reply button's form, nested and still nested after a reload; a permalink to a
// comment far beyond the first page, and one followed on an open page; a reader's own comment deleted under a
// reply, which stays as "Comment deleted" with the reply readable. Under the demo's strict CSP, without a page
// error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoThread } from '../../dist/lib/server/demo-seed.js';
import { postComment } from '../server/process/protocol-calls.mjs';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { startServer } from './server-process.mjs';
import { button, item, waitForHeading, shownIds, focusedComment } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;
/** The widget's page size on the demo page, which sets none: the client's default (`limits.defaultPageSize`). */
const pageSize = 50;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** Opens the demo blog at `hash` on `server` and waits until the widget shows its thread; returns the widget. */
async function openThread(page, server, hash = '') {
  await page.goto(new URL(`/${hash}`, server.url).href);
  const widget = page.locator('natter-comments');
  // The widget loads lazily, when it nears the viewport (at once for a permalink).
  if (!hash) await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

/** The ids of the comments in the replies list directly under comment `id`. */
async function replyIds(widget, id) {
  const items = await widget.locator(`[id="comment-${id}"] > ol.replies > .comment`).all();
  return Promise.all(items.map(async (reply) => (await reply.getAttribute('id')).replace('comment-', '')));
}

/** Waits until comment `id`'s top edge is inside the viewport (a smooth scroll may still be on its way). */
function waitUntilInView(page, id) {
  return page.waitForFunction(
    (target) => {
      const shown = document.querySelector('natter-comments').shadowRoot.getElementById(`comment-${target}`);
      const box = shown?.getBoundingClientRect();
      return Boolean(box) && box.top >= -1 && box.top < innerHeight - 40 && box.bottom > 0;
    },
    id,
    { timeout: waitMs },
  );
}

/** Opens the Reply form under `comment`, writes and posts a reply, and waits for it nested under `comment`. */
async function reply(widget, parentId, { name, text }) {
  const parent = item(widget, parentId);
  const open = parent.locator(':scope > article').getByRole('button', { name: 'Reply', exact: true });
  await open.click();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  const form = parent.locator(':scope > form[part~="reply-form"]');
  await form.waitFor();
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Your reply' }).fill(text);
  await button(form, 'Post reply').click();
  const posted = parent
    .locator(':scope > ol.replies > .comment')
    .filter({ has: widget.page().locator(':scope > article .body', { hasText: text }) });
  await posted.waitFor();
  await form.waitFor({ state: 'detached' });
  return (await posted.getAttribute('id')).replace('comment-', '');
}

/** Posts through the HTTP API and resolves with the stored comment. */
async function postThrough(server, comment) {
  const response = await postComment(server.url, { thread: demoThread, ...comment });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).comment;
}

test('a reader replies through Reply, and a reply to the reply nests one deeper, after a reload too', async (t) => {
  const server = await startServer({ database: temporary.file('replies.sqlite'), t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(page, server);
  await waitForHeading(widget, 3);
  assert.deepEqual(await replyIds(widget, 'demo-1'), []);

  const first = await reply(widget, 'demo-1', {
    name: 'Grace Hopper',
    text: 'Pointing medical questions back to the GP is the rule we use too.',
  });
  await waitForHeading(widget, 4);
  assert.deepEqual(await replyIds(widget, 'demo-1'), [first]);
  // Posted, focus goes to the new reply.
  assert.equal(await focusedComment(page), first);
  assert.equal(await widget.locator('.comment').count(), 4);

  const second = await reply(widget, first, {
    name: 'Hannah Okafor',
    text: 'Glad to hear it works elsewhere. Do you keep a reading list as well?',
  });
  await waitForHeading(widget, 5);
  assert.deepEqual(await replyIds(widget, first), [second]);
  assert.deepEqual(await replyIds(widget, 'demo-1'), [first]);
  assert.equal(await focusedComment(page), second);
  // The main form is where it was, and no reply form is left open.
  assert.equal(await widget.locator('form[part~="reply-form"]').count(), 0);

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 5);
  assert.deepEqual(await shownIds(widget), ['demo-1', first, second, 'demo-2', 'demo-3']);
  assert.deepEqual(await replyIds(widget, 'demo-1'), [first]);
  assert.deepEqual(await replyIds(widget, first), [second]);
  assert.equal(
    await item(widget, second).locator(':scope > article [part="author"]').innerText(),
    'Hannah Okafor',
  );
  // Nested lists indent: each level starts further right than the one it answers.
  const lefts = await Promise.all(
    ['demo-1', first, second].map(async (id) => (await item(widget, id).boundingBox()).x),
  );
  assert.ok(lefts[0] < lefts[1] && lefts[1] < lefts[2], `not indented: ${lefts}`);

  assert.deepEqual(problems, []);
  await context.close();
});

test('a permalink beyond the first page opens there; earlier comments follow, and a new hash goes to its comment', async (t) => {
  const server = await startServer({ database: temporary.file('permalinks.sqlite'), t });
  // 3 seeded + 57: the 52nd posted is the 55th comment, well past the first page of 50.
  const posted = [];
  for (let index = 1; index <= 57; index += 1) {
    posted.push(
      await postThrough(server, {
        name: `Reader ${index}`,
        text: `Comment number ${index} of the long thread.`,
      }),
    );
  }
  const ids = ['demo-1', 'demo-2', 'demo-3', ...posted.map((comment) => comment.id)];
  const target = posted[51].id;
  assert.ok(ids.indexOf(target) >= pageSize);

  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const listings = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/comments' && request.method() === 'GET') listings.push(url.searchParams);
  });
  const widget = await openThread(page, server, `#comment-${target}`);
  await waitForHeading(widget, 60);
  // The page that starts with the target: it and the five after it, nothing of the first page.
  assert.equal(listings[0].get('around'), target);
  assert.deepEqual(await shownIds(widget), ids.slice(54));
  const targeted = widget.locator('.comment[part~="target"]');
  assert.equal(await targeted.count(), 1);
  assert.equal(await targeted.getAttribute('id'), `comment-${target}`);
  await waitUntilInView(page, target);
  assert.equal(await focusedComment(page), target);

  // A permalink followed on the open page, to a comment this page does not hold: its own page loads.
  await page.evaluate((id) => (location.hash = `#comment-${id}`), posted[9].id);
  await item(widget, posted[9].id).and(widget.locator('[part~="target"]')).waitFor();
  assert.equal(listings.at(-1).get('around'), posted[9].id);
  assert.deepEqual(await shownIds(widget), ids.slice(12));
  assert.equal(await widget.locator('.comment[part~="target"]').count(), 1);
  await waitUntilInView(page, posted[9].id);
  assert.equal(await focusedComment(page), posted[9].id);

  // "Show earlier comments" follows `previous` back to the first comment, and is gone there.
  await button(widget, 'Show earlier comments').click();
  await item(widget, 'demo-1').waitFor();
  assert.ok(listings.at(-1).get('cursor'), 'Show earlier comments asked without a cursor');
  assert.equal(listings.at(-1).get('around'), null);
  assert.deepEqual(await shownIds(widget), ids);
  assert.equal(await button(widget, 'Show earlier comments').count(), 0);
  await waitForHeading(widget, 60);

  // A permalink to a comment already shown: no new listing, the page goes there.
  const requestsBefore = listings.length;
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.evaluate(() => (location.hash = '#comment-demo-2'));
  await item(widget, 'demo-2').and(widget.locator('[part~="target"]')).waitFor();
  await waitUntilInView(page, 'demo-2');
  assert.equal(await focusedComment(page), 'demo-2');
  assert.equal(await widget.locator('.comment[part~="target"]').count(), 1);
  assert.equal(listings.length, requestsBefore);

  // The permalinks themselves lead there: a comment's date links to #comment-ID on this page's URL.
  const href = await item(widget, target)
    .locator(':scope > article a[part="permalink"]')
    .getAttribute('href');
  assert.equal(href, new URL(`/#comment-${target}`, server.url).href);

  assert.deepEqual(problems, []);
  await context.close();
});

test('deleting one’s own comment that has a reply leaves "Comment deleted" and the reply, after a reload too', async (t) => {
  const server = await startServer({ database: temporary.file('deleted.sqlite'), t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(page, server);
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  const text = 'A thought I will later take back.';
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  await button(widget, 'Post').click();
  const mine = widget
    .locator('.comment')
    .filter({ has: page.locator(':scope > article .body', { hasText: text }) });
  await mine.waitFor();
  const id = (await mine.getAttribute('id')).replace('comment-', '');
  await waitForHeading(widget, 4);

  // Another reader answers it.
  const answer = await postThrough(server, {
    parent: id,
    name: 'Jonas Lindqvist',
    text: 'I disagree, but thank you for saying it.',
  });
  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 5);
  assert.deepEqual(await replyIds(widget, id), [answer.id]);

  const own = item(widget, id).locator(':scope > article');
  await button(own, 'Delete').click();
  await button(own, 'Delete comment').click();
  await widget.getByRole('status').getByText('Your comment was deleted.').waitFor();
  await waitForHeading(widget, 4);

  /** The placeholder in place of the comment, with the answer still under it, readable. */
  async function assertPlaceholder() {
    const placeholder = item(widget, id).locator(':scope > article');
    await placeholder.locator('[part="deleted"]').waitFor();
    assert.equal((await placeholder.innerText()).trim(), 'Comment deleted');
    assert.equal(await placeholder.locator('[part="author"], .body, button').count(), 0);
    assert.equal(await widget.getByText(text).count(), 0);
    assert.equal(await widget.getByText('Grace Hopper').count(), 0);
    assert.deepEqual(await replyIds(widget, id), [answer.id]);
    const kept = item(widget, answer.id).locator(':scope > article');
    assert.equal(await kept.locator('.body').innerText(), answer.text);
    assert.equal(await kept.locator('[part="author"]').innerText(), 'Jonas Lindqvist');
    await button(kept, 'Reply').waitFor();
  }
  await assertPlaceholder();
  // The reader's place is kept at the placeholder.
  assert.equal(await focusedComment(page), id);

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 4);
  await assertPlaceholder();
  assert.equal(await widget.locator('.comment').count(), 5);

  assert.deepEqual(problems, []);
  await context.close();
});
