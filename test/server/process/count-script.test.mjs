// What the real `natter serve` sends for /count.js, the script of index pages' comment counts: JavaScript, compressed
// by the server itself (brotli or gzip, as the request accepts), cached and shared as natter.js is, within its budget
// of 2 KB gzip on the wire. Run `npm run build` first: the server serves dist/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTempFolder, startServer } from '../../e2e/server-process.mjs';
import { getRaw } from './raw-get.mjs';

const temporary = await createTempFolder();
after(() => temporary.remove());

test('natter serve sends /count.js compressed, as JavaScript any site may load, within 2 KB gzip', async (t) => {
  const server = await startServer({ database: temporary.file(), t });
  const built = await readFile(new URL('../../../dist/count.js', import.meta.url));
  const decoders = { br: brotliDecompressSync, gzip: gunzipSync, identity: (bytes) => bytes };
  const sizes = {};
  for (const coding of ['br', 'gzip', 'identity']) {
    const headers = coding === 'identity' ? {} : { 'accept-encoding': coding };
    const answer = await getRaw(server.url, '/count.js', headers);
    assert.equal(answer.status, 200, coding);
    assert.equal(answer.headers['content-type'], 'text/javascript; charset=utf-8', coding);
    assert.equal(answer.headers['content-encoding'] ?? 'identity', coding);
    assert.match(answer.headers.vary ?? '', /\bAccept-Encoding\b/i, coding);
    assert.equal(answer.headers['cache-control'], 'public, max-age=3600, stale-while-revalidate=86400');
    assert.equal(answer.headers['access-control-allow-origin'], '*');
    assert.equal(answer.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(answer.headers.etag ?? '', /^"[\w-]+"$/);
    assert.ok(decoders[coding](answer.bytes).equals(built), `${coding} decodes to dist/count.js`);
    sizes[coding] = answer.bytes.length;
  }
  assert.ok(sizes.br < sizes.gzip && sizes.gzip < sizes.identity, JSON.stringify(sizes));
  assert.ok(sizes.gzip <= 2048, `count.js is ${sizes.gzip} B gzip on the wire, over 2 KB`);
  t.diagnostic(`count.js: ${sizes.br} B br, ${sizes.gzip} B gzip, ${sizes.identity} B identity`);

  // Revalidated by its ETag, as natter.js is.
  const first = await getRaw(server.url, '/count.js', { 'accept-encoding': 'br' });
  const again = await getRaw(server.url, '/count.js', {
    'accept-encoding': 'br',
    'if-none-match': first.headers.etag,
  });
  assert.equal(again.status, 304);
  // Its source map is served beside it; nothing else of that name.
  assert.equal((await getRaw(server.url, '/count.js.map')).status, 200);
  assert.equal((await getRaw(server.url, '/count.jsx')).status, 404);
});
