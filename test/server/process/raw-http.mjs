// HTTP/1.1 written byte for byte over node:net, for the tests that send what no HTTP client lets through: CR and
// LF inside a header value, `..` left in a path, bytes that are not UTF-8 in the request line, a body larger than
// it says. The answer is parsed just enough to judge it: status, headers, body.
import { connect } from 'node:net';

const headEnd = Buffer.from('\r\n\r\n');

/**
 * Removes the chunked transfer coding from `bytes`; `undefined` while the last chunk has not arrived.
 * Trailers are read past and dropped.
 */
function dechunk(bytes) {
  const parts = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error(`bad chunk size at byte ${offset}`);
    if (size === 0) return bytes.indexOf(headEnd, lineEnd) === -1 ? undefined : Buffer.concat(parts);
    const start = lineEnd + 2;
    if (bytes.length < start + size + 2) return undefined;
    parts.push(bytes.subarray(start, start + size));
    offset = start + size + 2;
  }
}

/**
 * The answer in `bytes` once it is whole (or the connection closed), else `undefined`. An event stream is whole
 * with its head: it never ends by itself.
 */
function parseAnswer(bytes, method, isClosed) {
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(headEnd, start);
    if (end === -1) return undefined;
    const [statusLine, ...lines] = bytes.subarray(start, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (Number.isNaN(status)) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine)}`);
    const headers = new Map();
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
    }
    const rest = bytes.subarray(end + 4);
    // 100 Continue and other interim answers come before the real one.
    if (status >= 100 && status < 200) {
      start = end + 4;
      continue;
    }
    const answer = (body) => ({ status, headers, body, rawHead: bytes.subarray(start, end) });
    if (method === 'HEAD' || status === 204 || status === 304) return answer(Buffer.alloc(0));
    if ((headers.get('content-type') ?? '').startsWith('text/event-stream')) return answer(rest);
    if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) {
      const body = dechunk(rest);
      return body === undefined ? (isClosed ? answer(rest) : undefined) : answer(body);
    }
    const length = headers.get('content-length');
    if (length !== undefined) {
      if (rest.length >= Number(length)) return answer(rest.subarray(0, Number(length)));
      return isClosed ? answer(rest) : undefined;
    }
    return isClosed ? answer(rest) : undefined;
  }
}

/**
 * Writes `bytes` (a whole request, head and body) to a new connection to `127.0.0.1:port` and resolves with the
 * first answer: `{ status, headers (a Map, names in lower case), body (a Buffer), rawHead }`. Rejects when the
 * connection closes without one, or none comes within `timeoutMs`. The connection is closed after the answer.
 */
export function sendRaw(port, bytes, { method = 'GET', timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    let isSettled = false;
    const settle = (error, answer) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer);
    };
    const tryParse = (isClosed) => {
      try {
        return parseAnswer(Buffer.concat(chunks), method, isClosed);
      } catch (error) {
        settle(error);
        return undefined;
      }
    };
    const timer = setTimeout(
      () => settle(new Error(`no whole answer within ${timeoutMs} ms (${chunks.length} chunks read)`)),
      timeoutMs,
    );
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const answer = tryParse(false);
      if (answer) settle(undefined, answer);
    });
    const closed = (cause) => {
      const answer = tryParse(true);
      if (answer) settle(undefined, answer);
      else settle(new Error(`the connection closed without an answer${cause ? `: ${cause.message}` : ''}`));
    };
    socket.on('end', () => closed());
    socket.on('close', () => closed());
    // A server that answers before it has read the whole body (413) may reset the connection under a write still
    // going: what it answered has been read by then, or is judged missing on close.
    socket.on('error', (error) => closed(error));
    socket.write(bytes);
  });
}

/**
 * A request as bytes: `method`, `target` and header values are byte strings (each character one byte, as
 * `latin1` reads them), so that they can hold anything, CR and LF included. `Content-Length` is added for a body
 * unless `headers` has one, or `Transfer-Encoding`.
 */
export function requestBytes({ method, target, headers = [], body }) {
  const names = new Set(headers.map(([name]) => name.toLowerCase()));
  const all = [...headers];
  if (body && !names.has('content-length') && !names.has('transfer-encoding')) {
    all.push(['Content-Length', String(body.length)]);
  }
  const head = `${method} ${target} HTTP/1.1\r\n${all.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}

/** `text` as the byte string of its UTF-8 encoding, for `requestBytes`. */
export function utf8Bytes(text) {
  return Buffer.from(text, 'utf8').toString('latin1');
}
