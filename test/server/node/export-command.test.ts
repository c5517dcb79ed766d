import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportCommand } from '../../../src/server/node/export-command.js';
import { collector } from '../import/import-helpers.js';

/** Runs `natter export ARGS` in this process; stdout a terminal when `isTTY`. */
async function runExport(args: string[], isTTY = false) {
  const stdout = collector(isTTY);
  const stderr = collector();
  const code = await exportCommand(args, { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('natter export, its command line', () => {
  it('refuses to write the export to a terminal', async () => {
    assert.deepEqual(await runExport([], true), {
      code: 2,
      stdout: '',
      stderr:
        'natter export: the export would go to the terminal\nsend it to a file: natter export > natter.jsonl\n',
    });
  });

  it('names a flag it does not know, and a flag that lacks its value as such', async () => {
    const unknown = await runExport(['--nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^natter export: unknown option --nope\n/);
    const noValue = await runExport(['--database']);
    assert.equal(noValue.code, 2);
    assert.match(noValue.stderr, /^natter export: Option '--database <value>' argument missing\n/);
  });
});
