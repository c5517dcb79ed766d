// What the real `natter serve` puts on the wire: natter.js, every chunk it imports statically and a thread page, in
// brotli, gzip and uncompressed, counted as the socket delivers them (node:http decodes nothing). The script a reader
// downloads before the first paint must stay within the README's budget of 22 KB, compressed by the server itself,
// with no proxy in front. Run `npm run build` first: the server serves dist/.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTempFolder, startServer } from '../../e2e/server-process.mjs';
import { postComment } from './protocol-calls.mjs';
import { getRaw } from './raw-get.mjs';

/** The README's budget for what a reader downloads before the first comment: 22 KB (as scripts/size.mjs counts it). */
const budgetBytes = 22 * 1024;

const temporary = await createTempFolder();
after(() => temporary.remove());

/** The codings measured; `identity` is a request without `Accept-Encoding`. */
const codings = ['br', 'gzip', 'identity'];

/** GETs `path` as a client accepting `coding` would (`identity`: no `Accept-Encoding`). */
function getCoded(url, path, coding) {
  return getRaw(url, path, coding === 'identity' ? {} : { 'accept-encoding': coding });
}

/** The bytes a body in `coding` stands for. */
function decode(bytes, coding) {
  if (coding === 'br') return brotliDecompressSync(bytes);
  if (coding === 'gzip') return gunzipSync(bytes);
  return bytes;
}

/**
 * `path` in each coding: the bytes on the wire by coding, after checking that each answer says its coding, varies by
 * `Accept-Encoding`, states its length and decodes to exactly the uncompressed body (returned as `body`).
 */
async function measure(url, path) {
  const sizes = {};
  let body;
  for (const coding of codings) {
    const answer = await getCoded(url, path, coding);
    assert.equal(answer.status, 200, `${path} (${coding})`);
    assert.equal(answer.headers['content-encoding'] ?? 'identity', coding, `${path} (${coding})`);
    assert.match(answer.headers.vary ?? '', /\bAccept-Encoding\b/i, `${path} (${coding})`);
    assert.equal(Number(answer.headers['content-length']), answer.bytes.length, `${path} (${coding})`);
    const decoded = decode(answer.bytes, coding);
    body ??= decoded;
    assert.ok(decoded.equals(body), `${path} in ${coding} decodes to the uncompressed body`);
    sizes[coding] = answer.bytes.length;
  }
  assert.ok(sizes.br < sizes.gzip && sizes.gzip < sizes.identity, `${path}: ${JSON.stringify(sizes)}`);
  return { sizes, body };
}

/** The files `code` imports statically (`import … from "./x.js"`, `export … from`); `import()` is lazy. */
function staticImports(code) {
  const staticImport = /(?:^|[;}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g;
  return [...code.matchAll(staticImport)].map(([, file]) => file);
}

const line = (name, sizes) => `${name}: ${sizes.br} B br, ${sizes.gzip} B gzip, ${sizes.identity} B identity`;

test(
  'natter serve sends natter.js, its static chunks and thread pages compressed, within the size budget',
  { timeout: 60_000 },
  async (t) => {
    const server = await startServer({ database: temporary.file(), t });

    const total = { br: 0, gzip: 0, identity: 0 };
    const queue = ['natter.js'];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const file = queue.shift();
      const { sizes, body } = await measure(server.url, `/${file}`);
      t.diagnostic(line(file, sizes));
      for (const coding of codings) total[coding] += sizes[coding];
      for (const imported of staticImports(body.toString('utf8'))) {
        if (seen.has(imported)) continue;
        seen.add(imported);
        queue.push(imported);
      }
    }
    t.diagnostic(line(`to show a thread (${seen.size} file${seen.size === 1 ? '' : 's'})`, total));
    assert.ok(total.gzip <= budgetBytes, `${total.gzip} B gzip, over the budget of ${budgetBytes} B`);
    assert.ok(total.br <= budgetBytes, `${total.br} B br, over the budget of ${budgetBytes} B`);

    // A thread with a full first page of ordinary comments.
    const thread = '/2026/11/served-small';
    for (let index = 0; index < 50; index++) {
      const text = `Comment ${index}: thanks for the write-up, the part about ${index % 2 ? 'brotli' : 'gzip'} was new to me.`;
      const posted = await postComment(server.url, { thread, name: `Reader ${index}`, text });
      assert.equal(posted.status, 201, await posted.text());
    }
    const page = await measure(server.url, `/api/v1/comments?thread=${encodeURIComponent(thread)}`);
    t.diagnostic(line('a thread page (50 comments)', page.sizes));
    assert.equal(JSON.parse(page.body.toString('utf8')).comments.length, 50);
  },
);
