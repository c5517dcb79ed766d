import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../../src/server/logger.js';
import {
  createServer,
  type RunningServer,
  type ServerOptions,
} from '../../../src/server/node/node-server.js';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'natter-node-'));
});
after(() => rm(folder, { recursive: true, force: true }));

/** A server on a free loopback port and a database of its own, with its log lines. */
async function serve(options: Partial<ServerOptions> = {}): Promise<RunningServer & { lines: string[] }> {
  const lines: string[] = [];
  const running = await createServer({
    database: join(folder, `${Math.random().toString(36).slice(2)}.sqlite`),
    port: 0,
    rateLimit: false,
    moderation: 'open',
    formToken: { isRequired: false },
    logger: createLogger('debug', (line) => lines.push(line)),
    ...options,
  });
  return Object.assign(running, { lines });
}

/** Resolves once `socket` is closed, with the milliseconds that took; rejects after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - start);
    });
  });
}

function connectTo(server: RunningServer): Promise<Socket> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const post = (server: RunningServer, origin: string, host?: string) =>
  fetch(new URL('api/v1/comments', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...(host && { host }) },
    body: JSON.stringify({ thread: '/origins', name: 'Ada', text: 'Hello' }),
  });

describe('createServer', () => {
  it('closes a connection that sends nothing, and serves one that asks', async () => {
    const server = await serve({ idleTimeoutMs: 300 });
    const silent = await connectTo(server);
    try {
      const elapsed = await closedWithin(silent, 5_000);
      assert.ok(elapsed >= 250, `closed after ${elapsed} ms`);

      const speaking = await connectTo(server);
      let answer = '';
      speaking.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      speaking.write('GET /healthz HTTP/1.1\r\nHost: natter.test\r\n\r\n');
      await sleep(600);
      assert.match(answer, /^HTTP\/1\.1 200 /);
      speaking.destroy();
    } finally {
      silent.destroy();
      await server.close();
    }
  });

  it('logs a client that hangs up mid-body at debug level, never as a storage failure', async () => {
    const server = await serve();
    try {
      const socket = await connectTo(server);
      socket.write(
        'POST /api/v1/comments HTTP/1.1\r\nHost: natter.test\r\nContent-Type: application/json\r\n' +
          'Content-Length: 2000\r\n\r\n{"thread":"/a","name":"Ada","text":"',
      );
      await sleep(100);
      socket.destroy();
      for (let waited = 0; waited < 2_000; waited += 50) {
        if (server.lines.some((line) => line.includes('request body not received whole'))) break;
        await sleep(50);
      }
      const entries = server.lines.map((line) => JSON.parse(line) as { level: string; message: string });
      const hangUp = entries.find((entry) => entry.message === 'request body not received whole');
      assert.equal(hangUp?.level, 'debug', server.lines.join(''));
      assert.deepEqual(
        entries.filter((entry) => entry.level === 'error' || entry.level === 'warn'),
        [],
        server.lines.join(''),
      );
    } finally {
      await server.close();
    }
  });

  it('frees its port when it fails after listening', async () => {
    // A free port, found by listening on 0 and closing.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    // The public URL is only read once the port is known, after listening.
    await assert.rejects(serve({ port, publicUrl: 'not a url' }), /Invalid URL/);
    const again = createNetServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it('takes its own origins from the address it listens on, never from the Host header', async () => {
    const server = await serve();
    try {
      const { port } = new URL(server.url);
      assert.equal((await post(server, `http://127.0.0.1:${port}`)).status, 201);
      assert.equal((await post(server, `http://localhost:${port}`)).status, 201);
      // A DNS-rebinding page: evil.example resolves to this server, so Host and Origin agree.
      const rebound = await post(server, `http://evil.example:${port}`, `evil.example:${port}`);
      assert.equal(rebound.status, 403);
    } finally {
      await server.close();
    }
  });

  it('takes its own origin from --public-url when given, and then only from there', async () => {
    const server = await serve({ publicUrl: 'https://comments.example.com/natter/' });
    try {
      const { port } = new URL(server.url);
      assert.equal((await post(server, 'https://comments.example.com')).status, 201);
      assert.equal((await post(server, `http://127.0.0.1:${port}`)).status, 403);
    } finally {
      await server.close();
    }
  });
});
