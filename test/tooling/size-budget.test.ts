// `npm run size -- --check` (scripts/size.mjs) holds the budgets: it must fail when count.js grows past 2 KB gzip,
// whatever natter.js weighs, and pass the build of this checkout.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const sizeScript = fileURLToPath(new URL('../../scripts/size.mjs', import.meta.url));
const builtDist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Runs the size check on `dist` and returns its exit status and output. */
function checkSizes(dist: string) {
  const run = spawnSync(process.execPath, [sizeScript, '--check', '--dist', dist], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A dist folder with a small natter.js and a count.js of `countBytes` that do not compress. */
function fakeDist(countBytes: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'natter-size-'));
  folders.push(folder);
  writeFileSync(join(folder, 'natter.js'), 'export const natter = 1;\n');
  // Base64 of random bytes: gzip gains only what the alphabet leaves (a quarter), so the size is predictable.
  writeFileSync(join(folder, 'count.js'), randomBytes(countBytes).toString('base64'));
  return folder;
}

describe('the size budget of count.js', () => {
  it('fails the check when count.js is over 2 KB gzip', () => {
    const dist = fakeDist(2400);
    const { status, output } = checkSizes(dist);
    assert.equal(status, 1, output);
    assert.match(output, /count\.js is over its size budget: \d+ > 2048 bytes gzip/);
  });

  it('passes the check when count.js is within 2 KB gzip', () => {
    const dist = fakeDist(1200);
    const { status, output } = checkSizes(dist);
    assert.equal(status, 0, output);
    assert.match(output, /count\.js \(index pages\)/);
  });

  it(
    'holds count.js of the build of this checkout to it',
    { skip: !existsSync(join(builtDist, 'count.js')) && 'run `npm run build` first' },
    () => {
      // Only count.js's budget: natter.js has its own, which this file is not about.
      const { output } = checkSizes(builtDist);
      assert.doesNotMatch(output, /count\.js is over/);
      const gzip = Number(/\((\d+) B gzip/.exec(output)?.[1]);
      assert.ok(gzip > 0 && gzip <= 2048, output);
    },
  );
});
