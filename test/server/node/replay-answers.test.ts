import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { AnswerReplay } from '../../../src/server/answer-replay.js';
import { createLogger } from '../../../src/server/logger.js';
import {
  createServer,
  type RunningServer,
  type ServerOptions,
} from '../../../src/server/node/node-server.js';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'natter-replay-'));
});
after(() => rm(folder, { recursive: true, force: true }));

// Which answers came from the replay rather than the app: counted where the adapter asks for them.
let replayed = 0;
const originalGet = AnswerReplay.prototype.get;
before(() => {
  AnswerReplay.prototype.get = function (this: AnswerReplay, ...args) {
    const answer = originalGet.apply(this, args);
    if (answer) replayed += 1;
    return answer;
  };
});
after(() => {
  AnswerReplay.prototype.get = originalGet;
});

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Partial<ServerOptions> = {}): Promise<RunningServer & { lines: string[] }> {
  const lines: string[] = [];
  const running = await createServer({
    database: join(folder, `${Math.random().toString(36).slice(2)}.sqlite`),
    port: 0,
    rateLimit: false,
    moderation: 'open',
    formToken: { isRequired: false },
    origins: ['https://blog.example'],
    logger: createLogger('info', (line) => lines.push(line)),
    ...options,
  });
  servers.push(running);
  return Object.assign(running, { lines });
}

const post = (server: RunningServer, text: string) =>
  fetch(new URL('api/v1/comments', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread: '/replay', name: 'Ada', text }),
  });

/** A GET of the thread's first page, its status, headers (without Date, which the runtime writes) and bytes. */
async function getPage(server: RunningServer, headers: Record<string, string> = {}) {
  const answer = await fetch(new URL('api/v1/comments?thread=%2Freplay&limit=10', server.url), { headers });
  const seen = Object.fromEntries([...answer.headers].filter(([name]) => name !== 'date'));
  return { status: answer.status, headers: seen, body: Buffer.from(await answer.arrayBuffer()) };
}

/** `fn`'s result, and how many answers the replay sent meanwhile. */
async function counting<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const before = replayed;
  const result = await fn();
  return [result, replayed - before];
}

describe('replaying cached answers (node/replay-answers.ts)', () => {
  it('sends the same status, headers and bytes as the app did, without the app', async () => {
    const server = await serve();
    assert.equal((await post(server, 'First')).status, 201);
    const variants: Record<string, string>[] = [
      {},
      { origin: 'https://blog.example' },
      { 'accept-encoding': 'gzip, deflate, br' },
    ];
    for (const headers of variants) {
      const [first, fromReplayFirst] = await counting(() => getPage(server, headers));
      const [second, fromReplaySecond] = await counting(() => getPage(server, headers));
      assert.equal(fromReplayFirst, 0, 'the first answer is the app’s');
      assert.equal(fromReplaySecond, 1, 'the second is replayed');
      assert.deepEqual(second, first);
      assert.equal(first.status, 200);
    }
  });

  it('keeps answers apart by origin and coding: CORS headers only for the allowed origin', async () => {
    const server = await serve();
    // Enough text to be worth compressing.
    for (let index = 0; index < 10; index += 1)
      await post(server, `Comment ${index}: ${'words '.repeat(30)}`);
    await getPage(server, { origin: 'https://blog.example' });
    const [allowed] = await counting(() => getPage(server, { origin: 'https://blog.example' }));
    const [plain, fromReplay] = await counting(() => getPage(server));
    const [stranger] = await counting(() => getPage(server, { origin: 'https://elsewhere.example' }));
    assert.equal(fromReplay, 0);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://blog.example');
    assert.equal(plain.headers['access-control-allow-origin'], undefined);
    assert.equal(stranger.headers['access-control-allow-origin'], undefined);
    await getPage(server, { 'accept-encoding': 'br' });
    const [brotli] = await counting(() => getPage(server, { 'accept-encoding': 'br' }));
    assert.equal(brotli.headers['content-encoding'], 'br');
    // fetch decodes what it was sent.
    assert.deepEqual(JSON.parse(brotli.body.toString()), JSON.parse(plain.body.toString()));
  });

  it('never replays a page older than the last write to its thread', async () => {
    const server = await serve();
    await post(server, 'First');
    for (let index = 0; index < 5; index += 1) {
      await getPage(server);
      await getPage(server);
      assert.equal((await post(server, `Comment ${index}`)).status, 201);
      const { body } = await getPage(server);
      const texts = (JSON.parse(body.toString()) as { comments: { text: string }[] }).comments.map(
        (comment) => comment.text,
      );
      assert.ok(texts.includes(`Comment ${index}`), `comment ${index} missing from ${texts.join(', ')}`);
    }
  });

  it('leaves conditional requests to the app, which answers 304', async () => {
    const server = await serve();
    await post(server, 'First');
    const first = await getPage(server);
    const [conditional, fromReplay] = await counting(() =>
      getPage(server, { 'if-none-match': String(first.headers.etag) }),
    );
    assert.equal(fromReplay, 0);
    assert.equal(conditional.status, 304);
  });

  it('writes the request log line the app writes', async () => {
    const server = await serve();
    await post(server, 'First');
    await getPage(server);
    server.lines.length = 0;
    const [, fromReplay] = await counting(() => getPage(server));
    assert.equal(fromReplay, 1);
    const logged = server.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      logged.map(({ message, method, path, status }) => ({ message, method, path, status })),
      [{ message: 'request', method: 'GET', path: '/api/v1/comments', status: 200 }],
    );
    assert.equal(typeof logged[0]?.ms, 'number');
  });

  it('behind a trusted proxy, says Strict-Transport-Security only to requests that came over HTTPS', async () => {
    const server = await serve({ trustProxy: true });
    await post(server, 'First');
    const overHttps = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'comments.example' };
    await getPage(server, overHttps);
    const [secure, fromReplay] = await counting(() => getPage(server, overHttps));
    const [plain] = await counting(() => getPage(server));
    assert.equal(fromReplay, 1);
    assert.match(String(secure.headers['strict-transport-security']), /max-age=/);
    assert.equal(plain.headers['strict-transport-security'], undefined);
  });
});
