// What dist/ was built from: a hash of every input of `npm run build` (src/, the build's configs, the locked
// dependencies), kept in dist/.build-inputs by the build. `npm install` builds already (prepare), so `npm test`
// right after it asks here first and builds again only when an input changed or dist/ is incomplete.
//   node scripts/build-inputs.mjs write [checkout]   records the inputs of the build that just ended
//   node scripts/build-inputs.mjs check [checkout]   exits 0 when dist/ was built from exactly the current inputs
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [command, checkout] = process.argv.slice(2);
const root = checkout ?? fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/.build-inputs');
/** Files the build makes last or relies on: a dist/ without them is incomplete, whatever its stamp says. */
const outputs = [
  'dist/natter.js',
  'dist/count.js',
  'dist/admin.js',
  'dist/lib/index.js',
  'dist/cli/natter.js',
  'dist/custom-elements.json',
];

/** Every input file, relative to the checkout, in a stable order. */
function inputFiles() {
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
  const configs = readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name));
  const others = [
    'rollup.config.mjs',
    'custom-elements-manifest.config.mjs',
    'package.json',
    'package-lock.json',
  ];
  return [...sources, ...configs, ...others].sort();
}

/** The hash of every input's path and bytes. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles())
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

if (command === 'write') {
  writeFileSync(stamp, `${inputsHash()}\n`);
} else if (command === 'check') {
  const current =
    outputs.every((file) => existsSync(join(root, file))) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === inputsHash();
  if (current) console.log('dist/ was built from exactly these sources: not built again');
  process.exit(current ? 0 : 1);
} else {
  console.error('usage: node scripts/build-inputs.mjs write|check');
  process.exit(2);
}
