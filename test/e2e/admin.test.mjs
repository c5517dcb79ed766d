// Moderation end to end: the real `natter serve --moderation first-time` (a child process on a fresh SQLite file),
// its password set with `natter admin set-password`, and Chromium. A reader's first comment waits; the moderator
// signs in at /admin and approves it from the queue with the keyboard; the reader's page then shows it and its
// count rises. Then the same from the command line: `natter admin list` and `natter admin approve`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserAndFolder } from './browser.mjs';
import { runAdmin } from './natter-admin.mjs';
import { startServer } from './server-process.mjs';

const waitMs = 10_000;
const password = 'a moderator’s long passphrase';

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** A page of its own, recording page errors, CSP violations and console errors (but for `expected` ones). */
async function openPage(options = {}, { expected } = {}) {
  const context = await setup.browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected?.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** The number in the widget's heading ("4 comments"), once the thread shows. */
async function shownCount(widget) {
  const heading = widget.getByRole('heading', { name: /^\d+ comments?$/ });
  await heading.waitFor();
  return Number((await heading.innerText()).split(' ')[0]);
}

/** Opens the demo article on `server` and waits for its comments. */
async function openThread(page, server) {
  await page.goto(server.url);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  return widget;
}

/** Posts `text` as a reader who never commented here, and waits until the widget says it awaits moderation. */
async function postHeld(server, name, text) {
  const { context, page, problems } = await openPage();
  const widget = await openThread(page, server);
  const count = await shownCount(widget);
  await widget.getByRole('textbox', { name: 'Name' }).fill(name);
  await widget
    .getByRole('textbox', { name: 'Email (optional)' })
    .fill(`${name.split(' ')[0].toLowerCase()}@example.com`);
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  await widget.getByRole('button', { name: 'Post' }).click();
  const mine = widget.locator('.comment').filter({ hasText: text });
  await mine
    .locator('[part="confirmation"]')
    .getByText(/awaiting moderation/)
    .waitFor();
  assert.deepEqual(problems, []);
  return { context, page, widget, count, mine };
}

/** Reloads the reader's page until `check` holds (a cached page may be 2 seconds old). */
async function reloadUntil(page, check, what) {
  for (let tries = 0; tries < 20; tries++) {
    await page.reload();
    const widget = page.locator('natter-comments');
    await widget.scrollIntoViewIfNeeded();
    if (await check(widget)) return widget;
    await page.waitForTimeout(250);
  }
  assert.fail(`the reader's page never showed ${what}`);
}

test('a first comment waits; the moderator approves it from /admin with the keyboard; the reader sees it, and the count rises', async (t) => {
  const database = temporary.file('admin.sqlite');
  const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
  assert.equal(set.code, 0, set.stderr);
  const server = await startServer({ database, args: ['--moderation', 'first-time'], t });

  const text = 'My first comment here: please let it through.';
  const reader = await postHeld(server, 'Grace Hopper', text);
  assert.equal(await reader.mine.locator('[part="badge"]').innerText(), 'Awaiting moderation');

  // The session check before sign-in answers 401: the browser logs it, and it is expected.
  const moderator = await openPage({ viewport: { width: 1280, height: 900 } }, { expected: /status of 401/ });
  const { page } = moderator;
  await page.goto(new URL('admin', server.url).href);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  const queue = page.locator('admin-comment-list');
  const card = queue.locator('article').filter({ hasText: text });
  await card.waitFor();
  assert.match(await card.innerText(), /grace@example\.com/);
  assert.match(await card.innerText(), /held/);
  const queueLink = page.getByRole('link', { name: /^Queue/ });
  assert.match(await queueLink.innerText(), /1/);

  // Keyboard only: j to the comment, a to approve it.
  await page.keyboard.press('j');
  assert.equal(await card.evaluate((element) => element.matches(':focus')), true, 'j moved to the comment');
  await page.keyboard.press('a');
  await page.getByRole('status').getByText('Approved the comment by Grace Hopper.').waitFor();
  await queue.getByText('Nothing awaits you. Well done.').waitFor();
  assert.doesNotMatch(await queueLink.innerText(), /\d/, 'the badge is gone');

  // The approval drops the thread's cached page: the reader sees it on the next load, counted.
  const widget = await reloadUntil(
    reader.page,
    async (shown) => (await shownCount(shown)) === reader.count + 1,
    `${reader.count + 1} comments`,
  );
  const approved = widget.locator('.comment').filter({ hasText: text });
  await approved.waitFor();
  assert.equal(
    await approved.locator('[part="badge"]').count(),
    0,
    'no longer marked as awaiting moderation',
  );
  assert.deepEqual(moderator.problems, []);
  await moderator.context.close();
  await reader.context.close();
});

test('the same approval from the command line: natter admin list shows the held comment, natter admin approve publishes it', async (t) => {
  const database = temporary.file('cli.sqlite');
  const server = await startServer({ database, args: ['--moderation', 'first-time'], t });
  const text = 'Held until someone runs a command.';
  const reader = await postHeld(server, 'Ada Lovelace', text);

  const listed = await runAdmin(['list', '--status', 'pending', '--database', database]);
  assert.equal(listed.code, 0, listed.stderr);
  // The table shortens the text to its column; its start is enough to find the row.
  const row = listed.stdout.split('\n').find((line) => line.includes(text.slice(0, 24)));
  assert.ok(row, listed.stdout);
  assert.match(
    row,
    /^\S+ +pending +\/2026\/11\/health-care-and-social-media +Ada Lovelace <ada@example\.com> +held/,
  );
  const id = row.split(/\s+/)[0];

  const approved = await runAdmin(['approve', id, '--database', database]);
  assert.equal(approved.code, 0, approved.stderr);
  assert.equal(approved.stdout, `${id} approved (/2026/11/health-care-and-social-media)\n`);

  // Another process wrote: the running server's cached page is at most 2 seconds old.
  const widget = await reloadUntil(
    reader.page,
    async (shown) => (await shownCount(shown)) === reader.count + 1,
    `${reader.count + 1} comments`,
  );
  const shown = widget.locator('.comment').filter({ hasText: text });
  await shown.waitFor();
  assert.equal(await shown.locator('[part="badge"]').count(), 0);
  await reader.context.close();
});

test('a moderator whose browser reads Arabic gets the page in Arabic, right to left, its catalog a chunk the page’s policy lets in', async (t) => {
  const database = temporary.file('admin-ar.sqlite');
  const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
  assert.equal(set.code, 0, set.stderr);
  const server = await startServer({ database, t });
  const moderator = await openPage(
    { viewport: { width: 1280, height: 900 }, locale: 'ar-EG' },
    { expected: /status of 401/ },
  );
  const { page } = moderator;
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
  });
  await page.goto(new URL('admin', server.url).href);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'قائمة الانتظار' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar-EG');
  assert.equal(await page.title(), 'قائمة الانتظار · إشراف natter');
  assert.deepEqual(
    scripts.map((path) => path.replace(/-[\w-]{8}\.js$/, '.js')),
    ['/admin/admin.js', '/admin/admin-messages.ar.js'],
  );
  assert.deepEqual(moderator.problems, []);
  await moderator.context.close();
});
