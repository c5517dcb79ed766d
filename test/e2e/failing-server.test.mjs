// The real widget in Chromium against a server that fails it: a proxy on loopback in front of `natter serve` never
// answers, resets the connection, or answers 500, 503 or 429, to the thread's list, to a post, to a reply and to an
// edit. Each time the reader is told why in the catalog's words, what they wrote stays in the form and in
// localStorage, and the same button sends it once the server is well again. A request that never answers is given
// up by the widget's own timeout (10 s), brought forward with Chromium's clock rather than waited for.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { faults, startFaultProxy } from './fault-proxy.mjs';
import { startServer } from './server-process.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { button, item } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;
/** The client's timeout (src/client/connection.ts). */
const clientTimeoutMs = 10_000;

const setup = await useBrowserAndFolder();
let proxy;
let server;

before(async () => {
  proxy = await startFaultProxy();
  server = await startServer({
    database: setup.temporary.file(),
    args: ['--public-url', proxy.url],
  });
  proxy.forwardTo(server.url);
});

after(async () => {
  await proxy?.close();
  await server?.kill();
});

const unreachable = {
  post: 'Your comment could not be posted because the server could not be reached. It is kept here; please try again.',
  edit: 'The server could not be reached. Your text is kept here; please try again.',
};
const trouble = 'The comment server could not answer just now. Please try again in a moment.';
const unavailable = 'The comment server is unavailable for a moment. Please try again in 5 seconds.';
/** What the reader is told when a post (or reply) and an edit meet each fault: the catalog's words. */
const told = {
  timeout: unreachable,
  reset: unreachable,
  500: { post: trouble, edit: trouble },
  503: { post: unavailable, edit: unavailable },
  429: {
    post: 'You are posting too quickly. Please try again in 30 seconds.',
    edit: 'You are changing comments too quickly. Please try again in 30 seconds.',
  },
};

const isList = ({ method, path }) => method === 'GET' && path.startsWith('/api/v1/comments?');
const isPost = ({ method, path, body }) =>
  method === 'POST' && path === '/api/v1/comments' && JSON.parse(body).parent == null;
const isReply = ({ method, path, body }) =>
  method === 'POST' && path === '/api/v1/comments' && JSON.parse(body).parent != null;
const isEdit = ({ method, path }) => method === 'PATCH' && path.startsWith('/api/v1/comments/');

/** What the reader has kept in this page's localStorage under `kind` (draft, reply, edit), parsed. */
function kept(page, kind) {
  return page.evaluate(
    (prefix) =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith(prefix))
        .map((key) => JSON.parse(localStorage.getItem(key))),
    `natter:${kind}:`,
  );
}

/**
 * Makes the proxy fail the next request `matches` picks with `fault`, does `act`, and waits until the request has
 * met the fault; a request left unanswered is then given up by the widget's timeout, its clock moved past it.
 */
async function failing(page, matches, fault, act) {
  const hit = proxy.fail(matches, fault);
  await act();
  await hit;
  if (fault === 'timeout') await page.clock.fastForward(clientTimeoutMs);
}

/** The text of the first alert in `scope` that says something, once one does. */
async function alertText(scope) {
  const alert = scope.getByRole('alert').filter({ hasText: /\S/ }).first();
  await alert.waitFor();
  return alert.innerText();
}

const whatItDoes = {
  timeout: 'never answers',
  reset: 'resets the connection',
  500: 'answers 500 (a proxy’s page)',
  503: 'answers 503 with Retry-After',
  429: 'answers 429 with Retry-After',
};

for (const fault of faults) {
  test(`a server that ${whatItDoes[fault]}: the reader is told, keeps their text, and retries`, async (t) => {
    const { context, page, problems } = await openWatchedPage(setup.browser, {
      timeout: waitMs,
      expected: /Failed to load resource|net::ERR_/,
    });
    t.after(() => context.close());
    await page.clock.install();
    const widget = page.locator('natter-comments');

    // The thread's list.
    await failing(page, isList, fault, async () => {
      await page.goto(proxy.url);
      await widget.scrollIntoViewIfNeeded();
    });
    assert.equal(await widget.locator('.error').first().innerText(), 'Comments could not be loaded.');
    proxy.heal();
    await button(widget, 'Try again').click();
    await widget.locator('.comment').first().waitFor();

    // A new comment.
    const text = `Written while the server fails (${fault}).`;
    await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
    await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
    const form = widget
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Post', exact: true }) });
    await failing(page, isPost, fault, () => button(widget, 'Post').click());
    assert.equal(await alertText(form), told[fault].post);
    assert.equal(await widget.getByRole('textbox', { name: 'Comment' }).inputValue(), text);
    assert.deepEqual(
      (await kept(page, 'draft')).map((draft) => draft.text),
      [text],
    );
    proxy.heal();
    await button(widget, 'Post').click();
    const own = widget.locator('.comment').filter({ has: page.locator('.body', { hasText: text }) });
    await own.waitFor();
    assert.deepEqual(await kept(page, 'draft'), []);

    // A reply.
    const parent = item(widget, 'demo-1');
    await parent.locator(':scope > article').getByRole('button', { name: 'Reply', exact: true }).click();
    const replyForm = parent.locator(':scope > form[part~="reply-form"]');
    const replyText = `Replying while the server fails (${fault}).`;
    await replyForm.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
    await replyForm.getByRole('textbox', { name: 'Your reply' }).fill(replyText);
    await failing(page, isReply, fault, () => button(replyForm, 'Post reply').click());
    assert.equal(await alertText(replyForm), told[fault].post);
    assert.equal(await replyForm.getByRole('textbox', { name: 'Your reply' }).inputValue(), replyText);
    assert.deepEqual(
      (await kept(page, 'reply')).map((draft) => draft.text),
      [replyText],
    );
    proxy.heal();
    await button(replyForm, 'Post reply').click();
    await parent.locator(':scope > ol.replies .body', { hasText: replyText }).waitFor();
    assert.deepEqual(await kept(page, 'reply'), []);

    // An edit of the reader's own comment.
    const ownItem = widget.locator(`[id="${await own.getAttribute('id')}"]`);
    await button(ownItem, 'Edit').click();
    const editor = ownItem.getByRole('textbox', { name: 'Edit your comment' });
    const edited = `${text} Edited while it still does.`;
    await editor.fill(edited);
    await failing(page, isEdit, fault, () => button(ownItem, 'Save').click());
    assert.equal(await alertText(ownItem), told[fault].edit);
    assert.equal(await editor.inputValue(), edited);
    assert.deepEqual(await kept(page, 'edit'), [{ text: edited }]);
    proxy.heal();
    await button(ownItem, 'Save').click();
    await ownItem.locator('.body', { hasText: edited }).waitFor();
    assert.deepEqual(await kept(page, 'edit'), []);

    assert.deepEqual(problems, []);
  });
}
