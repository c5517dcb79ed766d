// Live updates, likes and avatars on the demo blog, with the real `natter serve` (a child process on a fresh SQLite
// file) behind the widget, which the browser suites test only against fakes:
// - A comment posted elsewhere reaches an open page through the thread's stream and waits behind "Show 1 new
//   comment", announced politely, until the reader shows it; the reader's own post is never offered to them again.
// - Like raises the count at once and on the server; the like is still counted and shown pressed after a reload; a
//   second press in the same browser takes it back rather than counting twice; another browser sees the count.
// - Every comment has an avatar drawn in the browser (an identicon from the server's opaque value, initials without
//   an address), the page asks no origin but natter's, and no answer holds an e-mail address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoThread } from '../../dist/lib/server/demo-seed.js';
import { listThread, postComment } from '../server/process/protocol-calls.mjs';
import { useBrowserAndFolder } from './browser.mjs';
import { openWatchedPage } from './watched-page.mjs';
import { startServer, withTimeout } from './server-process.mjs';
import { button, item, waitForHeading, shownIds, focusedComment } from './widget-locators.mjs';

/** Bounds every wait in the page, so a broken widget fails in seconds rather than hanging the run. */
const waitMs = 10_000;

const setup = await useBrowserAndFolder();
const { temporary } = setup;

const isStream = (response) => new URL(response.url()).pathname === '/api/v1/stream';

/**
 * Opens the demo blog on `server` (or reloads it) and waits until the widget shows its thread and has opened the
 * thread's live stream, which it does once its interactive part (form, Like, Report) has loaded; returns the widget.
 */
async function openThread(page, server, { reload = false } = {}) {
  const streamed = page.waitForResponse(isStream);
  if (reload) await page.reload();
  else await page.goto(server.url);
  const widget = page.locator('natter-comments');
  // The widget loads lazily, when it nears the viewport.
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('.comment').first().waitFor();
  const stream = await streamed;
  assert.equal(stream.status(), 200);
  assert.equal(new URL(stream.url()).searchParams.get('thread'), demoThread);
  await widget.getByRole('button', { name: 'Post', exact: true }).waitFor();
  return widget;
}

/** Comment `id`'s Like button. */
function likeButton(widget, id) {
  return item(widget, id).locator(':scope > article').locator('[part~="like-button"]');
}

/** Waits until the widget's polite live region says `message`. */
function waitForAnnouncement(widget, message) {
  return widget.locator('[role="status"][aria-live="polite"]').getByText(message, { exact: true }).waitFor();
}

/** Posts through the HTTP API, as another reader's client does, and resolves with the stored comment. */
async function postThrough(server, comment) {
  const response = await postComment(server.url, { thread: demoThread, ...comment });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).comment;
}

/** Posts with an e-mail address through the HTTP API (postComment sends none); resolves with the whole answer. */
async function postWithEmail(server, { name, email, text }) {
  const response = await fetch(new URL('/api/v1/comments', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ thread: demoThread, name, email, text }),
    signal: AbortSignal.timeout(waitMs),
  });
  const body = await response.text();
  assert.equal(response.status, 201, body);
  return { body, comment: JSON.parse(body).comment };
}

/** Fills the widget's form for a top-level comment (its form token is asked for, and starts to age). */
async function write(widget, { name, email, text }) {
  await widget.getByRole('textbox', { name: 'Name' }).fill(name);
  if (email) await widget.getByRole('textbox', { name: 'Email (optional)' }).fill(email);
  await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
}

/**
 * Posts what the form holds; resolves with the comment's id once it shows, confirmed. The widget holds a post back
 * until its form token is 3 seconds old, so a test that writes early waits less here.
 */
async function post(widget, text) {
  await button(widget, 'Post').click();
  const posted = widget.locator('.comment', { hasText: text });
  await posted.locator('[part="confirmation"]').getByText('Your comment is published.').waitFor();
  return (await posted.getAttribute('id')).replace('comment-', '');
}

test('a comment posted elsewhere waits behind "Show 1 new comment" until shown; the reader’s own post is not offered again', async (t) => {
  const server = await startServer({ database: temporary.file('live.sqlite'), t });
  const reader = await openWatchedPage(setup.browser, { timeout: waitMs });
  const widget = await openThread(reader.page, server);
  await waitForHeading(widget, 3);
  assert.equal(await widget.locator('[part~="new-comments"]').count(), 0);
  // The reader starts writing a comment of their own.
  const ownText = 'Ten minutes a day sounds small, and is not. Thank you both.';
  await write(widget, { name: 'Grace Hopper', text: ownText });

  // Another reader's client posts through the API: the open page is offered it, and told so, but not shown it yet.
  const fromApi = await postThrough(server, {
    name: 'Jonas Lindqvist',
    text: 'A follow-up from the practice: we now keep ten minutes a day for reading together.',
  });
  const offer = button(widget, 'Show 1 new comment');
  await offer.waitFor();
  await waitForAnnouncement(widget, '1 new comment');
  assert.equal(await widget.locator('[part~="new-comments"]').count(), 1);
  assert.equal(await item(widget, fromApi.id).count(), 0);
  assert.equal(await widget.getByText(fromApi.text).count(), 0);
  await waitForHeading(widget, 3);

  await offer.click();
  await item(widget, fromApi.id).waitFor();
  await offer.waitFor({ state: 'detached' });
  await waitForHeading(widget, 4);
  assert.deepEqual(await shownIds(widget), ['demo-1', 'demo-2', 'demo-3', fromApi.id]);
  const shown = item(widget, fromApi.id).locator(':scope > article');
  assert.equal(await shown.locator('[part="author"]').innerText(), 'Jonas Lindqvist');
  assert.equal(await shown.locator('[part="body"]').innerText(), fromApi.text);
  // Focus goes to the first comment shown, so that a keyboard or screen reader user reads on from there.
  assert.equal(await focusedComment(reader.page), fromApi.id);

  // The reader posts through the form: the stream brings that comment back too, and it is not offered again.
  const own = await post(widget, ownText);
  await waitForAnnouncement(widget, 'Your comment is published.');
  await waitForHeading(widget, 5);

  // A second reader, in a browser of their own, opens the page and posts through the form.
  const other = await openWatchedPage(setup.browser, { timeout: waitMs });
  const otherWidget = await openThread(other.page, server);
  await waitForHeading(otherWidget, 5);
  const secondText = 'Reading together is also how patients learn to judge sources themselves.';
  await write(otherWidget, { name: 'Ada Lovelace', text: secondText });
  const second = await post(otherWidget, secondText);
  await waitForHeading(otherWidget, 6);

  // The first reader's stream carried their own post before the second reader's: only the latter is new to them.
  await waitForAnnouncement(widget, '1 new comment');
  await offer.waitFor();
  assert.equal(await widget.locator('[part~="new-comments"]').innerText(), 'Show 1 new comment');
  assert.equal(await item(widget, second).count(), 0);
  await offer.click();
  await item(widget, second).waitFor();
  await waitForHeading(widget, 6);
  assert.deepEqual(await shownIds(widget), ['demo-1', 'demo-2', 'demo-3', fromApi.id, own, second]);
  assert.equal(
    await item(widget, second).locator(':scope > article [part="author"]').innerText(),
    'Ada Lovelace',
  );
  // Their own comment has Edit in place of Like and Report; the new one has Like and Report, as others' do.
  assert.equal(await button(item(widget, own), 'Edit').count(), 1);
  assert.equal(await likeButton(widget, own).count(), 0);
  assert.equal(await button(item(widget, second), 'Report').count(), 1);
  assert.equal(await likeButton(widget, second).count(), 1);

  // Neither reader counts their own post among new comments: a third comment is "1 new" to each of them.
  const third = await postThrough(server, {
    name: 'Priya Raman',
    text: 'Adding this to our group’s reading list.',
  });
  for (const shownTo of [widget, otherWidget]) {
    await button(shownTo, 'Show 1 new comment').waitFor();
    await button(shownTo, 'Show 1 new comment').click();
    await item(shownTo, third.id).waitFor();
    await waitForHeading(shownTo, 7);
  }
  assert.deepEqual(await shownIds(otherWidget), await shownIds(widget));
  assert.deepEqual(await shownIds(widget), ['demo-1', 'demo-2', 'demo-3', fromApi.id, own, second, third.id]);

  assert.deepEqual([...reader.problems, ...other.problems], []);
  await other.context.close();
  await reader.context.close();
});

/**
 * Waits until comment `id`'s Like says `count` to a screen reader ("Like (1 like)"), then checks that it shows the
 * same count (none at 0) and is pressed exactly when this browser liked it.
 */
async function expectLike(widget, id, { count, pressed }) {
  const article = item(widget, id).locator(':scope > article');
  const label = `Like (${count} ${count === 1 ? 'like' : 'likes'})`;
  await button(article, label).waitFor();
  const like = likeButton(widget, id);
  assert.equal(await like.count(), 1);
  assert.equal(await like.getAttribute('aria-pressed'), String(pressed), `${id} pressed`);
  assert.equal(await like.locator('.like-icon').innerText(), pressed ? '♥' : '♡');
  const shown = like.locator('.like-count');
  if (count > 0) assert.equal(await shown.innerText(), String(count));
  else assert.equal(await shown.count(), 0);
}

/** How many likes the server lists for comment `id`. */
async function likesOnServer(server, id) {
  const { comments } = await listThread(server.url, demoThread);
  return comments.find((comment) => comment.id === id).likes;
}

/** Presses comment `id`'s Like and resolves with the server's answer, `{ method, status, body }`. */
async function pressLike(page, widget, id) {
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === `/api/v1/comments/${id}/likes`,
  );
  await likeButton(widget, id).click();
  const response = await answered;
  return { method: response.request().method(), status: response.status(), body: await response.json() };
}

test('Like counts once per browser: counted and pressed after a reload, taken back by a second press, seen by another browser', async (t) => {
  const server = await startServer({ database: temporary.file('likes.sqlite'), t });
  const reader = await openWatchedPage(setup.browser, { timeout: waitMs });
  const likeCalls = [];
  reader.page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('/likes')) likeCalls.push(`${request.method()} ${pathname}`);
  });
  let widget = await openThread(reader.page, server);
  for (const id of ['demo-1', 'demo-2', 'demo-3']) await expectLike(widget, id, { count: 0, pressed: false });

  assert.deepEqual(await pressLike(reader.page, widget, 'demo-2'), {
    method: 'POST',
    status: 200,
    body: { likes: 1 },
  });
  await expectLike(widget, 'demo-2', { count: 1, pressed: true });
  assert.equal(await likesOnServer(server, 'demo-2'), 1);
  // Only the comment liked.
  await expectLike(widget, 'demo-1', { count: 0, pressed: false });
  await expectLike(widget, 'demo-3', { count: 0, pressed: false });

  // The like outlives the page: counted by the server, and pressed, since this browser remembers it.
  widget = await openThread(reader.page, server, { reload: true });
  await expectLike(widget, 'demo-2', { count: 1, pressed: true });
  await expectLike(widget, 'demo-1', { count: 0, pressed: false });

  // A second press in the same browser takes the like back rather than counting it twice.
  assert.deepEqual(await pressLike(reader.page, widget, 'demo-2'), {
    method: 'DELETE',
    status: 200,
    body: { likes: 0 },
  });
  await expectLike(widget, 'demo-2', { count: 0, pressed: false });
  assert.equal(await likesOnServer(server, 'demo-2'), 0);
  // And a third gives it again.
  assert.deepEqual(await pressLike(reader.page, widget, 'demo-2'), {
    method: 'POST',
    status: 200,
    body: { likes: 1 },
  });
  await expectLike(widget, 'demo-2', { count: 1, pressed: true });
  assert.deepEqual(likeCalls, [
    'POST /api/v1/comments/demo-2/likes',
    'DELETE /api/v1/comments/demo-2/likes',
    'POST /api/v1/comments/demo-2/likes',
  ]);

  // Another browser sees the count, not pressed (it has not liked), and its own like adds to it.
  const other = await openWatchedPage(setup.browser, { timeout: waitMs });
  const otherWidget = await openThread(other.page, server);
  await expectLike(otherWidget, 'demo-2', { count: 1, pressed: false });
  assert.deepEqual(await pressLike(other.page, otherWidget, 'demo-2'), {
    method: 'POST',
    status: 200,
    body: { likes: 2 },
  });
  await expectLike(otherWidget, 'demo-2', { count: 2, pressed: true });
  assert.equal(await likesOnServer(server, 'demo-2'), 2);

  // Back in the first browser, the next visit shows both likes, its own still pressed.
  widget = await openThread(reader.page, server, { reload: true });
  await expectLike(widget, 'demo-2', { count: 2, pressed: true });
  await expectLike(widget, 'demo-3', { count: 0, pressed: false });

  assert.deepEqual([...reader.problems, ...other.problems], []);
  await other.context.close();
  await reader.context.close();
});

/**
 * Listens to the demo thread's stream as any client may (open once this resolves); `comments(count)` resolves with
 * the raw `data` of the first `count` comment events, `close()` ends it.
 */
async function listenToStream(server) {
  const controller = new AbortController();
  const query = new URLSearchParams({ thread: demoThread });
  const response = await fetch(new URL(`/api/v1/stream?${query}`, server.url), { signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/event-stream/);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events = [];
  async function read(count) {
    for (;;) {
      const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
      buffer = blocks.pop();
      for (const block of blocks) {
        const lines = block.split('\n');
        if (!lines.includes('event: comment')) continue;
        events.push(
          lines
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n'),
        );
      }
      if (events.length >= count) return events.slice(0, count);
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended after ${events.length} comment events`);
      buffer += value;
    }
  }
  return {
    comments: (count) => withTimeout(read(count), waitMs, `${count} comment events on the stream`),
    close: () => controller.abort(),
  };
}

/** GETs `path` of `server` as any client may; resolves with the answer's text. */
async function readPublic(server, path) {
  const response = await fetch(new URL(path, server.url), { signal: AbortSignal.timeout(waitMs) });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return text;
}

/** What comment `id`'s avatar draws: its element, whether screen readers skip it, its size, letters and cells. */
function avatarOf(widget, id) {
  return item(widget, id)
    .locator(':scope > article > header')
    .evaluate((header) => {
      const avatars = header.querySelectorAll('[part~="avatar"]');
      const [avatar] = avatars;
      const box = avatar.getBoundingClientRect();
      return {
        count: avatars.length,
        element: avatar.localName,
        hidden: avatar.getAttribute('aria-hidden'),
        drawn: box.width > 0 && box.height > 0,
        letters: avatar.querySelector('text')?.textContent.trim() ?? null,
        // The identicon's cells: the squares of its path, each where it starts, in the path's colour.
        cells: [
          ...(avatar.querySelector('path')?.getAttribute('d') ?? '').matchAll(
            /M([\d.]+) ([\d.]+)h1\.6v1\.6h-1\.6z/g,
          ),
        ].map(([, x, y]) => `${x},${y} ${avatar.querySelector('path').getAttribute('fill')}`),
      };
    });
}

test('every comment has an avatar drawn in the page, an identicon or initials; the page asks no other origin, and no answer holds an address', async (t) => {
  const server = await startServer({ database: temporary.file('avatars.sqlite'), t });
  const stream = await listenToStream(server);
  const reader = await openWatchedPage(setup.browser, { timeout: waitMs });
  const requested = [];
  reader.page.on('request', (request) => requested.push(request.url()));
  let widget = await openThread(reader.page, server);

  // The reader posts with an address; two others post through the API, one with the same address written
  // otherwise, one with another; a fourth gives none.
  const text = 'The separate address for health groups is a good habit; I do the same.';
  await write(widget, { name: 'Grace Hopper', email: 'Grace.Hopper@Example.COM', text });
  const answered = reader.page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/v1/comments' && response.request().method() === 'POST',
  );
  const own = await post(widget, text);
  const answers = [await (await answered).text()];
  const sameAddress = await postWithEmail(server, {
    name: 'Rear Admiral Hopper',
    email: ' grace.hopper@example.com ',
    text: 'Same person, another name, the same picture.',
  });
  const otherAddress = await postWithEmail(server, {
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    text: 'Another reader, another picture.',
  });
  const noAddress = await postThrough(server, { name: 'ada king lovelace', text: 'No address given here.' });
  answers.push(sameAddress.body, otherAddress.body);

  // What anyone reads: the thread's listing, one comment, the stream's events.
  const listing = await readPublic(server, `/api/v1/comments?${new URLSearchParams({ thread: demoThread })}`);
  answers.push(listing, await readPublic(server, `/api/v1/comments/${own}`));
  answers.push(...(await stream.comments(4)));
  stream.close();
  assert.equal(answers.length, 9);
  for (const answer of answers) {
    assert.doesNotMatch(answer, /@|grace\.hopper/i, `an answer holds an address: ${answer}`);
    // Gravatar is opt-in (`--avatars gravatar`).
    assert.doesNotMatch(answer, /avatarUrl|gravatar/i);
  }
  const avatars = Object.fromEntries(
    JSON.parse(listing).comments.map((comment) => [comment.id, comment.avatar]),
  );
  assert.deepEqual(Object.keys(avatars), [
    'demo-1',
    'demo-2',
    'demo-3',
    own,
    sameAddress.comment.id,
    otherAddress.comment.id,
    noAddress.id,
  ]);
  for (const id of ['demo-1', 'demo-2', 'demo-3', noAddress.id]) assert.equal(avatars[id], null, id);
  for (const id of [own, otherAddress.comment.id]) assert.match(avatars[id], /^[A-Za-z0-9_-]{16}$/, id);
  assert.equal(avatars[sameAddress.comment.id], avatars[own]);
  assert.notEqual(avatars[otherAddress.comment.id], avatars[own]);

  // In the page: one decorative picture beside every name, drawn there, no image fetched.
  widget = await openThread(reader.page, server, { reload: true });
  await waitForHeading(widget, 7);
  const drawn = {};
  for (const id of Object.keys(avatars)) {
    const { count, element, hidden, drawn: isDrawn, ...picture } = await avatarOf(widget, id);
    assert.deepEqual(
      { count, element, hidden, isDrawn },
      { count: 1, element: 'svg', hidden: 'true', isDrawn: true },
      id,
    );
    drawn[id] = picture;
  }
  assert.equal(await widget.locator('img').count(), 0);
  // Initials where no address was given: the first letters of the first and last words.
  assert.deepEqual(
    ['demo-1', 'demo-2', 'demo-3', noAddress.id].map((id) => drawn[id]),
    ['HO', 'JL', 'PR', 'AL'].map((letters) => ({ letters, cells: [] })),
  );
  // An identicon, in a colour of its own, from the address: the same for the same address under another name.
  const identicons = [own, otherAddress.comment.id].map((id) => drawn[id]);
  for (const { letters, cells } of identicons) {
    assert.equal(letters, null);
    for (const cell of cells) assert.match(cell, /^[\d.]+,[\d.]+ hsl\(\d+,55%,52%\)$/);
  }
  // (Either may draw no cell, once in 32,768 values; both, never in practice.)
  assert.ok(
    identicons.some(({ cells }) => cells.length > 0),
    'no identicon has a cell',
  );
  assert.deepEqual(drawn[sameAddress.comment.id], drawn[own]);
  assert.notDeepEqual(drawn[otherAddress.comment.id], drawn[own]);

  // Everything the page asked for, two loads and a post, came from the natter server alone.
  const origin = new URL(server.url).origin;
  const paths = requested.map((url) => new URL(url).pathname);
  for (const path of ['/', '/natter.js', '/api/v1/comments', '/api/v1/stream', '/api/v1/form-token']) {
    assert.ok(paths.includes(path), `the page never asked for ${path}`);
  }
  assert.deepEqual(
    requested.filter((url) => new URL(url).origin !== origin),
    [],
  );

  assert.deepEqual(reader.problems, []);
  await reader.context.close();
});
