// References end to end: the real `natter serve --moderation first-time` (a child process on a fresh SQLite file),
// other websites on loopback, and Chromium. Another blog's reply reaches the demo article through
// `natter webmention send` (which finds the article's Webmention endpoint), waits for a moderator, who publishes it
// through the admin API, and shows under the comments as "References (1)"; a WordPress-style page then pings the
// article through XML-RPC, its host now trusted, and shows too; a reader's own response goes through "My response
// is on my own website »" and the widget follows it to "Verified".
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { demoThread } from '../../dist/lib/server/demo-seed.js';
import { methodCall } from '../../dist/lib/server/webmention/xml-rpc.js';
import { useBrowserAndFolder } from './browser.mjs';
import { runAdmin } from './natter-admin.mjs';
import { runNatter, startServer } from './server-process.mjs';

const waitMs = 10_000;
const password = 'a moderator’s long passphrase';
const setup = await useBrowserAndFolder();
const { temporary } = setup;

/** Another website on loopback, serving `pages` (path → HTML), which may change while it runs. */
async function startSite(pages) {
  const server = createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not here');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${server.address().port}`;
}

/** A moderator's session on the admin API: a change sends its CSRF token. */
async function signIn(server) {
  const response = await fetch(new URL('admin/api/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const cookie = response.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await response.json();
  return (path, init = {}) =>
    fetch(new URL(`admin/api/${path}`, server.url), {
      ...init,
      headers: { cookie, 'x-natter-csrf': csrfToken, 'content-type': 'application/json', ...init.headers },
    });
}

/** Polls `check` until it gives a value, or fails saying `what`. */
async function eventually(check, what) {
  for (const started = Date.now(); Date.now() - started < waitMs;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`never: ${what}`);
}

/** The demo article in a new page, scrolled to the widget, once its thread and its interactive part have loaded. */
async function openArticle(server) {
  const context = await setup.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(new URL(demoThread, server.url).href);
  const widget = page.locator('natter-comments');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  await widget.getByRole('button', { name: 'Post', exact: true }).waitFor();
  return { context, page, widget, problems };
}

test('a Webmention and a Pingback are received, verified, moderated and shown; a reader sends their own response', async (t) => {
  const database = temporary.file('references.sqlite');
  const set = await runAdmin(['set-password', '--database', database], { input: `${password}\n` });
  assert.equal(set.code, 0, set.stderr);
  const server = await startServer({
    database,
    args: ['--moderation', 'first-time', '--webmention-allow-loopback'],
    t,
  });
  const article = new URL(demoThread, server.url).href;
  const pages = {
    '/reply': `<!doctype html><title>Re: social media in the surgery – Ada's notes</title>
      <article class="h-entry">
        <a class="u-in-reply-to" href="${article}">Health care and social media</a>
        <p class="p-name">Re: social media in the surgery &lt;script&gt;alert(1)&lt;/script&gt;</p>
        <div class="e-content">Our practice tried the reading slots too. ‮Mostly good.</div>
        <a class="p-author h-card" href="https://ada.example/">Ada Lovelace</a>
        <time class="dt-published" datetime="2026-12-01T08:00:00Z">1 Dec</time>
      </article>`,
    '/wordpress': `<!doctype html><title>Links of the week</title><meta name="description" content="Seven links.">
      <p>Worth reading: <a href="${article}">health care and social media</a>.</p>`,
    '/mine': `<!doctype html><title>My own answer</title>
      <article class="h-entry"><div class="e-content">I answer <a href="${article}">this</a> on my blog.</div></article>`,
  };
  const site = await startSite(pages);

  // The other blog's owner sends: natter finds the article's endpoint (its Link header) and sends the Webmention.
  const sent = await runNatter(['webmention', 'send', `${site}/reply`, '--webmention-allow-loopback']);
  assert.equal(sent.code, 0, sent.stdout + sent.stderr);
  assert.match(sent.stdout, /webmention/);
  assert.match(sent.stdout, new RegExp(`${demoThread}`));

  // Verified, and held: the first reference from this host waits for a moderator.
  const moderator = await signIn(server);
  const held = await eventually(async () => {
    const answer = await (await moderator('references?status=pending')).json();
    return answer.references[0];
  }, 'the reply verified and held');
  assert.equal(held.reason, 'held: first reference from 127.0.0.1');
  const reader = await openArticle(server);
  assert.equal(await reader.widget.getByRole('heading', { name: /^References/ }).count(), 0);
  const published = await moderator(`references/${held.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ status: 'published' }),
  });
  assert.equal(published.status, 200, await published.clone().text());

  // A Pingback from a WordPress-style page: the host is trusted now, so it is shown at once once verified.
  const ping = await fetch(new URL('xmlrpc', server.url), {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: methodCall('pingback.ping', [`${site}/wordpress`, article]),
  });
  assert.match(await ping.text(), /<string>Pingback from/);
  await eventually(async () => {
    const list = await (
      await fetch(new URL(`api/v1/references?thread=${encodeURIComponent(demoThread)}`, server.url))
    ).json();
    return list.references.length === 2;
  }, 'the pingback verified and shown');

  // The reader's page, opened again, shows both: text as text, links marked as from users.
  const { widget, page, problems } = await openArticle(server);
  await widget.getByRole('heading', { name: 'References (2)' }).waitFor();
  const title = widget.getByRole('link', { name: /Re: social media in the surgery/ });
  assert.equal(await title.getAttribute('href'), `${site}/reply`);
  assert.equal(await title.getAttribute('rel'), 'nofollow ugc noopener');
  assert.match(await title.innerText(), /<script>alert\(1\)<\/script>/, 'markup in a title is text');
  await widget.getByText('Links of the week').waitFor();
  assert.equal(await widget.locator('script').count(), 0);

  // The reader's own response: pasted into the form, sent as a Webmention, followed until verified.
  await widget.getByRole('button', { name: /My response is on my own website/ }).click();
  await widget.getByLabel(/Address of your response/).fill(`${site}/mine`);
  await widget.getByRole('button', { name: 'Send', exact: true }).click();
  await widget
    .getByRole('status')
    .filter({ hasText: /Verified/ })
    .first()
    .waitFor();
  await widget.getByRole('heading', { name: 'References (3)' }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
  await reader.context.close();
});
