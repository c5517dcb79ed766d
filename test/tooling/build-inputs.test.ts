import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const script = fileURLToPath(new URL('../../scripts/build-inputs.mjs', import.meta.url));

/** Runs the script's `command` on `checkout`; resolves with its exit code. */
const run = (command: string, checkout: string) =>
  spawnSync(process.execPath, [script, command, checkout]).status;

let checkout: string;
before(async () => {
  checkout = await mkdtemp(join(tmpdir(), 'natter-build-inputs-'));
  for (const folder of ['src/elements', 'dist/lib', 'dist/cli'])
    await mkdir(join(checkout, folder), { recursive: true });
  const files = [
    'src/index.ts',
    'src/elements/natter-comments.ts',
    'tsconfig.json',
    'rollup.config.mjs',
    'custom-elements-manifest.config.mjs',
    'package.json',
    'package-lock.json',
    'dist/natter.js',
    'dist/count.js',
    'dist/admin.js',
    'dist/lib/index.js',
    'dist/cli/natter.js',
    'dist/custom-elements.json',
  ];
  for (const file of files) await writeFile(join(checkout, file), `${file}\n`);
});
after(() => rm(checkout, { recursive: true, force: true }));

test('tells a dist/ built from the current sources from one built from others, or incomplete', async () => {
  assert.equal(run('check', checkout), 1, 'never built');
  assert.equal(run('write', checkout), 0);
  assert.equal(run('check', checkout), 0);

  await writeFile(join(checkout, 'src/elements/natter-comments.ts'), 'changed\n');
  assert.equal(run('check', checkout), 1, 'a source changed');
  await writeFile(join(checkout, 'src/elements/natter-comments.ts'), 'src/elements/natter-comments.ts\n');
  assert.equal(run('check', checkout), 0, 'changed back');

  await writeFile(join(checkout, 'src/new.ts'), 'export {};\n');
  assert.equal(run('check', checkout), 1, 'a source was added');
  await rm(join(checkout, 'src/new.ts'));

  await writeFile(join(checkout, 'tsconfig.browser.json'), '{}\n');
  assert.equal(run('check', checkout), 1, 'a tsconfig was added');
  await rm(join(checkout, 'tsconfig.browser.json'));

  await writeFile(join(checkout, 'rollup.config.mjs'), 'export default [];\n');
  assert.equal(run('check', checkout), 1, 'a build config changed');
  await writeFile(join(checkout, 'rollup.config.mjs'), 'rollup.config.mjs\n');

  await writeFile(join(checkout, 'package-lock.json'), 'another lock\n');
  assert.equal(run('check', checkout), 1, 'the locked dependencies changed');
  await writeFile(join(checkout, 'package-lock.json'), 'package-lock.json\n');
  assert.equal(run('check', checkout), 0);

  await rm(join(checkout, 'dist/count.js'));
  assert.equal(run('check', checkout), 1, 'an output is missing');
});
