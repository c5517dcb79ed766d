// Comments without JavaScript, end to end: Chromium with scripts off on the demo blog of a real `natter serve`, form
// tokens required. The article's <noscript> leads to the thread page, which shows the comments; its plain form posts
// a comment, answered by a 303 back to the page that now shows it; a refused post comes back as a page that keeps
// what was typed. Then the same reader with scripts on: the widget shows the comment posted without them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { startServer } from './server-process.mjs';

const waitMs = 15_000;
const setup = await useBrowserAndFolder();

test('a reader without JavaScript reads the thread and posts to it through the thread page', async (t) => {
  const server = await startServer({
    database: setup.temporary.file('no-javascript.sqlite'),
    args: ['--form-token', 'required'],
    t,
  });
  const context = await setup.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const answers = [];
  page.on('response', (response) => answers.push(`${response.status()} ${new URL(response.url()).pathname}`));

  await page.goto(server.url);
  await page.getByRole('link', { name: 'a page of their own' }).click();
  await page.getByRole('heading', { name: '3 comments' }).waitFor();
  for (const author of ['Hannah Okafor', 'Jonas Lindqvist', 'Priya Raman']) {
    await page.getByRole('article', { name: author }).waitFor();
  }
  // The honeypot is out of sight, and out of reach.
  const honeypot = await page.getByLabel('Leave this field empty').boundingBox();
  assert.ok(honeypot && honeypot.y + honeypot.height < 0, `the honeypot at ${JSON.stringify(honeypot)}`);

  // Refused: a name of spaces. The page says why, marks the field, and keeps the comment.
  await page.getByLabel('Name').fill('   ');
  await page.getByLabel('Comment', { exact: true }).fill('Read <b>without</b> scripts.\nTwo lines.');
  await page.getByRole('button', { name: 'Post' }).click();
  await page.getByRole('alert').getByText('Your comment could not be posted').waitFor();
  assert.ok(answers.includes('422 /thread'), answers.join(', '));
  assert.equal(
    await page.getByLabel('Comment', { exact: true }).inputValue(),
    'Read <b>without</b> scripts.\nTwo lines.',
  );
  assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Name').fill('Noor Haddad');
  await page.getByRole('button', { name: 'Post' }).click();
  await page.getByRole('status').getByText('your comment is published').waitFor();
  assert.ok(answers.includes('303 /thread'), answers.join(', '));
  const posted = page.getByRole('article', { name: 'Noor Haddad' });
  await posted.getByText('Read <b>without</b> scripts.').waitFor();
  assert.match(page.url(), /posted=published#comment-/);
  await page.getByRole('heading', { name: '4 comments' }).waitFor();

  // With scripts, the widget shows the same comment.
  const scripted = await setup.browser.newContext();
  t.after(() => scripted.close());
  const article = await scripted.newPage();
  article.setDefaultTimeout(waitMs);
  await article.goto(server.url);
  const widget = article.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget
    .getByRole('article', { name: 'Noor Haddad' })
    .getByText('Read <b>without</b> scripts.')
    .waitFor();
});
