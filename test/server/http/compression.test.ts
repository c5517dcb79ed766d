import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { ListCommentsResponse, PostCommentResponse } from '../../../src/protocol/types.js';
import { createApp, type AppOptions } from '../../../src/server/app.js';
import type { Compression } from '../../../src/server/compression.js';
import { loadStaticAssets } from '../../../src/server/node/static-assets.js';
import { zlibCompression } from '../../../src/server/node/zlib-compression.js';
import { isWidgetFile } from '../../../src/server/routes/static-files.js';
import {
  allowedOrigin,
  backends,
  baseUrl,
  countsPath,
  listPath,
  newComment,
  uniqueThread,
  useFreshDatabase,
} from './helpers.js';

/** An answer as it would go on the wire: its body's bytes, not decoded. */
interface RawAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

type Coding = 'br' | 'gzip' | 'identity';

/** The bytes a body of `coding` stands for. */
function decode(bytes: Uint8Array, coding: Coding): Uint8Array {
  if (coding === 'br') return new Uint8Array(brotliDecompressSync(bytes));
  if (coding === 'gzip') return new Uint8Array(gunzipSync(bytes));
  return bytes;
}

/** The coding an answer says its body is in. */
const codingOf = (answer: RawAnswer): Coding =>
  (answer.headers.get('content-encoding') ?? 'identity') as Coding;

/** Whether `Vary` names `name`, among others. */
const varies = (answer: RawAnswer, name: string) =>
  (answer.headers.get('vary') ?? '')
    .split(',')
    .map((field) => field.trim().toLowerCase())
    .includes(name.toLowerCase());

/** `app.fetch` without decoding anything: what a client that sent `headers` would get. */
async function fetchRaw(app: Hono, path: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await app.fetch(new Request(new URL(path, baseUrl), init));
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** A GET with this `Accept-Encoding` (none when `undefined`) and any other headers. */
function get(app: Hono, path: string, acceptEncoding?: string, headers: Record<string, string> = {}) {
  return fetchRaw(app, path, {
    headers: { ...headers, ...(acceptEncoding !== undefined && { 'accept-encoding': acceptEncoding }) },
  });
}

/** A JSON request with a body (POST or PATCH). */
function sendJson(
  app: Hono,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetchRaw(app, path, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The JSON a raw answer holds, decoded from its coding. */
const jsonOf = (answer: RawAnswer): unknown =>
  JSON.parse(new TextDecoder().decode(decode(answer.bytes, codingOf(answer))));

/** `Accept-Encoding` values and the coding each must get when brotli and gzip are both at hand. */
const negotiations: [header: string | undefined, coding: Coding][] = [
  [undefined, 'identity'],
  ['', 'identity'],
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip', 'gzip'],
  ['br', 'br'],
  ['br;q=0, gzip', 'gzip'],
  ['gzip;q=1, br;q=0.5', 'gzip'],
  ['*', 'br'],
  ['identity', 'identity'],
  ['identity, gzip;q=0.5', 'identity'],
  ['gzip;q=0, br;q=0', 'identity'],
  ['deflate, zstd', 'identity'],
];

/** zlib's brotli and gzip, counting the calls. */
function countingCompression(): { compression: Compression; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    compression: {
      codings: zlibCompression.codings,
      compress(bytes, coding) {
        calls.push(coding);
        return zlibCompression.compress(bytes, coding);
      },
    },
  };
}

/** A folder with a widget large enough to compress, a chunk too small to, and a page with a PNG. */
async function makeFiles() {
  const directory = await mkdtemp(join(tmpdir(), 'natter-compression-'));
  const script = Array.from(
    { length: 200 },
    (_, index) => `export const message${index} = "Comment ${index}";`,
  );
  const files = {
    'natter.js': `import "./natter-tiny-abc.js";\n${script.join('\n')}\n`,
    'natter-tiny-abc.js': 'export const a = 1;\n',
    'index.html': `<!doctype html><title>Demo</title>${'<p>A paragraph of the demo page.</p>'.repeat(50)}`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
  await writeFile(join(directory, 'logo.png'), randomBytes(4_000));
  return {
    directory,
    text: (name: keyof typeof files) => new TextEncoder().encode(files[name]),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
}

describe('compression', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      let files: Awaited<ReturnType<typeof makeFiles>>;
      before(async () => {
        files = await makeFiles();
      });
      after(() => files.cleanup());

      /** An app on this suite's database with Node's compression, the widget and the demo files. */
      const appWith = (options: Partial<AppOptions> = {}) =>
        createApp({
          store: database().store,
          rateLimit: false,
          moderation: 'open',
          formToken: { isRequired: false },
          origins: [allowedOrigin],
          compression: zlibCompression,
          widget: loadStaticAssets(files.directory, isWidgetFile),
          demo: loadStaticAssets(files.directory, (name) => !isWidgetFile(name)),
          ...options,
        });

      /** A thread whose first page is several KB of JSON, and that page's path. */
      async function largeThread(app: Hono): Promise<string> {
        const thread = uniqueThread();
        for (let index = 0; index < 12; index++) {
          const text = `Comment ${index}: what a lovely post about compression, thank you for writing it.`;
          const answer = await sendJson(app, 'POST', '/api/v1/comments', newComment({ thread, text }));
          assert.equal(answer.status, 201);
        }
        return listPath({ thread });
      }

      describe('the widget’s files', () => {
        it('sends natter.js in the coding the client prefers, each decoding to the file, all varying by Accept-Encoding', async () => {
          const app = appWith();
          const identity = await get(app, '/natter.js');
          const tag = identity.headers.get('etag')!;
          const tags: Record<Coding, string> = {
            identity: tag,
            br: tag.replace(/"$/, '-br"'),
            gzip: tag.replace(/"$/, '-gzip"'),
          };
          for (const [header, coding] of negotiations) {
            const answer = await get(app, '/natter.js', header);
            const label = `Accept-Encoding: ${header}`;
            assert.equal(answer.status, 200, label);
            assert.equal(codingOf(answer), coding, label);
            assert.deepEqual(decode(answer.bytes, coding), files.text('natter.js'), label);
            assert.equal(answer.headers.get('etag'), tags[coding], label);
            assert.ok(varies(answer, 'Accept-Encoding'), label);
            assert.equal(answer.headers.get('content-type'), 'text/javascript; charset=utf-8', label);
            assert.equal(answer.headers.get('access-control-allow-origin'), '*', label);
            if (coding !== 'identity')
              assert.ok(answer.bytes.byteLength < files.text('natter.js').byteLength);
          }
        });

        it('answers If-None-Match against the tag of the coding it would send', async () => {
          const app = appWith();
          const tags = new Map<Coding, string>();
          for (const coding of ['br', 'gzip', 'identity'] as const) {
            tags.set(coding, (await get(app, '/natter.js', coding)).headers.get('etag')!);
          }
          assert.equal(new Set(tags.values()).size, 3, 'one tag per coding');
          for (const [coding, tag] of tags) {
            for (const ifNoneMatch of [
              tag,
              `W/${tag}`,
              `"other", ${tag}`,
              '*',
              [...tags.values()].join(', '),
            ]) {
              const answer = await get(app, '/natter.js', coding, { 'if-none-match': ifNoneMatch });
              assert.equal(answer.status, 304, `${coding}, If-None-Match: ${ifNoneMatch}`);
              assert.equal(answer.bytes.byteLength, 0);
              assert.equal(answer.headers.get('etag'), tag);
              assert.ok(varies(answer, 'Accept-Encoding'));
              assert.equal(answer.headers.get('content-encoding'), null);
            }
            // The client holds this coding's form, but now asks for another: it gets the other, in full.
            for (const other of ['br', 'gzip', 'identity'] as const) {
              if (other === coding) continue;
              const answer = await get(app, '/natter.js', other, { 'if-none-match': tag });
              assert.equal(answer.status, 200, `holds ${coding}, asks for ${other}`);
              assert.equal(codingOf(answer), other);
              assert.equal(answer.headers.get('etag'), tags.get(other));
            }
          }
        });

        it('answers HEAD as GET, without the body', async () => {
          const app = appWith();
          for (const header of [undefined, 'br', 'gzip']) {
            const got = await get(app, '/natter.js', header);
            const head = await fetchRaw(app, '/natter.js', {
              method: 'HEAD',
              headers: header ? { 'accept-encoding': header } : {},
            });
            assert.equal(head.status, 200);
            assert.equal(head.bytes.byteLength, 0);
            for (const name of ['content-encoding', 'etag', 'vary', 'content-type', 'cache-control']) {
              assert.equal(head.headers.get(name), got.headers.get(name), `${header}: ${name}`);
            }
          }
        });

        it('sends a file that would not shrink as it is, and varies only compressible types', async () => {
          const app = appWith();
          const tiny = await get(app, '/natter-tiny-abc.js', 'gzip, deflate, br, zstd');
          assert.equal(codingOf(tiny), 'identity');
          assert.deepEqual(tiny.bytes, files.text('natter-tiny-abc.js'));
          assert.match(tiny.headers.get('etag') ?? '', /^"[\w-]{22}"$/);
          assert.ok(varies(tiny, 'Accept-Encoding'));

          const png = await get(app, '/logo.png', 'gzip, deflate, br, zstd');
          assert.equal(png.status, 200);
          assert.equal(codingOf(png), 'identity');
          assert.equal(png.headers.get('vary'), null);

          const page = await get(app, '/', 'gzip, deflate, br, zstd');
          assert.equal(codingOf(page), 'br');
          assert.deepEqual(decode(page.bytes, 'br'), files.text('index.html'));
        });
      });

      describe('thread pages and counts', () => {
        it('sends a large page in the coding the client prefers, decoding to exactly the uncompressed bytes', async () => {
          const app = appWith();
          const path = await largeThread(app);
          const identity = await get(app, path, undefined, { origin: allowedOrigin });
          assert.ok(identity.bytes.byteLength > 2_048, `${identity.bytes.byteLength} bytes`);
          const tags = new Set<string>();
          for (const [header, coding] of negotiations) {
            const answer = await get(app, path, header, { origin: allowedOrigin });
            const label = `Accept-Encoding: ${header}`;
            assert.equal(answer.status, 200, label);
            assert.equal(codingOf(answer), coding, label);
            assert.deepEqual(decode(answer.bytes, coding), identity.bytes, label);
            assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8', label);
            assert.equal(answer.headers.get('cache-control'), 'no-cache', label);
            assert.ok(varies(answer, 'Accept-Encoding') && varies(answer, 'Origin'), label);
            assert.equal(answer.headers.get('access-control-allow-origin'), allowedOrigin, label);
            tags.add(`${coding} ${answer.headers.get('etag')}`);
          }
          assert.equal(new Set([...tags].map((entry) => entry.split(' ')[1])).size, 3, [...tags].join('; '));
          assert.equal(tags.size, 3, 'one tag per coding, the same for every request of that coding');
          assert.equal((jsonOf(await get(app, path, 'br')) as ListCommentsResponse).comments.length, 12);
        });

        it('answers If-None-Match against the tag of the coding it would send', async () => {
          const app = appWith();
          const path = await largeThread(app);
          const tags = new Map<Coding, string>();
          for (const coding of ['br', 'gzip', 'identity'] as const) {
            tags.set(coding, (await get(app, path, coding)).headers.get('etag')!);
          }
          assert.equal(new Set(tags.values()).size, 3);
          for (const [coding, tag] of tags) {
            for (const ifNoneMatch of [tag, `W/${tag}`, '*']) {
              const answer = await get(app, path, coding, { 'if-none-match': ifNoneMatch });
              assert.equal(answer.status, 304, `${coding}, If-None-Match: ${ifNoneMatch}`);
              assert.equal(answer.bytes.byteLength, 0);
              assert.equal(answer.headers.get('etag'), tag);
              assert.ok(varies(answer, 'Accept-Encoding'));
            }
            for (const other of ['br', 'gzip', 'identity'] as const) {
              if (other === coding) continue;
              const answer = await get(app, path, other, { 'if-none-match': tag });
              assert.equal(answer.status, 200, `holds ${coding}, asks for ${other}`);
              assert.equal(answer.headers.get('etag'), tags.get(other));
            }
          }
        });

        it('sends answers under 1 KiB as they are, still varying by Accept-Encoding', async () => {
          const { compression, calls } = countingCompression();
          const app = appWith({ compression });
          const thread = uniqueThread();
          await sendJson(app, 'POST', '/api/v1/comments', newComment({ thread }));
          for (const path of [listPath({ thread }), countsPath([thread])]) {
            const answer = await get(app, path, 'gzip, deflate, br, zstd');
            assert.equal(answer.status, 200, path);
            assert.ok(answer.bytes.byteLength < 1_024, path);
            assert.equal(codingOf(answer), 'identity', path);
            assert.match(answer.headers.get('etag') ?? '', /^"[\w-]{22}"$/);
            assert.ok(varies(answer, 'Accept-Encoding'), path);
          }
          assert.deepEqual(calls, [], 'nothing small was compressed');
        });

        it('compresses large counts too', async () => {
          const app = appWith();
          const threads = Array.from({ length: 40 }, () => `${uniqueThread()}/a-rather-long-article-name`);
          const identity = await get(app, countsPath(threads));
          const answer = await get(app, countsPath(threads), 'gzip');
          assert.equal(codingOf(answer), 'gzip');
          assert.deepEqual(decode(answer.bytes, 'gzip'), identity.bytes);
        });

        it('compresses a cached answer in a coding when a client first asks for it, and only then', async () => {
          const { compression, calls } = countingCompression();
          const app = appWith({ compression });
          const path = await largeThread(app);
          // Made and read with no coding asked for: nothing compressed.
          assert.equal((await get(app, path)).status, 200);
          assert.deepEqual(calls, []);
          for (const header of ['br', 'gzip', undefined, 'br', 'gzip, deflate, br, zstd', 'gzip']) {
            assert.equal((await get(app, path, header)).status, 200);
          }
          assert.deepEqual(calls, ['br', 'gzip']);
          const thread = new URL(path, baseUrl).searchParams.get('thread')!;
          await sendJson(app, 'POST', '/api/v1/comments', newComment({ thread }));
          calls.length = 0;
          const changed = await get(app, path, 'br');
          assert.equal((jsonOf(changed) as ListCommentsResponse).comments.length, 13);
          assert.deepEqual(decode(changed.bytes, 'br'), (await get(app, path)).bytes);
          assert.deepEqual(calls, ['br'], 'the new page is compressed once more, in the coding asked for');
        });

        it('gzips by default, through CompressionStream, and never sends brotli then', async () => {
          const app = appWith({ compression: undefined });
          const path = await largeThread(app);
          const identity = await get(app, path);
          const gzip = await get(app, path, 'gzip, deflate, br, zstd');
          assert.equal(codingOf(gzip), 'gzip');
          assert.deepEqual(decode(gzip.bytes, 'gzip'), identity.bytes);
          assert.equal(codingOf(await get(app, path, 'br')), 'identity');
          // The widget's files are the adapter's: still brotli where it made it.
          assert.equal(codingOf(await get(app, '/natter.js', 'br')), 'br');
        });
      });

      describe('answers to writes', () => {
        it('compresses a post’s or an edit’s large answer, and says it varies by Accept-Encoding', async () => {
          const app = appWith();
          const text = `A long comment. ${'It goes on and on about compression. '.repeat(60)}`.trim();
          const headers = { origin: allowedOrigin, 'accept-encoding': 'gzip, deflate, br, zstd' };
          const posted = await sendJson(app, 'POST', '/api/v1/comments', newComment({ text }), headers);
          assert.equal(posted.status, 201);
          assert.equal(codingOf(posted), 'br');
          assert.ok(varies(posted, 'Accept-Encoding') && varies(posted, 'Origin'));
          assert.equal(posted.headers.get('content-type'), 'application/json; charset=utf-8');
          assert.equal(posted.headers.get('cache-control'), 'no-store');
          const { comment, secret } = jsonOf(posted) as PostCommentResponse;
          assert.equal(comment.text, text);

          const edited = await sendJson(
            app,
            'PATCH',
            `/api/v1/comments/${comment.id}`,
            { text: `${text} Edited.` },
            { authorization: `Bearer ${secret}`, 'accept-encoding': 'gzip' },
          );
          assert.equal(edited.status, 200);
          assert.equal(codingOf(edited), 'gzip');
          assert.equal((jsonOf(edited) as PostCommentResponse).comment.text, `${text} Edited.`);
        });

        it('sends a small answer, or one to a client that accepts no coding, as it is', async () => {
          const app = appWith();
          const short = await sendJson(app, 'POST', '/api/v1/comments', newComment(), {
            'accept-encoding': 'br',
          });
          assert.equal(short.status, 201);
          assert.equal(codingOf(short), 'identity');
          assert.ok(varies(short, 'Accept-Encoding'));
          assert.ok(jsonOf(short));
          const long = newComment({ text: 'Words, words, words. '.repeat(100) });
          const plain = await sendJson(app, 'POST', '/api/v1/comments', long);
          assert.equal(plain.status, 201);
          assert.equal(codingOf(plain), 'identity');
          assert.equal((jsonOf(plain) as PostCommentResponse).comment.text, long.text.trim());
          const refused = await sendJson(
            app,
            'POST',
            '/api/v1/comments',
            { thread: '' },
            { 'accept-encoding': 'br' },
          );
          assert.equal(refused.status, 400);
          assert.equal(codingOf(refused), 'identity');
        });
      });
    });
  }
});
