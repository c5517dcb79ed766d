// An operator who wants short comments starts `natter serve --max-text-length 500`; the widget learns the limit
// from the thread (`thread.limits.textLength`) and holds the post form and the editor to it: maxlength, the
// counter, and the check before sending. Against the real server on a fresh SQLite file, under the demo's CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { startServer } from './server-process.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;
const maxTextLength = 500;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/**
 * Puts `text` into a text field as a script (or a draft kept from before the operator lowered the limit) can,
 * past its maxlength, and tells the widget as typing would.
 */
function setBeyondMaxLength(field, text) {
  return field.evaluate((element, value) => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }, text);
}

test('the post form and the editor keep to the server’s --max-text-length', async (t) => {
  const server = await startServer({
    database: temporary.file(),
    args: ['--max-text-length', String(maxTextLength)],
    t,
  });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.postDataJSON());
  });
  await page.goto(server.url);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();

  const comment = widget.getByRole('textbox', { name: 'Comment' });
  assert.equal(await comment.getAttribute('maxlength'), String(maxTextLength));
  await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
  await comment.fill('x'.repeat(470));
  await widget.locator('[part="counter"]').getByText('30 characters left').waitFor();
  // Typing stops at the limit.
  await comment.pressSequentially('y'.repeat(40));
  assert.equal((await comment.inputValue()).length, maxTextLength);
  await widget.locator('[part="counter"]').getByText('0 characters left').waitFor();

  await setBeyondMaxLength(comment, 'z'.repeat(maxTextLength + 1));
  await widget.getByRole('button', { name: 'Post' }).click();
  await widget.getByText('Use at most 500 characters.').waitFor();
  assert.deepEqual(posts, []);

  const longest = `${'w'.repeat(maxTextLength - 6)} done.`;
  await comment.fill(longest);
  await widget.getByRole('button', { name: 'Post' }).click();
  const postedItem = widget.locator('.comment').filter({ hasText: 'done.' });
  await postedItem.waitFor();
  // By id from now on: the editor takes the place of the text.
  const posted = widget.locator(`[id="${await postedItem.getAttribute('id')}"]`);
  assert.deepEqual(
    posts.map((post) => post.text.length),
    [maxTextLength],
  );

  await posted.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = posted.getByRole('textbox', { name: 'Edit your comment' });
  assert.equal(await editor.getAttribute('maxlength'), String(maxTextLength));
  await posted.locator('[part="counter"]').getByText('0 characters left').waitFor();
  await setBeyondMaxLength(editor, `${longest}!`);
  await posted.getByRole('button', { name: 'Save' }).click();
  await posted.getByRole('alert').getByText('Use at most 500 characters.').waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});
