// `natter render` and `natter/render` as a static-site generator or a Node server calls them: the thread's HTML for a
// page, from a real `natter serve`, to put inside its <natter-comments>.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseFragment } from 'parse5';
import { createTempFolder, runNatter, startServer } from '../../e2e/server-process.mjs';

const site = 'https://blog.example';
const demoThread = '/2026/11/health-care-and-social-media';
const demoAuthors = ['Hannah Okafor', 'Jonas Lindqvist', 'Priya Raman'];

const temporary = await createTempFolder();
let server;

before(async () => {
  server = await startServer({ database: temporary.file('render.sqlite'), args: ['--origin', site] });
});
after(async () => {
  await server?.kill();
  await temporary.remove();
});

/** Every element of a parsed fragment, in document order. */
function elementsOf(node) {
  return (node.childNodes ?? []).flatMap((child) => (child.tagName ? [child, ...elementsOf(child)] : []));
}
const attributeOf = (element, name) => element.attrs.find((each) => each.name === name)?.value;
const textOf = (node) =>
  node.nodeName === '#text' ? node.value : (node.childNodes ?? []).map(textOf).join('');

test('natter render prints a page’s thread: its comments, their stylesheet and its first page as JSON', async () => {
  const { code, stdout, stderr } = await runNatter([
    'render',
    `${site}${demoThread}`,
    '--endpoint',
    server.url,
    '--page-size',
    '10',
  ]);
  assert.equal(code, 0, stderr);
  const elements = elementsOf(parseFragment(stdout));
  const authors = elements.filter((element) => /\bnatter-author\b/.test(attributeOf(element, 'class') ?? ''));
  assert.deepEqual(authors.map(textOf), demoAuthors);
  const [container] = elements;
  assert.equal(attributeOf(container, 'class'), 'natter-thread natter-embedded');
  const stylesheet = elements.find((element) => element.tagName === 'link');
  assert.equal(attributeOf(stylesheet, 'href'), `${server.url}thread/thread.css`);
  const data = elements.find((element) => element.tagName === 'script');
  const { query, page } = JSON.parse(textOf(data));
  assert.deepEqual(query, { thread: demoThread, sort: 'oldest', limit: 10 });
  assert.equal(page.comments.length, 3);
  const write = elements.find((element) => element.tagName === 'a' && textOf(element) === 'Write a comment');
  assert.equal(
    attributeOf(write, 'href'),
    `${server.url}thread?url=${encodeURIComponent(`${site}${demoThread}`)}#write`,
  );
});

test('natter/render gives the same HTML to a Node server', async () => {
  const { renderThread } = await import('../../../dist/lib/render.js');
  const html = await renderThread({ endpoint: server.url, url: `${site}${demoThread}`, pageSize: 10 });
  const { stdout } = await runNatter([
    'render',
    `${site}${demoThread}`,
    '--endpoint',
    server.url,
    '--page-size',
    '10',
  ]);
  // The same HTML but for when each read the thread.
  const unstamped = (text) => text.replace(/"renderedAt":"[^"]*"/, '"renderedAt":"…"');
  assert.equal(unstamped(`${html}\n`), unstamped(stdout));
  const byKey = await renderThread({ endpoint: server.url, thread: demoThread, sort: 'newest', maxDepth: 0 });
  assert.match(byKey, /"sort":"newest"/);
});

test('natter render --locale and natter/render’s locale write the thread in that language', async () => {
  const { code, stdout, stderr } = await runNatter([
    'render',
    `${site}${demoThread}`,
    '--endpoint',
    server.url,
    '--locale',
    'ja-JP',
  ]);
  assert.equal(code, 0, stderr);
  const elements = elementsOf(parseFragment(stdout));
  const [container] = elements;
  assert.equal(attributeOf(container, 'lang'), 'ja-JP');
  assert.equal(attributeOf(container, 'dir'), 'ltr');
  const byClass = (name) => elements.find((element) => attributeOf(element, 'class') === name);
  assert.equal(textOf(byClass('natter-heading')), '3件のコメント');
  assert.match(textOf(elements.find((element) => element.tagName === 'time')), /^\d{4}年\d{1,2}月\d{1,2}日$/);
  const write = elementsOf(byClass('natter-write'))[0];
  assert.equal(textOf(write), 'コメントを書く');
  assert.equal(new URL(attributeOf(write, 'href')).searchParams.get('lang'), 'ja-JP');
  const { renderThread } = await import('../../../dist/lib/render.js');
  const arabic = await renderThread({ endpoint: server.url, url: `${site}${demoThread}`, locale: 'ar' });
  assert.match(arabic, /^<div class="natter-thread natter-embedded" lang="ar" dir="rtl">/);
  const wrong = await runNatter(['render', demoThread, '--endpoint', server.url, '--locale', 'not a tag']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--locale takes a BCP 47 language tag/);
});

test('natter/render and natter render say why the server refused', async () => {
  const { renderThread, RenderError } = await import('../../../dist/lib/render.js');
  await assert.rejects(
    renderThread({ endpoint: server.url, url: 'https://elsewhere.example/post' }),
    (error) =>
      error instanceof RenderError && error.status === 400 && /not a page of this site/.test(error.message),
  );
  const refused = await runNatter(['render', 'https://elsewhere.example/post', '--endpoint', server.url]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /400.*not a page of this site/);
  const wrongUse = await runNatter(['render', demoThread, '--endpoint', server.url, '--sort', 'random']);
  assert.equal(wrongUse.code, 2);
  assert.match(wrongUse.stderr, /--sort takes oldest, newest, liked, replied/);
  const noEndpoint = await runNatter(['render', demoThread]);
  assert.equal(noEndpoint.code, 2);
});
