// Runs the TypeScript tests in the given folders (default test/server) or files with Node's test runner.
//
// Like Lit's own suites, they run compiled: esbuild turns src/ and test/ into JavaScript once (well under a
// second) in a mirror of the checkout under node_modules/.cache, whose other entries (dist, package.json,
// fixtures…) are links to the real ones, so paths relative to a module still lead where they do in the checkout.
// Loading TypeScript per test file instead, through a loader such as tsx, costs each file about a second of CPU
// on Node 20 (its module hooks run on another thread and see every import), which was a third of the suite.
// Source maps point stack traces back at the .ts files. Arguments starting with "-" go to node unchanged (write
// options with a value as --name=value).
//   node scripts/run-node-tests.mjs [--test-concurrency=1 …] [folder or file …]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants } from 'node:os';
import process from 'node:process';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * Where the compiled mirror of the checkout is made, afresh and apart for every run (two runs at once must not
 * rebuild each other's), and removed after it. Inside node_modules, so the mirror's imports find the packages.
 */
const cache = join(root, 'node_modules/.cache');
/** The folders compiled into the mirror; every other entry of the checkout is linked. */
const compiled = ['src', 'test'];

const args = process.argv.slice(2);
const nodeOptions = args.filter((arg) => arg.startsWith('-'));
const targets = args.filter((arg) => !arg.startsWith('-'));
if (targets.length === 0) targets.push('test/server');

/** Every file below `folder` (relative to the checkout) whose name passes `keep`. */
async function filesBelow(folder, keep) {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

/** The `*.test.ts` files of `target` (a folder, or a file itself), relative to the checkout. */
async function testFiles(target) {
  const path = relative(root, resolve(target));
  if ((await stat(join(root, path))).isFile()) return [path];
  return filesBelow(path, (name) => name.endsWith('.test.ts'));
}

/**
 * Makes a mirror and returns its folder: src/ and test/ compiled file by file (a .ts file becomes the .js file its
 * importers already name), every other file of test/ linked in place, and every other entry of the checkout linked
 * at the top.
 */
async function makeMirror() {
  await mkdir(cache, { recursive: true });
  const mirror = await mkdtemp(join(cache, 'natter-node-tests-'));
  const sources = (await Promise.all(compiled.map((folder) => filesBelow(folder, () => true)))).flat();
  const isTypeScript = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts');
  await build({
    entryPoints: sources.filter(isTypeScript).map((file) => join(root, file)),
    outdir: mirror,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of sources.filter((file) => !isTypeScript(file))) {
    await mkdir(join(mirror, file, '..'), { recursive: true });
    await symlink(join(root, file), join(mirror, file));
  }
  for (const entry of await readdir(root)) {
    if (compiled.includes(entry) || entry === 'node_modules') continue;
    await symlink(join(root, entry), join(mirror, entry));
  }
  return mirror;
}

const files = [...new Set((await Promise.all(targets.map(testFiles))).flat())].sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${targets.join(', ')}`);
  process.exit(1);
}
const mirror = await makeMirror();

const compiledFiles = files.map((file) => join(mirror, file.replace(/\.ts$/, '.js')));
const child = spawn(process.execPath, ['--enable-source-maps', '--test', ...nodeOptions, ...compiledFiles], {
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group, and a SIGTERM is passed on: either way, wait
// for the tests to clean up what they started.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', async (code, signal) => {
  await rm(mirror, { recursive: true, force: true });
  process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1));
});
