// What the widget does for the server's spam defences and first-time moderation, end to end: the real
// `natter serve --moderation first-time`, with form tokens required and their 3 seconds, and Chromium.
// - A reader's first comment is held (not taken for spam, though they post within 3 seconds of starting to
//   write); once a moderator approves it, their next comment, with the same address, is published at once.
// - Bots (a form filler that fills the honeypot too, a script that posts a fresh token at once) land in spam,
//   and nobody else sees their comments.
// - A reader's report, made with Report, reaches the server, and the comment says "Reported" after a reload.
// - Chromium's own autofill fills the form's fields, never its honeypot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { runNatter, startServer } from './server-process.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 15_000;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** The defences as an operator runs them by default (server-process.mjs relaxes them for other tests). */
const defended = ['--moderation', 'first-time', '--form-token', 'required', '--form-token-min-age', '3'];

/** Opens the demo blog on `server` and waits until the widget shows its thread and its form; returns the widget. */
async function openThread(page, server) {
  await page.goto(server.url);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  await widget.getByRole('button', { name: 'Post' }).waitFor();
  return widget;
}

/** Every comment in the server's database with `text`, as `{ id, status, reason }`, read as the operator could. */
function stored(database, text) {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, status, reason FROM comments WHERE text = ?').all(text);
  } finally {
    db.close();
  }
}

/** The reports the server's database holds, as `comment id: reason`. */
function storedReports(database) {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT comment_id, reason FROM reports ORDER BY created_at')
      .all()
      .map((row) => `${row.comment_id}: ${row.reason}`);
  } finally {
    db.close();
  }
}

/** The texts of the comments the server lists to everyone for the widget's thread. */
function listedTexts(page) {
  return page.evaluate(async () => {
    const thread = document.querySelector('natter-comments').resolvedThread;
    const answer = await fetch(`/api/v1/comments?thread=${encodeURIComponent(thread)}`, {
      cache: 'no-store',
    });
    return (await answer.json()).comments.map((comment) => comment.text);
  });
}

/** Types a comment and posts it as a quick reader does, right after the form loaded; resolves with what it says. */
async function postQuickly(widget, { name, email, text }) {
  await widget.getByRole('textbox', { name: 'Name' }).fill(name);
  if (email) await widget.getByRole('textbox', { name: 'Email (optional)' }).fill(email);
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
  await widget.getByRole('button', { name: 'Post' }).click();
  const confirmation = widget.locator('.comment', { hasText: text }).locator('[part="confirmation"]');
  await confirmation.waitFor();
  return (await confirmation.innerText()).replace(/^✓\s*/, '').trim();
}

const held = 'Your comment is awaiting moderation and will appear once approved.';
const published = 'Your comment is published.';

test('a first comment is held, not taken for spam; once approved, the author’s next comment is published at once', async (t) => {
  const database = temporary.file('first-time.sqlite');
  const server = await startServer({ database, args: defended, t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  let widget = await openThread(page, server);

  const started = Date.now();
  assert.equal(
    await postQuickly(widget, {
      name: 'Grace Hopper',
      email: 'Grace@Example.com',
      text: 'My first comment.',
    }),
    held,
  );
  assert.ok(Date.now() - started >= 3000, 'the form held the post back until its token was 3 seconds old');
  const [first] = stored(database, 'My first comment.');
  assert.deepEqual(first, { id: first.id, status: 'pending', reason: 'held: first comment' });
  assert.equal((await listedTexts(page)).includes('My first comment.'), false);

  const approval = await runNatter(['admin', 'approve', first.id, '--database', database]);
  assert.equal(approval.code, 0, approval.stderr);

  // The next visit reads the approved comment by its secret, and keeps the trust token that comes with it.
  await page.reload();
  widget = await openThread(page, server);
  await page.waitForFunction(
    () => Object.keys(localStorage).some((key) => key.startsWith('natter:trust:')),
    undefined,
    { timeout: waitMs },
  );
  assert.equal(
    await postQuickly(widget, {
      name: 'Grace Hopper',
      email: 'grace@example.com',
      text: 'Published at once.',
    }),
    published,
  );
  assert.deepEqual(
    stored(database, 'Published at once.').map((comment) => comment.status),
    ['published'],
  );
  assert.equal((await listedTexts(page)).includes('Published at once.'), true);

  // Another address has earned nothing.
  assert.equal(
    await postQuickly(widget, { name: 'Grace Hopper', email: 'other@example.com', text: 'Someone else?' }),
    held,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('bots land in spam and nobody else sees their comments: one that fills the honeypot, one that posts a fresh token at once', async (t) => {
  const database = temporary.file('bots.sqlite');
  const server = await startServer({ database, args: defended, t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  await openThread(page, server);

  // A form-filling bot: every field of the form gets a value, the hidden one too, and Post at once.
  await page.evaluate(() => {
    const form = document.querySelector('natter-comments').shadowRoot.querySelector('form[part="form"]');
    const values = {
      name: 'Cheap Pills',
      email: 'bot@pills.example',
      url: 'https://pills.example/',
      homepage: 'https://pills.example/',
      text: 'Buy cheap pills from the honeypot bot.',
    };
    for (const [name, value] of Object.entries(values)) {
      const field = form.querySelector(`[name="${name}"]`);
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    form.querySelector('button[type="submit"]').click();
  });
  // Spam is answered like a held comment: the bot learns nothing.
  await page.locator('natter-comments [part="confirmation"]').waitFor();

  // A script that asks for a token and posts with it at once, as no person can.
  const status = await page.evaluate(async () => {
    const thread = document.querySelector('natter-comments').resolvedThread;
    const token = await fetch(`/api/v1/form-token?thread=${encodeURIComponent(thread)}`);
    const { formToken } = await token.json();
    const answer = await fetch('/api/v1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        thread,
        name: 'Fast Bot',
        text: 'Posted by the fast bot.',
        formToken,
        honeypot: '',
      }),
    });
    return answer.status;
  });
  assert.equal(status, 202);

  assert.deepEqual(
    stored(database, 'Buy cheap pills from the honeypot bot.').map(({ status, reason }) => [status, reason]),
    [['spam', 'spam: honeypot']],
  );
  assert.deepEqual(
    stored(database, 'Posted by the fast bot.').map(({ status, reason }) => [status, reason]),
    [['spam', 'spam: posted too fast']],
  );

  // Another reader sees neither.
  const other = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(other.page, server);
  const shown = await widget.locator('[part="body"]').allInnerTexts();
  assert.deepEqual(
    shown.filter((text) => /bot/.test(text)),
    [],
  );
  assert.deepEqual(
    (await listedTexts(other.page)).filter((text) => /bot/.test(text)),
    [],
  );
  assert.deepEqual([...problems, ...other.problems], []);
  await other.context.close();
  await context.close();
});

test('a report made with Report reaches the server, and the comment says Reported after a reload', async (t) => {
  const database = temporary.file('reports.sqlite');
  const server = await startServer({ database, args: defended, t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(page, server);

  const item = widget.locator('.comment').first();
  const id = (await item.getAttribute('id')).replace(/^comment-/, '');
  const comment = widget.locator(`[id="comment-${id}"]`);
  await comment.getByRole('button', { name: 'Report' }).click();
  await comment.getByRole('radio', { name: 'Off-topic' }).check();
  await comment.getByRole('button', { name: 'Send report' }).click();
  await widget.getByRole('status').getByText('Thanks, a moderator will look at it.').waitFor();
  assert.deepEqual(storedReports(database), [`${id}: off_topic`]);

  await page.reload();
  await openThread(page, server);
  await comment.locator('[part="report"]').getByText('Reported', { exact: true }).waitFor();
  assert.equal(await comment.getByRole('button', { name: 'Report' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Chromium’s autofill fills the name and address, never the honeypot', async (t) => {
  const database = temporary.file('autofill.sqlite');
  const server = await startServer({ database, args: defended, t });
  const { context, page, problems } = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(page, server);
  const name = widget.getByRole('textbox', { name: 'Name' });
  await name.focus();

  // The browser's own autofill, as a reader picks a saved address: Chromium decides which field gets what.
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { nodeId } = await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: 'natter-comments',
  });
  const { shadowRoots } = (await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true })).node;
  const field = await cdp.send('DOM.querySelector', { nodeId: shadowRoots[0].nodeId, selector: '#name' });
  const { node } = await cdp.send('DOM.describeNode', { nodeId: field.nodeId });
  const address = {
    fields: [
      { name: 'NAME_FULL', value: 'Grace Hopper' },
      { name: 'EMAIL_ADDRESS', value: 'grace@example.com' },
      { name: 'COMPANY_NAME', value: 'Navy' },
      { name: 'ADDRESS_HOME_LINE1', value: '1 Main Street' },
      { name: 'ADDRESS_HOME_CITY', value: 'Arlington' },
      { name: 'ADDRESS_HOME_ZIP', value: '22201' },
      { name: 'ADDRESS_HOME_COUNTRY', value: 'US' },
      { name: 'PHONE_HOME_WHOLE_NUMBER', value: '+15555550100' },
    ],
  };
  await cdp.send('Autofill.trigger', { fieldId: node.backendNodeId, address });

  await page.waitForFunction(
    () => document.querySelector('natter-comments').shadowRoot.querySelector('#name').value !== '',
    undefined,
    { timeout: waitMs },
  );
  const values = await page.evaluate(() => {
    const form = document.querySelector('natter-comments').shadowRoot.querySelector('form[part="form"]');
    return Object.fromEntries(
      [...form.querySelectorAll('input[name]:not([type="checkbox"])')].map((input) => [
        input.name,
        input.value,
      ]),
    );
  });
  assert.equal(values.name, 'Grace Hopper');
  assert.equal(values.email, 'grace@example.com');
  assert.equal(values.homepage, '');
  assert.deepEqual(problems, []);
  await context.close();
});
