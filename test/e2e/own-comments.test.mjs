// A reader changing their own comments on the demo blog, with the real `natter serve` (a child process on a
// fresh SQLite file) behind the widget: an edit and a deletion that a reload shows the server kept, and an edit
// window of about a second, closing while the reader looks and refusing a save the reader's slow clock allowed.
// Under the demo's strict CSP, without a page error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { startServer } from './server-process.mjs';
import { button, waitForHeading } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;
/** `--edit-window` in minutes for the tests of a closing window: 4.8 seconds, enough to open an editor on a busy machine. */
const shortWindow = '0.08';
const shortWindowMs = Number(shortWindow) * 60_000;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** A reader's page; Chromium logs every refused request as a console error, listed apart as `refused`. */
async function openReader() {
  const { expected: refused, ...rest } = await openWatchedPage(setup.browser, {
    timeout: waitMs,
    expected: /Failed to load resource/,
  });
  return { ...rest, refused };
}

/** Opens the demo blog on `server` and waits until the widget shows its thread; returns the widget. */
async function openThread(page, server) {
  await page.goto(server.url);
  const widget = page.locator('natter-comments');
  // The widget loads lazily, when it nears the viewport.
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

/** The comment whose text contains `text`. */
function commentWith(widget, text) {
  return widget.locator('.comment').filter({ has: widget.page().locator('.body', { hasText: text }) });
}

/**
 * Posts `text` through the form and waits until it is shown; returns its list item, found by id, since an editor
 * takes the place of the text while the comment is edited.
 */
async function post(widget, text) {
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  await button(widget, 'Post').click();
  const item = commentWith(widget, text);
  await item.waitFor();
  return widget.locator(`[id="${await item.getAttribute('id')}"]`);
}

/** The reader's secrets in this page's localStorage, for every endpoint, as one object by comment id. */
function storedSecrets(page) {
  return page.evaluate(() =>
    Object.assign(
      {},
      ...Object.keys(localStorage)
        .filter((key) => key.startsWith('natter:secrets:'))
        .map((key) => JSON.parse(localStorage.getItem(key))),
    ),
  );
}

const closedWindow = 'The time for changing this comment has passed, so it stays as it is.';

test('edits one comment and deletes another, and a reload shows what the server kept', async (t) => {
  const server = await startServer({ database: temporary.file('edit.sqlite'), t });
  const { context, page, problems, refused } = await openReader();
  const widget = await openThread(page, server);
  await waitForHeading(widget, 3);
  assert.equal(await button(widget, 'Edit').count(), 0);

  const kept = await post(widget, 'A first thought, to be edited.');
  const deleted = await post(widget, 'A second thought, to be deleted.');
  await waitForHeading(widget, 5);
  assert.equal(await button(widget, 'Edit').count(), 2);
  const secrets = await storedSecrets(page);
  assert.equal(Object.keys(secrets).length, 2);

  await button(kept, 'Edit').click();
  const editor = kept.getByRole('textbox', { name: 'Edit your comment' });
  assert.equal(await editor.inputValue(), 'A first thought, to be edited.');
  await editor.fill('A first thought, edited on the server.');
  await button(kept, 'Save').click();
  await widget.getByRole('status').getByText('Your comment was updated.').waitFor();
  assert.equal(await kept.locator('.body').innerText(), 'A first thought, edited on the server.');
  await kept.locator('.edited').waitFor();

  await button(deleted, 'Delete').click();
  await button(deleted, 'Delete comment').click();
  await widget.getByRole('status').getByText('Your comment was deleted.').waitFor();
  await waitForHeading(widget, 4);
  assert.equal(await commentWith(widget, 'A second thought').count(), 0);
  assert.deepEqual(Object.keys(await storedSecrets(page)), Object.keys(secrets).slice(0, 1));

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 4);
  assert.equal(await widget.locator('.comment').count(), 4);
  const reloaded = commentWith(widget, 'A first thought');
  assert.equal(await reloaded.locator('.body').innerText(), 'A first thought, edited on the server.');
  assert.equal(await reloaded.locator('.edited').innerText(), 'edited');
  assert.equal(await commentWith(widget, 'A second thought').count(), 0);
  // Still in the window: the secret kept in this setup.browser still offers the change.
  assert.equal(await button(reloaded, 'Edit').count(), 1);
  assert.equal(await button(widget, 'Edit').count(), 1);

  // The secrets went to the server in the Authorization header only, which it does not log.
  const logged = JSON.stringify(server.logs);
  for (const { secret } of Object.values(secrets)) assert.ok(!logged.includes(secret), 'a secret was logged');
  assert.deepEqual(problems, []);
  assert.deepEqual(refused, []);
  await context.close();
});

test('takes Edit and Delete away when a short window closes, and explains it in an open editor', async (t) => {
  const server = await startServer({
    database: temporary.file('short.sqlite'),
    args: ['--edit-window', shortWindow],
    t,
  });
  const { context, page, problems, refused } = await openReader();
  const widget = await openThread(page, server);

  const left = await post(widget, 'Left alone until the window closes.');
  assert.equal(await button(left, 'Delete').count(), 1);
  const edited = await post(widget, 'Being edited as the window closes.');
  await button(edited, 'Edit').click();
  await edited.getByRole('textbox', { name: 'Edit your comment' }).fill('Too slow, this one.');

  await edited.getByRole('alert').getByText(closedWindow).waitFor();
  assert.equal(await button(edited, 'Save').count(), 0);
  assert.equal(
    await edited.getByRole('textbox', { name: 'Edit your comment' }).inputValue(),
    'Too slow, this one.',
  );
  await button(left, 'Delete').waitFor({ state: 'detached' });
  assert.equal(await button(left, 'Edit').count(), 0);
  assert.deepEqual(await storedSecrets(page), {});

  await button(edited, 'Close').click();
  assert.equal(await edited.locator('.body').innerText(), 'Being edited as the window closes.');
  assert.equal(await widget.getByRole('button', { name: /^(Edit|Delete)$/ }).count(), 0);

  assert.deepEqual(problems, []);
  assert.deepEqual(refused, []);
  await context.close();
});

test('a save the server refuses because the window closed is explained, and the secret forgotten', async (t) => {
  const server = await startServer({
    database: temporary.file('late.sqlite'),
    args: ['--edit-window', shortWindow],
    t,
  });
  const { context, page, problems, refused } = await openReader();
  // The reader's clock runs a minute slow: the widget thinks the window open long after the server closed it.
  await page.clock.install({ time: Date.now() - 60_000 });
  const widget = await openThread(page, server);

  const mine = await post(widget, 'Written on a slow clock.');
  await button(mine, 'Edit').click();
  await mine.getByRole('textbox', { name: 'Edit your comment' }).fill('Saved after the window closed.');
  // Past the server's window (the widget, a minute slow, still shows Save).
  await new Promise((resolve) => setTimeout(resolve, shortWindowMs + 300));
  await button(mine, 'Save').click();

  await mine.getByRole('alert').getByText(closedWindow).waitFor();
  assert.equal(await button(mine, 'Save').count(), 0);
  assert.equal(
    await mine.getByRole('textbox', { name: 'Edit your comment' }).inputValue(),
    'Saved after the window closed.',
  );
  assert.deepEqual(await storedSecrets(page), {});
  assert.equal(refused.length, 1);
  assert.match(refused[0], /403/);

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  const reloaded = commentWith(widget, 'Written on a slow clock.');
  await reloaded.waitFor();
  assert.equal(await reloaded.locator('.edited').count(), 0);
  assert.equal(await button(widget, 'Edit').count(), 0);

  assert.deepEqual(problems, []);
  await context.close();
});
