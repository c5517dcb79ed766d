import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { printable } from '../../../src/server/import/import-summary.js';
import { fixture, runImport, temporaryFolder } from './import-helpers.js';

describe('natter import of other systems: the command', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ folder, cleanup } = await temporaryFolder()));
  after(() => cleanup());

  it('lists the four formats and explains each', async () => {
    const help = await runImport(['--help'], join(folder, 'unused.db'));
    for (const format of ['disqus', 'wordpress', 'isso', 'remark42'])
      assert.match(help.stdout, new RegExp(`\\n  ${format} `));
    const disqus = await runImport(['disqus', '--help'], join(folder, 'unused.db'));
    assert.match(disqus.stdout, /^Usage: natter import disqus FILE\.xml \[options\]/);
    assert.match(disqus.stdout, /--map-url 'OLD→NEW'/);
  });

  it('refuses a --map-url without an arrow, importing nothing', async () => {
    const result = await runImport(
      ['disqus', fixture('disqus.xml'), '--map-url', 'https://old.example/'],
      join(folder, 'bad-map.db'),
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--map-url "https:\/\/old\.example\/" is not OLD→NEW/);
    assert.equal(result.stdout, '');
  });

  it('writes what the summary repeats from a file with its control and bidi characters escaped', () => {
    assert.equal(printable('id \u001b[2J\u202eevil'), 'id \\u{1b}[2J\\u{202e}evil');
  });
});
