// The few protocol calls the process tests make, over plain fetch, each bounded in time.

/** How long one call may take before the test gives up on it. */
const callTimeoutMs = 10_000;

/**
 * POSTs a new comment (a reply, given `parent`; with an idempotency key, given `idempotencyKey`) to the server at
 * `url`; resolves with the fetch `Response` (body unread).
 */
export function postComment(url, { thread, parent, name = 'Process Test', text, idempotencyKey }, init = {}) {
  return fetch(new URL('/api/v1/comments', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ thread, parent, name, text, idempotencyKey }),
    signal: AbortSignal.timeout(callTimeoutMs),
    ...init,
  });
}

/** Every published comment of `thread`, following `next` page by page, and the thread's count. */
export async function listThread(url, thread) {
  const comments = [];
  let count;
  let cursor;
  do {
    const query = new URLSearchParams({ thread, limit: '100', ...(cursor && { cursor }) });
    const response = await fetch(new URL(`/api/v1/comments?${query}`, url), {
      signal: AbortSignal.timeout(callTimeoutMs),
    });
    if (response.status !== 200)
      throw new Error(`listing ${thread}: ${response.status} ${await response.text()}`);
    const page = await response.json();
    count = page.thread.count;
    comments.push(...page.comments);
    cursor = page.next;
  } while (cursor);
  return { count, comments };
}
