// What the browser benchmarks share: a long thread with replies, written into a store before the server starts
// (posting 10,000 comments through the API takes minutes on a busy machine, the store a few seconds), and
// percentiles of what they measure.
import { randomBytes } from 'node:crypto';

/** Each conversation: a comment, two replies to it and a reply to the first reply. */
export const perConversation = 4;

const day = 24 * 60 * 60 * 1000;

/**
 * Writes `count` published comments into `thread` of `store` (the server's own, as `openStore` opens it), in
 * conversations of {@link perConversation}, spread over the last 30 days (so that the older show their date and
 * the newer "N hours ago"); every third author gives an e-mail address (an identicon), every fifth a website, and
 * every comment has a link in its text.
 */
export async function seedThread(store, thread, count, now = Date.now()) {
  const secretHash = randomBytes(32).toString('base64url');
  const step = (30 * day) / Math.max(1, count);
  const ids = [];
  for (let index = 0; index < count; index += 1) {
    const place = index % perConversation;
    // The reply to the first reply answers index - 2; the others answer the conversation's first comment.
    const parent = place === 0 ? null : ids[place === 3 ? index - 2 : index - place];
    const createdAt = new Date(now - (count - index) * step).toISOString();
    const id = randomBytes(12).toString('base64url');
    ids.push(id);
    const outcome = await store.insertComment({
      id,
      thread,
      parent,
      authorName: `Reader ${index % 97}`,
      authorEmail: index % 3 === 0 ? `reader${index % 97}@example.com` : null,
      authorUrl: index % 5 === 0 ? `https://reader${index % 97}.example/` : null,
      text: `Comment ${index}: a paragraph of an ordinary length, with a link to https://example.com/${index} in it.`,
      status: 'published',
      createdAt,
      secretHash,
      editableUntil: createdAt,
    });
    if (outcome !== 'inserted') throw new Error(`comment ${index}: ${outcome}`);
  }
}

/** Percentile `p` (0–1) of `values`. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The median of `values`. */
export const median = (values) => percentile(values, 0.5);
