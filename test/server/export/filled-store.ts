import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CommentStore, NewStoredComment } from '../../../src/server/storage/store.js';

const start = Date.UTC(2026, 10, 1, 9);

/** A fixed time `seconds` after the fixtures' start: the same store gives the same export, run after run. */
export function at(seconds: number): string {
  return new Date(start + seconds * 1000).toISOString();
}

/** The lines of one of the hostile-input lists (test/fixtures/security/README.md), a literal `\n` a newline. */
function hostileLines(file: 'urls.txt' | 'markup.txt' | 'unicode.txt'): string[] {
  const text = readFileSync(new URL(`../../fixtures/security/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replaceAll('\\n', '\n'));
}

/** Markup, Unicode tricks (bidi overrides, zero-width, astral, combining) and hostile URLs, one list. */
export function hostileStrings(): string[] {
  return [...hostileLines('markup.txt'), ...hostileLines('unicode.txt'), ...hostileLines('urls.txt')];
}

let sequence = 0;

/** A comment of `thread` at `seconds`, its id and secret derived from a counter. */
function aComment(thread: string, seconds: number, fields: Partial<NewStoredComment> = {}): NewStoredComment {
  const id = `c${String(++sequence).padStart(5, '0')}-${seconds}`;
  return {
    id,
    thread,
    parent: null,
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorUrl: 'https://ada.example/',
    text: `Comment ${id}`,
    status: 'published',
    createdAt: at(seconds),
    secretHash: createHash('sha256').update(id).digest('base64url'),
    editableUntil: at(seconds + 900),
    authorIp: '203.0.113.7',
    ...fields,
  };
}

async function insert(store: CommentStore, comment: NewStoredComment): Promise<NewStoredComment> {
  const outcome = await store.insertComment(comment);
  if (outcome !== 'inserted') throw new Error(`fixture comment ${comment.id}: ${outcome}`);
  return comment;
}

/**
 * Fills `store` with every kind of row an export carries, in every state: settings; rules; threads locked, with
 * their own moderation, and with hostile keys; comments published, pending, spam and deleted, edited, moderated,
 * liked, reported, a placeholder, a conversation deeper than the stored paths go (with a reply older than its
 * parent down there), replies under a held parent; every hostile string as text, name, e-mail and URL; reports;
 * reply subscriptions; references queued, verified in each status, refused and removed. Also what an export
 * leaves out (a session, a queued notification, rate counts, a post's idempotency key), to show it stays out.
 */
export async function fillStore(store: CommentStore): Promise<void> {
  const hostile = hostileStrings();
  await store.settings.set('admin_password_hash', 'scrypt$16384$8$1$c2FsdA$aGFzaA');
  await store.settings.set('signing_key', 'k'.repeat(43));
  await store.settings.set('avatar_salt', 's'.repeat(43));
  await store.settings.set('address_key', 'a'.repeat(43));
  await store.settings.set('post_secret_key', 'p'.repeat(43));
  await store.settings.set('read_only', 'true');
  await store.rules.add({
    id: 'rule-1',
    kind: 'word',
    pattern: hostile[0] ?? '<b>',
    action: 'spam',
    note: hostile[1] ?? null,
    createdAt: at(1),
  });
  await store.rules.add({
    id: 'rule-2',
    kind: 'ip',
    pattern: '198.51.100.0/24',
    action: 'pending',
    note: null,
    createdAt: at(1),
  });
  await store.rules.add({
    id: 'rule-0',
    kind: 'domain',
    pattern: 'good.example',
    action: 'publish',
    note: 'ok',
    createdAt: at(2),
  });

  const post = '/2026/11/a-post';
  const root = await insert(store, aComment(post, 10, { text: 'The first word.' }));
  // A conversation twelve deep: paths stop growing at ten (thread-order.ts).
  let parent = root;
  for (let depth = 1; depth <= 12; depth++) {
    parent = await insert(
      store,
      aComment(post, 10 + depth * 10, { parent: parent.id, authorName: `Depth ${depth}` }),
    );
  }
  // At that depth a reply whose clock was set back sorts before its parent in the stored order.
  await insert(store, aComment(post, 5, { parent: parent.id, text: 'From a clock set back' }));

  const liked = await insert(store, aComment(post, 200, { text: 'Liked and reported' }));
  await store.addLike(liked.id, 1);
  await store.addLike(liked.id, 1);
  await store.addReport({
    id: 'report-1',
    commentId: liked.id,
    reason: 'spam',
    clientKey: 'client-a',
    createdAt: at(210),
  });
  await store.addReport({
    id: 'report-2',
    commentId: liked.id,
    reason: 'abuse',
    clientKey: 'client-b',
    createdAt: at(211),
  });
  await store.editComment(liked.id, {
    text: 'Liked, reported, edited',
    editedAt: at(220),
    status: 'published',
  });

  const held = await insert(store, aComment(post, 300, { status: 'pending', reason: 'held: 3 links' }));
  const underHeld = await insert(store, aComment(post, 310));
  // A reply to a comment that a moderator then held: stored, not listed.
  await store.setStatus(held.id, { status: 'published', reason: null, at: at(305) });
  await insert(store, aComment(post, 320, { parent: held.id }));
  await store.setStatus(held.id, { status: 'pending', reason: 'held by a moderator', at: at(330) });
  await store.setStatus(underHeld.id, { status: 'spam', reason: 'spam: marked by a moderator', at: at(340) });
  const trashed = await insert(
    store,
    aComment(post, 350, { authorEmail: null, authorUrl: null, authorIp: null }),
  );
  await store.setStatus(trashed.id, { status: 'deleted', reason: 'deleted by a moderator', at: at(360) });

  // A placeholder: its author deleted it while a listed reply answered it.
  const gone = await insert(store, aComment(post, 400));
  await insert(store, aComment(post, 410, { parent: gone.id }));
  await store.deleteComment(gone.id);

  const subscribed = await insert(store, aComment(post, 500));
  await store.subscriptions.add({
    id: 'subscription-1',
    commentId: subscribed.id,
    addressHash: 'h'.repeat(43),
    sealedAddress: 'sealed.'.repeat(20),
    createdAt: at(500),
  });
  await store.subscriptions.confirm('subscription-1', at(520));
  await store.subscriptions.add({
    id: 'subscription-2',
    commentId: root.id,
    addressHash: 'i'.repeat(43),
    sealedAddress: 'sealed-too',
    createdAt: at(530),
  });

  // Hostile strings everywhere a person types, each in a thread of a hostile key.
  for (const [index, value] of hostile.entries()) {
    const thread = `/hostile/${index}/${value}`.slice(0, 500);
    await insert(
      store,
      aComment(thread, 1000 + index, {
        text: value,
        authorName: value.slice(0, 200),
        authorEmail: value.slice(0, 300),
        authorUrl: value.slice(0, 600),
        reason: value.slice(0, 500),
      }),
    );
  }
  await store.setThreadLocked('/hostile/0/' + hostile[0], true);
  await store.setThreadLocked('/locked-and-empty', true);
  await store.setThreadModeration(post, 'all');
  await store.setThreadModeration('/moderated-and-empty', 'first-time');

  const entry = {
    kind: 'reply' as const,
    url: 'https://other.example/responses/1',
    title: hostile[2] ?? 'A title',
    authorName: 'Grace',
    authorUrl: 'https://other.example/',
    authorPhoto: 'https://other.example/grace.jpg',
    excerpt: hostile[3] ?? 'An excerpt',
    publishedAt: at(-3600),
  };
  const received = (id: string, seconds: number) => ({
    id,
    source: `https://other.example/responses/${id}`,
    target: `https://blog.example${post}`,
    thread: post,
    via: 'webmention' as const,
    sourceHost: 'other.example',
    senderIp: '203.0.113.9',
    at: at(seconds),
  });
  await store.mentions.receive(received('mention-queued', 600));
  const published = await store.mentions.receive({ ...received('mention-published', 610), via: 'pingback' });
  await store.mentions.verify(published.id, { entry, status: 'published', reason: null, at: at(611) });
  const pending = await store.mentions.receive(received('mention-pending', 620));
  await store.mentions.verify(pending.id, {
    entry,
    status: 'pending',
    reason: 'held: first reference from other.example',
    at: at(621),
  });
  const spam = await store.mentions.receive(received('mention-spam', 630));
  await store.mentions.verify(spam.id, {
    entry: { ...entry, kind: 'like', excerpt: null },
    status: 'published',
    reason: null,
    at: at(631),
  });
  await store.mentions.setStatus(spam.id, {
    status: 'spam',
    reason: 'spam: marked by a moderator',
    at: at(632),
  });
  const refused = await store.mentions.receive(received('mention-refused', 640));
  await store.mentions.refuse(refused.id, 'no_link', 'the source does not link to the target', at(641));
  const removed = await store.mentions.receive(received('mention-removed', 650));
  await store.mentions.verify(removed.id, { entry, status: 'published', reason: null, at: at(651) });
  await store.mentions.refuse(removed.id, 'source_gone', null, at(652));
  const retried = await store.mentions.receive(received('mention-retried', 660));
  await store.mentions.postpone(retried.id, at(720), 'connection refused', true);

  // The running server's, not the site's: none of these is exported.
  await store.sessions.create({
    idHash: 'session',
    csrfToken: 'csrf',
    createdAt: at(0),
    expiresAt: at(86_400),
  });
  await store.deliveries.enqueue({
    id: 'delivery-1',
    channel: 'email',
    payload: '{}',
    nextAttemptAt: at(700),
    createdAt: at(700),
  });
  await store.rates.hit('client', 29_000_000);
  const keyed = aComment(post, 730, { text: 'Posted with an idempotency key' });
  const keyOutcome = await store.insertComment(keyed, {
    keyHash: 'post-key-hash',
    fingerprint: 'post-key-fingerprint',
    expiresAt: at(87_130),
  });
  if (keyOutcome !== 'inserted') throw new Error(`fixture comment ${keyed.id}: ${keyOutcome}`);
}
