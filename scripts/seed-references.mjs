/**
 * Seeds references (received Webmentions and Pingbacks) straight into a server's store for the screenshot scripts,
 * as the verifier would leave them: received, then verified with what the source says and a status, or refused
 * (before verification) or removed (after), or left queued for a later attempt. Nothing is fetched.
 */

/**
 * An entry as a verified source gives it (src/server/webmention/source-page.ts): a kind, then what it says, each
 * field `null` unless given.
 */
export function sourceEntry(kind, fields = {}) {
  return {
    kind,
    url: null,
    title: null,
    authorName: null,
    authorUrl: null,
    authorPhoto: null,
    excerpt: null,
    publishedAt: null,
    ...fields,
  };
}

/**
 * Stores each of `mentions` in `store.mentions`, in order. A mention has `id`, `source`, `target`, `thread`, `via`
 * (default `webmention`), `senderIp` (default `null`) and `receivedAt` (ISO); then, as the pipeline would have left
 * it: `entry`, `status` and `reason` (verified), `refusal` (`{ reason, detail, at }`: refused, or removed when
 * verified first) or `retry` (`{ at, detail }`: still queued, one attempt made). Resolves with the stored mentions.
 */
export async function seedMentions(store, mentions) {
  const stored = [];
  for (const mention of mentions) {
    const { id, source, target, thread, receivedAt } = mention;
    await store.mentions.receive({
      id,
      source,
      target,
      thread,
      via: mention.via ?? 'webmention',
      sourceHost: new URL(source).host,
      senderIp: mention.senderIp ?? null,
      at: receivedAt,
    });
    if (mention.entry) {
      await store.mentions.verify(id, {
        entry: mention.entry,
        status: mention.status ?? 'published',
        reason: mention.reason ?? null,
        at: mention.verifiedAt ?? receivedAt,
      });
    }
    if (mention.refusal) {
      const { reason, detail = null, at = receivedAt } = mention.refusal;
      await store.mentions.refuse(id, reason, detail, at);
    }
    if (mention.retry)
      await store.mentions.postpone(id, mention.retry.at, mention.retry.detail ?? null, true);
    stored.push(await store.mentions.get(id));
  }
  return stored;
}
