import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { loadStaticAssets } from '../../../src/server/node/static-assets.js';

describe('the widget’s files', () => {
  let directory: string;
  const script = new TextEncoder().encode(
    Array.from({ length: 300 }, (_, index) => `export const message${index} = "Comment ${index}";`).join(
      '\n',
    ),
  );
  const map = new TextEncoder().encode(
    JSON.stringify({ version: 3, mappings: 'AAAA,CAAC;'.repeat(500), sources: ['natter.ts'] }),
  );
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'natter-assets-'));
    await writeFile(join(directory, 'natter.js'), script);
    await writeFile(join(directory, 'natter.js.map'), map);
    await writeFile(join(directory, 'natter-tiny.js'), 'export {};\n');
    await writeFile(join(directory, 'logo.png'), randomBytes(2_000));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('holds brotli and gzip forms of each compressible file that decode to it, each with its own tag', () => {
    const files = loadStaticAssets(directory);
    for (const [name, original] of [
      ['natter.js', script],
      ['natter.js.map', map],
    ] as const) {
      const file = files.get(name)!;
      assert.deepEqual(file.body, original);
      const { br, gzip } = file.encoded ?? {};
      assert.ok(br && gzip, name);
      assert.deepEqual(new Uint8Array(brotliDecompressSync(br.body)), original, name);
      assert.deepEqual(new Uint8Array(gunzipSync(gzip.body)), original, name);
      assert.equal(br.etag, file.etag.replace(/"$/, '-br"'));
      assert.equal(gzip.etag, file.etag.replace(/"$/, '-gzip"'));
      assert.ok(br.body.byteLength < gzip.body.byteLength, `${name}: brotli is the smaller`);
      // Each form in a buffer of its own, not a view of zlib's larger one.
      assert.equal(br.body.buffer.byteLength, br.body.byteLength);
    }
  });

  it('lists the files at start and reads each when it is first asked for, then holds it', async () => {
    await writeFile(join(directory, 'natter-late.js'), 'export const version = 1;\n');
    const file = loadStaticAssets(directory).get('natter-late.js')!;
    await writeFile(join(directory, 'natter-late.js'), 'export const version = 2;\n');
    assert.equal(new TextDecoder().decode(file.body), 'export const version = 2;\n');
    await writeFile(join(directory, 'natter-late.js'), 'export const version = 3;\n');
    assert.equal(new TextDecoder().decode(file.body), 'export const version = 2;\n');
  });

  it('keeps no form of a file that would not shrink, nor of one that is compressed already', () => {
    const files = loadStaticAssets(directory);
    assert.deepEqual(files.get('natter-tiny.js')!.encoded, {});
    assert.equal(files.get('logo.png')!.encoded, undefined);
  });
});

describe('the compressed forms the build writes beside a file', () => {
  let directory: string;
  const script = new TextEncoder().encode('export const greeting = "Reader Comments";\n'.repeat(200));
  // Quality 1: bytes the server's own quality 11 would never make, so the test sees whose form is served.
  const builtBrotli = new Uint8Array(
    brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
  );
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'natter-built-forms-'));
    await writeFile(join(directory, 'natter.js'), script);
    await writeFile(join(directory, 'natter.js.br'), builtBrotli);
    // A gzip form left from an older build: it decodes to other bytes.
    await writeFile(join(directory, 'natter.js.gz'), gzipSync('export const greeting = "old";\n'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('serves a form that decodes to its file as it is, and compresses afresh in place of a stale one', () => {
    const file = loadStaticAssets(directory).get('natter.js')!;
    assert.deepEqual(file.encoded?.br?.body, builtBrotli);
    assert.deepEqual(new Uint8Array(gunzipSync(file.encoded!.gzip!.body)), script);
  });

  it('never serves the forms themselves as files', () => {
    assert.deepEqual([...loadStaticAssets(directory).keys()], ['natter.js']);
  });
});
