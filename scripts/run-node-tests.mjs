// Runs the TypeScript tests in the given folders (default test/server) or files with Node's test runner,
// through tsx: Node 20's --test does not look for .ts files by itself. Arguments starting with "-" go to node
// unchanged (write options with a value as --name=value).
//   node scripts/run-node-tests.mjs [--test-concurrency=1 …] [folder or file …]
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { constants } from 'node:os';
import process from 'node:process';

const args = process.argv.slice(2);
const nodeOptions = args.filter((arg) => arg.startsWith('-'));
const folders = args.filter((arg) => !arg.startsWith('-'));
if (folders.length === 0) folders.push('test/server');

/** Every `*.test.ts` file below `folder` (or `folder` itself, if it is a file), relative to the working directory. */
async function testFiles(folder) {
  if ((await stat(folder)).isFile()) return [relative('.', folder)];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative('.', join(entry.parentPath ?? entry.path, entry.name)));
}

const files = [...new Set((await Promise.all(folders.map(testFiles))).flat())].sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${folders.join(', ')}`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...nodeOptions, ...files], {
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group, and a SIGTERM is passed on: either way, wait
// for the tests to clean up what they started.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1)));
