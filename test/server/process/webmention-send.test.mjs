// `natter webmention send URL` as a site owner runs it after publishing a post: the real command against real
// websites on loopback, one line per linked page, and an exit code a script can act on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { runNatter } from '../../e2e/server-process.mjs';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

/** Every request the site received: method, path, and body. */
const received = [];

/** Routes of the loopback site: path → [status, headers, body]. */
const routes = {
  '/post': () => [
    200,
    { 'Content-Type': 'text/html' },
    `<!doctype html><title>A post</title>
     <a href="/">Home</a>
     <article class="h-entry"><div class="e-content">
       <p>Thanks to <a href="/webmention-target">Ada</a>, <a href="/pingback-target">Grace</a>,
       <a href="/plain">Edsger</a> and <a href="/refusing">Barbara</a>.</p>
     </div></article>`,
  ],
  '/good-post': () => [
    200,
    { 'Content-Type': 'text/html' },
    '<article class="h-entry"><p class="e-content">See <a href="/webmention-target">Ada</a>.</p></article>',
  ],
  '/webmention-target': () => [200, { Link: '</webmention>; rel="webmention"' }, ''],
  '/webmention': () => [201, { Location: '/mentions/1' }, ''],
  '/pingback-target': () => [200, { 'X-Pingback': '/xmlrpc' }, ''],
  '/xmlrpc': () => [
    200,
    { 'Content-Type': 'text/xml' },
    '<?xml version="1.0"?><methodResponse><params><param><value><string>Thanks!</string></value></param></params></methodResponse>',
  ],
  '/plain': () => [200, { 'Content-Type': 'text/html' }, '<p>No endpoint.</p>'],
  '/refusing': () => [200, { 'Content-Type': 'text/html' }, '<link rel="webmention" href="/refuse">'],
  '/refuse': () => [400, {}, ''],
};

const site = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  received.push({
    method: request.method,
    path: request.url,
    body,
    userAgent: request.headers['user-agent'],
  });
  const [status, headers, text] = routes[request.url]?.() ?? [404, {}, ''];
  response.writeHead(status, headers).end(text);
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${site.address().port}`;
after(() => new Promise((resolve) => site.close(resolve)));

const posts = () => received.filter((request) => request.method === 'POST');

test('sends to every linked page, prints a line for each, and exits 1 because one endpoint refused', async () => {
  received.length = 0;
  const { code, stdout, stderr } = await runNatter([
    'webmention',
    'send',
    `${origin}/post`,
    '--webmention-allow-loopback',
  ]);
  assert.equal(stderr, '');
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    `sent via webmention  ${origin}/webmention-target  201  Location: ${origin}/mentions/1`,
    `sent via pingback  ${origin}/pingback-target  Thanks!`,
    `no endpoint  ${origin}/plain`,
    `failed via webmention  ${origin}/refusing  ${origin}/refuse: answered 400`,
  ]);
  const source = `${origin}/post`;
  assert.deepEqual(
    posts()
      .map(({ path, body }) => [path, path === '/xmlrpc' ? /pingback\.ping/.test(body) : body])
      .sort(),
    [
      ['/refuse', new URLSearchParams({ source, target: `${origin}/refusing` }).toString()],
      ['/webmention', new URLSearchParams({ source, target: `${origin}/webmention-target` }).toString()],
      ['/xmlrpc', true],
    ],
  );
  for (const request of received) {
    assert.equal(request.userAgent, `natter/${version} (Webmention sender; +${origin}/)`);
  }
});

test('exits 0 when every endpoint accepted', async () => {
  const { code, stdout } = await runNatter([
    'webmention',
    'send',
    `${origin}/good-post`,
    '--webmention-allow-loopback',
  ]);
  assert.equal(code, 0);
  assert.equal(
    stdout,
    `sent via webmention  ${origin}/webmention-target  201  Location: ${origin}/mentions/1\n`,
  );
});

test('without --webmention-allow-loopback, a page on loopback is not even asked for', async () => {
  received.length = 0;
  const { code, stdout, stderr } = await runNatter(['webmention', 'send', `${origin}/post`]);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(
    stderr,
    /^natter webmention send: cannot read http:\/\/127\.0\.0\.1:\d+\/post: 127\.0\.0\.1 refused/,
  );
  assert.deepEqual(received, []);
});

test('natter --help and natter webmention --help name the command and its loopback option', async () => {
  const usage = await runNatter(['--help']);
  assert.match(usage.stdout, /webmention send <url>/);
  const help = await runNatter(['webmention', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: natter webmention send <url>/);
  // The description, not only the option's name, says what it is about.
  const [, description = ''] = /--webmention-allow-loopback(.*)/.exec(help.stdout) ?? [];
  assert.match(description, /\bloopback\b/);
  assert.match(description, /\bwebmention\b/i);
});

test('a wrong command line is explained in one line and a hint', async () => {
  for (const args of [
    ['webmention', 'sned', 'https://a.example/'],
    ['webmention', 'send', 'ftp://a.example/'],
  ]) {
    const { code, stdout, stderr } = await runNatter(args);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trimEnd().split('\n').length, 2, stderr);
  }
});
