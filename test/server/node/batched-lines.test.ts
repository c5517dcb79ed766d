import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { batchedLines } from '../../../src/server/node/batched-lines.js';

describe('batchedLines', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const stream = Object.assign(new PassThrough(), { fd: -1 });
    const writes: string[] = [];
    stream.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const write = batchedLines(stream);
    for (let index = 0; index < 100; index += 1) write(`line ${index}\n`);
    assert.deepEqual(writes, [], 'nothing before the turn ends');
    await nextTurn();
    await nextTurn();
    write('later\n');
    await nextTurn();
    await nextTurn();
    assert.equal(writes.length, 2);
    assert.equal(writes[0], Array.from({ length: 100 }, (_, index) => `line ${index}\n`).join(''));
    assert.equal(writes[1], 'later\n');
  });

  it('writes what is gathered when the process exits in the same turn', () => {
    const module = fileURLToPath(new URL('../../../src/server/node/batched-lines.js', import.meta.url));
    const script = `
      const { batchedLines } = await import(${JSON.stringify(module)});
      const write = batchedLines(process.stdout);
      write('first\\n');
      write('last\\n');
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(child.stderr, '');
    assert.equal(child.stdout, 'first\nlast\n');
  });
});
