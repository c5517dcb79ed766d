// An edit the server holds for moderation: a reader posts while the operator runs `natter serve` openly, the
// operator restarts it with `--moderation all` (same database, same address, so the reader's secret still
// counts), and the reader's edit comes back pending. It leaves the public count at once and stays in place for
// its author, marked "Awaiting moderation", and so it does after a reload, though the server no longer lists it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { startServer } from './server-process.mjs';
import { waitForHeading } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** Opens the demo blog on `server` and waits until the widget shows its thread; returns the widget. */
async function openThread(page, server) {
  await page.goto(server.url);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

test('an edit held for moderation leaves the count and stays, marked, for its author', async (t) => {
  const database = temporary.file();
  const open = await startServer({ database, t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  let widget = await openThread(page, open);
  await waitForHeading(widget, 3);
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  await widget.getByRole('textbox', { name: 'Comment' }).fill('Published at first.');
  await widget.getByRole('button', { name: 'Post' }).click();
  await waitForHeading(widget, 4);

  // Leave the page first: its live stream would retry against the stopped server and log a refused connection.
  await page.goto('about:blank');
  await open.stop();
  const moderated = await startServer({ database, port: open.port, args: ['--moderation', 'all'], t });
  widget = await openThread(page, moderated);
  await waitForHeading(widget, 4);
  const item = widget.locator('.comment').filter({ hasText: 'Published at first.' });
  const mine = widget.locator(`[id="${await item.getAttribute('id')}"]`);
  await mine.getByRole('button', { name: 'Edit', exact: true }).click();
  await mine.getByRole('textbox', { name: 'Edit your comment' }).fill('Edited, and held this time.');
  await mine.getByRole('button', { name: 'Save' }).click();

  await widget
    .getByRole('status')
    .getByText('Your comment was updated and will appear again once a moderator approves it.')
    .waitFor();
  await waitForHeading(widget, 3);
  assert.equal(await mine.locator('[part="body"]').innerText(), 'Edited, and held this time.');
  assert.equal(await mine.locator('[part="badge"]').innerText(), 'Awaiting moderation');

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await waitForHeading(widget, 3);
  const listed = await page.evaluate(async () => {
    const thread = document.querySelector('natter-comments').resolvedThread;
    const answer = await fetch(`/api/v1/comments?thread=${encodeURIComponent(thread)}`);
    return (await answer.json()).comments.map((comment) => comment.text);
  });
  assert.equal(listed.includes('Edited, and held this time.'), false, 'the server does not list it');
  await mine.getByText('Edited, and held this time.').waitFor();
  assert.equal(await mine.locator('[part="badge"]').innerText(), 'Awaiting moderation');

  assert.deepEqual(problems, []);
  await context.close();
});
