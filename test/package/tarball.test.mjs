// The package as a site owner gets it: `npm pack` of this checkout, installed into an empty folder, and
// `npx natter serve` started there. Slow (npm builds better-sqlite3 from source when no prebuilt binary can be
// downloaded), so it runs in CI after `npm test`: `npm run test:package`.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTempFolder, exited, withTimeout } from '../e2e/server-process.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const { name, version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const temporary = await createTempFolder();
const site = join(temporary.folder, 'site');
let tarball;

before(async () => {
  // Built here, then packed without `prepare`, whose build log would mix with the JSON `npm pack` prints.
  await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', temporary.folder],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout);
  tarball = { path: join(temporary.folder, packed.filename), files: packed.files.map((file) => file.path) };
  await run('mkdir', ['-p', site]);
  await writeFile(join(site, 'package.json'), JSON.stringify({ name: 'a-site', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', tarball.path], {
    cwd: site,
    maxBuffer: 64 * 1024 * 1024,
  });
});
after(() => temporary.remove());

test('the tarball holds the built widget, server and docs, and no test data', () => {
  for (const file of [
    'bin/natter.js',
    'dist/natter.js',
    'dist/cli/natter.js',
    'README.md',
    'demo/index.html',
  ]) {
    assert.ok(tarball.files.includes(file), `${file} is in the tarball`);
  }
  assert.deepEqual(
    tarball.files.filter((file) => file.startsWith('test/') || file.startsWith('node_modules/')),
    [],
  );
});

test('npx natter --version names the packed version', async () => {
  const { stdout } = await run('npx', ['--no-install', 'natter', '--version'], { cwd: site });
  assert.equal(stdout, `${name} ${version}\n`);
});

test('npx natter serve starts from the installed package and serves the demo, the widget and the API', async () => {
  const child = spawn(
    'npx',
    ['--no-install', 'natter', 'serve', '--port', '0', '--demo', '--database', 'data/natter.sqlite'],
    { cwd: site, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  try {
    const listening = new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('"listening"')) resolve(JSON.parse(line).url);
      });
      child.once('exit', (code) => reject(new Error(`natter serve exited with ${code}`)));
    });
    const url = await withTimeout(listening, 30_000, 'natter serve to listen');
    assert.equal((await fetch(new URL('healthz', url))).status, 200);
    const widget = await fetch(new URL('natter.js', url));
    assert.equal(widget.status, 200);
    assert.match(widget.headers.get('content-type') ?? '', /^text\/javascript/);
    const page = await fetch(url);
    assert.match(await page.text(), /<natter-comments/);
    const thread = encodeURIComponent('/2026/11/health-care-and-social-media');
    const listing = await (await fetch(new URL(`api/v1/comments?thread=${thread}`, url))).json();
    assert.equal(listing.comments.length, 3);
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await withTimeout(exited(child), 10_000, 'natter serve to stop');
  }
});
