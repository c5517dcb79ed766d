/**
 * A small server for the demo pages: `demo/*` at `/`, the built widget (`dist/*.js`) beside them, and, until
 * the reference server exists, protocol v1's comment routes answered from fixtures kept in memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  demoComments,
  makeAuthor,
  makeComment,
  makeError,
  makeListResponse,
  makePostResponse,
} from './fixtures.mjs';

const demoDirectory = fileURLToPath(new URL('../demo/', import.meta.url));
const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));

/** Mirrors `limits.maxBodyBytes` in src/protocol/limits.ts. */
const maxBodyBytes = 32 * 1024;

/** The policy the real server will send: the demo pages must work under it. */
export const demoContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // Trusted Types: only Lit's template policy and natter's sanitizer policy may create HTML.
  "require-trusted-types-for 'script'",
  'trusted-types lit-html natter',
].join('; ');

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts the demo server; `port: 0` picks a free port. With `fixtures: false` the API routes answer 404, as
 * on a static host with no comments server.
 * @param {{ port?: number, host?: string, fixtures?: boolean }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1', fixtures = true } = {}) {
  const threads = new Map();
  const startedAt = new Date();
  const commentsOf = (thread) => {
    if (!threads.has(thread)) threads.set(thread, demoComments(thread, startedAt));
    return threads.get(thread);
  };

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        if (!fixtures) return sendJson(response, 404, makeError('not_found', 'No comments server here.'));
        return await answerApi(request, response, url, commentsOf);
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return sendText(response, 405, 'Method not allowed');
      }
      const file = await findStaticFile(url.pathname);
      if (!file) return sendText(response, 404, 'Not found');
      const body = await readFile(file);
      response.writeHead(200, {
        ...commonHeaders,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      console.error(error);
      if (!response.headersSent) sendJson(response, 500, makeError('internal', 'Demo server error.'));
      else response.destroy();
    }
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}/`,
    close: () =>
      new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

const commonHeaders = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': demoContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** `GET` and `POST /api/v1/comments`, the two routes the widget needs to show and post comments. */
async function answerApi(request, response, url, commentsOf) {
  if (url.pathname !== '/api/v1/comments') {
    return sendJson(response, 404, makeError('not_found', 'No such API route.'));
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    const thread = url.searchParams.get('thread');
    if (!thread) return sendJson(response, 400, makeError('bad_request', 'Missing thread.', 'thread'));
    return sendJson(response, 200, makeListResponse(thread, commentsOf(thread)));
  }
  if (request.method === 'POST') {
    const body = await readBody(request);
    if (body === undefined) return sendJson(response, 413, makeError('payload_too_large', 'Body too large.'));
    let posted;
    try {
      posted = JSON.parse(body);
    } catch {
      return sendJson(response, 400, makeError('invalid_json', 'The body is not valid JSON.'));
    }
    for (const field of ['thread', 'name', 'text']) {
      if (typeof posted?.[field] !== 'string' || posted[field].trim() === '') {
        return sendJson(response, 400, makeError('validation_failed', `Missing ${field}.`, field));
      }
    }
    const comment = makeComment({
      thread: posted.thread,
      parent: posted.parent ?? null,
      author: makeAuthor(posted.name.trim(), posted.url ? posted.url : null),
      text: posted.text,
    });
    commentsOf(posted.thread).push(comment);
    return sendJson(response, 201, makePostResponse(comment));
  }
  response.setHeader('Allow', 'GET, HEAD, POST');
  return sendJson(response, 405, makeError('bad_request', 'Method not allowed.'));
}

/** Maps a URL path to a file in `demo/`, or a script in `dist/`; never to anything outside them. */
async function findStaticFile(pathname) {
  let relative;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname).slice(1);
  } catch {
    return undefined;
  }
  const candidates = [resolveInside(demoDirectory, relative)];
  if (relative.endsWith('.js') || relative.endsWith('.js.map'))
    candidates.push(resolveInside(distDirectory, relative));
  for (const candidate of candidates) {
    if (candidate && (await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}

function resolveInside(directory, relative) {
  const path = resolve(directory, relative);
  return path.startsWith(directory.endsWith(sep) ? directory : directory + sep) ? path : undefined;
}

/** The request body as text, or `undefined` when it exceeds the protocol's limit. */
async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response, status, value) {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    ...commonHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendText(response, status, text) {
  response.writeHead(status, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
