// A GET over node:http, for the process tests that count what the server puts on the wire: node:http decodes
// nothing, so the body is the bytes as they came off the socket.
import { request } from 'node:http';

/** GETs `path` with `headers`; resolves with the status, headers and the body's bytes as they came off the socket. */
export function getRaw(url, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, url), { headers, timeout: 10_000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`GET ${path} timed out`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
