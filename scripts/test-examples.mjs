// The framework examples (examples/*) built the way their users build them, from this checkout as their `natter`
// dependency, each opened in Chromium against a real `natter serve`: the seeded thread shows, a comment posted
// through the form reaches the app as `natter-posted`, and the app's new `thread` shows the other, empty thread.
// The static-site example (examples/eleventy) is built against the running server, whose comments it writes into
// its pages: they show without JavaScript, and the widget takes them over without asking for them again.
// `npm run test:examples [-- NAME…]` (all, or the examples named); needs the npm registry (or a warm npm cache) for
// the examples' first install.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTempFolder, exited, startServer, withTimeout } from '../test/e2e/server-process.mjs';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = ['html', 'react', 'vue', 'svelte'];
/** The examples named on the command line, or every one. */
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const isChosen = (name) => named.length === 0 || named.includes(name);
const demoThreadAuthors = ['Hannah Okafor', 'Jonas Lindqvist', 'Priya Raman'];

/** Bounds every wait in the page, so a broken example fails in seconds rather than hanging the run. */
const waitMs = 10_000;
/** An install from an empty npm cache fetches a few hundred files; a build runs a type check and Vite. */
const installMs = 5 * 60_000;
const buildMs = 3 * 60_000;

/** Process groups of the commands still running: killed when this process exits, whatever happened. */
const runningGroups = new Set();
process.on('exit', () => {
  for (const pid of runningGroups) killGroup(pid);
});

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs `command` in `cwd` in a process group of its own (npm starts tsc, Vite and their workers), output kept
 * for the error; rejects when it fails or outlives `timeoutMs`, after killing the whole group.
 */
async function run(command, args, { cwd, timeoutMs, env = process.env }) {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  runningGroups.add(child.pid);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  const what = `\`${command} ${args.join(' ')}\` in ${cwd}`;
  try {
    const { code, signal } = await withTimeout(exited(child), timeoutMs, what);
    if (code !== 0) throw new Error(`${what} exited with ${signal ?? code}`);
  } catch (error) {
    error.message += `; its output:\n${output}`;
    throw error;
  } finally {
    killGroup(child.pid);
    runningGroups.delete(child.pid);
  }
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves the files of `folder` on a free loopback port, as a static host would; resolves with its origin. */
async function serveFolder(folder) {
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      const file = normalize(join(folder, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(folder + sep)) throw new Error(`${path} is outside ${folder}`);
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const temporary = await createTempFolder();
let browser;

before(
  async () => {
    // The examples link to this checkout (`file:../..`) and bundle its dist/.
    await run('npm', ['run', 'build'], { cwd: root, timeoutMs: buildMs });
    browser = await launchChromium();
  },
  { timeout: buildMs + 60_000 },
);

after(async () => {
  await browser?.close();
  await temporary.remove();
});

/** Installs examples/`name` as its users would; resolves with its folder. */
async function installExample(name) {
  const folder = join(root, 'examples', name);
  const install = existsSync(join(folder, 'package-lock.json')) ? 'ci' : 'install';
  // Scripts skipped: the only one is natter's own `prepare`, a second build of this checkout.
  await run('npm', [install, '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: folder,
    timeoutMs: installMs,
  });
  return folder;
}

/** Installs and builds examples/`name` as its users would; resolves with the folder of the built site. */
async function buildExample(name) {
  const folder = await installExample(name);
  await run('npm', ['run', 'build'], { cwd: folder, timeoutMs: buildMs });
  return join(folder, 'dist');
}

/**
 * A page in a fresh browser context, closed when test `t` ends, that lists in `problems` page errors, console
 * errors and warnings, and failed responses.
 */
async function openPage(t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is listed by its response below, with its address.
    if (
      ['error', 'warning'].includes(message.type()) &&
      !message.text().startsWith('Failed to load resource')
    ) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    // Chromium asks every site for a favicon; the examples have none.
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      problems.push(`${response.status()} from ${response.url()}`);
    }
  });
  return { page, problems };
}

for (const name of examples.filter(isChosen)) {
  test(
    `the ${name} example shows the thread, hears of a posted comment and switches threads`,
    { timeout: installMs + buildMs + 60_000 },
    async (t) => {
      const site = await serveFolder(await buildExample(name));
      t.after(site.close);
      const server = await startServer({
        database: temporary.file(`${name}.sqlite`),
        args: ['--origin', site.origin],
        t,
      });
      const { page, problems } = await openPage(t);

      await page.goto(`${site.origin}/?endpoint=${encodeURIComponent(server.url)}`);
      const widget = page.locator('natter-comments');
      await widget.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
      for (const author of demoThreadAuthors) await widget.getByRole('article', { name: author }).waitFor();
      assert.equal(await widget.getByRole('article').count(), 3);

      const text = `Posted from the ${name} example.`;
      await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
      await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
      await widget.getByRole('button', { name: 'Post' }).click();
      await widget.getByRole('article', { name: 'Grace Hopper' }).getByText(text).waitFor();
      await widget.getByRole('heading', { name: '4 comments', exact: true }).waitFor();
      // The app's own line, outside the element: `natter-posted` reached the framework's handler.
      await page.getByText('Thanks, Grace Hopper!', { exact: true }).waitFor();

      // The app sets `thread`: the element follows the property and loads the other, empty thread.
      await page.getByRole('button', { name: 'Show another thread' }).click();
      await widget.getByText('No comments yet', { exact: false }).waitFor();
      assert.equal(await widget.getByRole('article').count(), 0);

      assert.deepEqual(problems, []);
    },
  );
}

if (isChosen('eleventy')) {
  test(
    'the eleventy example writes a post’s comments into its page, shown without JavaScript and taken over with it',
    { timeout: installMs + buildMs + 60_000 },
    async (t) => {
      const folder = await installExample('eleventy');
      // The site's address first: the server allows it, and the build names its pages by it.
      const site = await serveFolder(join(folder, 'dist'));
      t.after(site.close);
      const server = await startServer({
        database: temporary.file('eleventy.sqlite'),
        args: ['--origin', site.origin],
        t,
      });
      await run('npm', ['run', 'build'], {
        cwd: folder,
        timeoutMs: buildMs,
        env: { ...process.env, NATTER_ENDPOINT: server.url, SITE_URL: site.origin },
      });
      const post = `${site.origin}/2026/11/health-care-and-social-media/`;
      const built = await readFile(
        join(folder, 'dist/2026/11/health-care-and-social-media/index.html'),
        'utf8',
      );
      for (const author of demoThreadAuthors)
        assert.ok(built.includes(author), `${author} in the built page`);

      // Without JavaScript: the comments, in the page as built, and the way to write one.
      const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
      t.after(() => withoutScripts.close());
      const plain = await withoutScripts.newPage();
      plain.setDefaultTimeout(waitMs);
      await plain.goto(post);
      await plain.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
      for (const author of demoThreadAuthors) await plain.getByRole('article', { name: author }).waitFor();
      const write = await plain.getByRole('link', { name: 'Write a comment' }).getAttribute('href');
      assert.equal(write, `${server.url}thread?url=${encodeURIComponent(post)}#write`);

      // With it: the widget shows the same comments in their place, having asked the server for none of them.
      const { page, problems } = await openPage(t);
      const lists = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (request.method() === 'GET' && url.pathname.endsWith('/api/v1/comments')) lists.push(url.href);
      });
      await page.goto(post);
      const widget = page.locator('natter-comments');
      await widget.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
      for (const author of demoThreadAuthors) await widget.getByRole('article', { name: author }).waitFor();
      await widget.getByRole('button', { name: 'Post' }).waitFor();
      assert.equal(
        await page.locator('natter-comments > .natter-thread').count(),
        0,
        'the built HTML is gone',
      );
      assert.deepEqual(lists, [], 'no request for the comments the page holds');
      await widget.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
      await widget.getByRole('textbox', { name: 'Comment' }).fill('Posted on a static site.');
      await widget.getByRole('button', { name: 'Post' }).click();
      await widget
        .getByRole('article', { name: 'Grace Hopper' })
        .getByText('Posted on a static site.')
        .waitFor();

      // A post nobody commented on: built empty, and the widget says so.
      await page.goto(`${site.origin}/another-post/`);
      await widget.getByText('No comments yet', { exact: false }).waitFor();
      assert.deepEqual(lists, []);
      assert.deepEqual(problems, []);
    },
  );
}
