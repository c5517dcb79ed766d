// Other websites for the stored-XSS suite: h-entry pages on loopback whose title, text and author carry a payload,
// mentioned to natter through POST /webmention so that its worker fetches, verifies and stores them as references.
import { createServer } from 'node:http';
import { withTimeout } from './server-process.mjs';

/** Characters that would make markup of a text or an attribute value. */
const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (character) => entities[character]);

/**
 * A reply to `target` whose page title, entry name and content (so the reference's title and excerpt) and whose
 * author's h-card name and link all say `text`. The entry's name is its content again, so natter takes the title
 * from the page's `<title>`, which is `text` too.
 */
export function replyPage(text, target) {
  const escaped = escapeHtml(text);
  return `<!doctype html><meta charset="utf-8"><title>${escaped}</title>
<article class="h-entry">
  <a class="u-in-reply-to" href="${escapeHtml(target)}"></a>
  <p class="p-name">${escaped}</p>
  <div class="e-content">${escaped}</div>
  <a class="p-author h-card" href="${escaped}">${escaped}</a>
</article>`;
}

/**
 * Websites on `count` loopback addresses (127.0.0.1, 127.0.0.2, …), each its own host to natter, which queues at most
 * 20 mentions per source host. `publish(path, html)` puts a page at `path` on all of them; `urls` are their origins;
 * `close()` stops them.
 */
export async function startSourceSites(count) {
  const pages = new Map();
  const servers = [];
  for (let index = 1; index <= count; index++) {
    const server = createServer((request, response) => {
      const body = pages.get(request.url ?? '');
      response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(body ?? 'not here');
    });
    await new Promise((resolve) => server.listen(0, `127.0.0.${index}`, resolve));
    servers.push(server);
  }
  return {
    urls: servers.map((server) => `http://${server.address().address}:${server.address().port}`),
    publish: (path, html) => pages.set(path, html),
    async close() {
      await Promise.all(
        servers.map((server) => {
          server.closeAllConnections();
          return new Promise((resolve) => server.close(resolve));
        }),
      );
    },
  };
}

/** Runs `work` on each of `items` with at most `limit` at a time; resolves with the results in order. */
export async function eachLimited(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Sends a Webmention for each `{ source, target }` to the server at `serverUrl`, a few at a time; one refused because
 * too many from its host wait (429) is sent again shortly. Resolves with each one's answer: `{ status, location }`.
 */
export function sendMentions(serverUrl, mentions) {
  const endpoint = new URL('webmention', serverUrl);
  return eachLimited(mentions, 8, async ({ source, target }) => {
    for (;;) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ source, target }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.status !== 429)
        return { status: response.status, location: response.headers.get('location') };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
}

/** Reads each status URL until none is `queued` any more; resolves with the statuses (`docs/protocol.md`). */
export async function settledStatuses(locations, timeoutMs) {
  const statuses = new Array(locations.length);
  const settle = async () => {
    let waiting = locations.map((_, index) => index);
    while (waiting.length > 0) {
      const read = await eachLimited(waiting, 8, async (index) => {
        const response = await fetch(locations[index], { signal: AbortSignal.timeout(10_000) });
        return (statuses[index] = await response.json());
      });
      waiting = waiting.filter((_, position) => read[position].state === 'queued');
      if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await withTimeout(settle(), timeoutMs, `${locations.length} mentions to be verified`);
  return statuses;
}
