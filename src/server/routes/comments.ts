import { Hono, type Context } from 'hono';
import { isCommentId } from '../../protocol/ids.js';
import type {
  EditCommentResponse,
  GetCommentResponse,
  ListCommentsResponse,
  PostCommentResponse,
  ThreadInfo,
} from '../../protocol/types.js';
import { normalizeNewComment, normalizeText } from '../../protocol/input-rules.js';
import { sha256, toBase64Url } from '../base64url.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { matchesIfNoneMatch } from '../etag.js';
import { HttpError } from '../http-error.js';
import { queryOf, singleValues } from '../query.js';
import { sendCached } from '../send-cached.js';
import { threadLinks } from './thread-links.js';
import type { Avatars } from '../avatars.js';
import { publicComment, publicComments } from '../public-comment.js';
import type { ResponseCache } from '../response-cache.js';
import type { Moderator } from '../moderation/moderator.js';
import type { TrustTokens } from '../moderation/trust-token.js';
import { readJson } from '../read-json.js';
import {
  checkNewCommentRules,
  checkTextRules,
  editCommentBody,
  listQuery,
  newCommentBody,
  parseShape,
  sortOrders,
} from '../schemas.js';
import { hashSecret, isSecretValid, newCommentId, newSecret } from '../secrets.js';
import { eventTypeOf, type CommentEvents } from '../events.js';
import type { SiteState } from '../site-state.js';
import type { SubscribeToReplies } from '../reply-notifications/subscribe.js';
import type { IdempotencyKeys, PresentedKey } from '../idempotency-keys.js';
import type { CommentStore, ModerationMode, StoredComment } from '../storage/store.js';

export interface CommentRoutesOptions {
  store: CommentStore;
  /** The server's moderation mode; a thread may have its own. */
  moderation: ModerationMode;
  /** Decides what becomes of each new or edited comment (moderation/moderator.ts). */
  moderate: Moderator;
  trust: TrustTokens;
  site: SiteState;
  /** Told of every comment posted or edited. */
  events: CommentEvents;
  /** The client's address as the rate limiter sees it, for the moderation layers and the moderators. */
  clientAddress: (c: Context) => string | undefined;
  /** How long the author's secret edits and deletes, in milliseconds. */
  editWindowMs: number;
  /** Recognises a post sent again with its idempotency key, and derives its secret. */
  idempotencyKeys: IdempotencyKeys;
  maxBodyBytes: number;
  /** At most `limits.textLength`; an operator may ask for shorter comments. */
  maxTextLength: number;
  /** The site owner's comment-policy HTML, sent with every thread. */
  policy?: string;
  /**
   * The URL clients reach this server at, ending in `/`: a thread's feed and live stream are named under it
   * (`ThreadInfo.feed` and `.stream`), and a cached listing is kept under it. Neither is named without it.
   */
  baseUrl?: (request: Request) => string;
  /** Serialized pages of threads; every write here invalidates its thread. */
  cache: ResponseCache;
  /** Whether the server takes Webmentions (`ThreadInfo.webmention`, under `baseUrl`). */
  takesWebmentions?: boolean;
  /** The avatar members of every comment shown (avatars.ts). */
  avatars: Avatars;
  /**
   * Counts a post or an edit against its thread (the per-thread rate limit, shared by every instance); rejects
   * with 429 past it. Called once the write is known to be valid.
   */
  limitThread?: (thread: string) => Promise<void>;
  /**
   * Stores the wish of a new comment's author to hear of replies (`notify: true` with an e-mail address); the
   * threads say `replyNotifications` when given. None when the server sends no such e-mail.
   */
  subscribeToReplies?: SubscribeToReplies;
  now: () => number;
}

/** Refused while the site owner has made the whole site read-only. */
const readOnly = () => new HttpError('thread_locked', 'This site takes no new comments at the moment');

const listParameters = [
  'thread',
  'limit',
  'sort',
  'cursor',
  'around',
] as const satisfies readonly (keyof typeof listQuery.shape)[];

/** The secret an `Authorization: Bearer <secret>` header presents, if it presents one. */
function presentedSecret(c: Context): string | undefined {
  return /^Bearer +(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/** A hash no secret has, compared against when there is no comment, so that an unknown id takes as long. */
const noSuchHash = 'A'.repeat(43);

/** `/api/v1/comments`: list, read one, post, edit and delete (docs/protocol.md#endpoints). */
export function commentRoutes(options: CommentRoutesOptions): Hono {
  const { store, cache } = options;
  const app = new Hono();

  /** A trust token for the author of `comment`, when it is published and gave an e-mail address. */
  async function trustFor(comment: StoredComment): Promise<string | undefined> {
    if (comment.status !== 'published' || !comment.authorEmail) return undefined;
    return options.trust.issue(comment.authorEmail, options.now());
  }

  /** Saves a new text, with the status the moderation layers and the mode give the edited comment. */
  async function saveEdit(c: Context, comment: StoredComment, text: string) {
    const thread = await store.getThread(comment.thread);
    const verdict = await options.moderate({
      comment: {
        thread: comment.thread,
        parent: comment.parent,
        name: comment.authorName,
        text,
        ...(comment.authorEmail && { email: comment.authorEmail }),
        ...(comment.authorUrl && { url: comment.authorUrl }),
      },
      previous: comment,
      id: comment.id,
      createdAt: comment.createdAt,
      thread,
      mode: thread.moderation ?? options.moderation,
      clientAddress: options.clientAddress(c),
      userAgent: c.req.header('user-agent'),
      referrer: c.req.header('referer'),
      now: options.now(),
    });
    return store.editComment(comment.id, {
      text,
      editedAt: new Date(options.now()).toISOString(),
      status: verdict.status,
      reason: verdict.reason,
    });
  }

  /** The comment `id` names, or `undefined` when there is none or the id could not name one. */
  async function named(c: Context): Promise<StoredComment | undefined> {
    const id = c.req.param('id') ?? '';
    return isCommentId(id) ? store.getComment(id) : undefined;
  }

  /** The comment `id` names, after the author proved with the secret that it is theirs and still editable. */
  async function authorised(c: Context): Promise<StoredComment> {
    const comment = await named(c);
    // A placeholder is deleted already: there is nothing left to edit or delete.
    if (!comment || comment.isDeleted) throw new HttpError('not_found', 'No such comment');
    const secret = presentedSecret(c);
    if (!secret || !(await isSecretValid(secret, comment.secretHash))) {
      throw new HttpError('forbidden', 'The secret does not match this comment');
    }
    if (options.now() > Date.parse(comment.editableUntil)) {
      throw new HttpError('edit_window_closed', 'This comment can no longer be changed by its author');
    }
    return comment;
  }

  app.get('/', async (c) => {
    const values = singleValues(queryOf(c.req.raw), listParameters);
    // Only the parameters the protocol knows make the key: junk parameters cannot multiply the entries.
    const baseUrl = options.baseUrl?.(c.req.raw);
    const cacheKey = JSON.stringify([
      'comments',
      ...listParameters.map((name) => values[name] ?? null),
      baseUrl ?? null,
    ]);
    const cached = cache.get(cacheKey, options.now());
    if (cached) return sendCached(c, cache, cached);
    return sendCached(
      c,
      cache,
      await cache.fill(cacheKey, options.now, async () => {
        const { thread, limit, sort, cursor, around } = parseShape(listQuery, values, 'Query');
        if (cursor !== undefined && around !== undefined) {
          throw new HttpError('bad_request', 'Send either `cursor` or `around`', 'around');
        }
        const target = cursor === undefined ? undefined : await decodeCursor(cursor, { thread, sort });
        if (cursor !== undefined && !target) throw new HttpError('bad_request', 'Unknown `cursor`', 'cursor');
        const noSuchComment = () => new HttpError('not_found', 'No such comment in this thread');
        // An id outside the id alphabet names no comment: the same answer as an unknown one.
        if (around !== undefined && !isCommentId(around)) throw noSuchComment();
        const [info, page] = await Promise.all([
          store.getThread(thread),
          store.listPage({
            thread,
            sort,
            limit,
            ...(target?.direction === 'after' && { after: target.position }),
            ...(target?.direction === 'before' && { before: target.position }),
            ...(around !== undefined && { around }),
          }),
        ]);
        if (page.isUnknown) throw noSuchComment();
        const threadInfo: ThreadInfo = {
          key: thread,
          count: info.listedCount,
          locked: info.isLocked || (await options.site.isReadOnly(options.now())),
          limits: { textLength: options.maxTextLength },
          sorts: [...sortOrders],
        };
        if (options.policy) threadInfo.policy = options.policy;
        if (baseUrl) Object.assign(threadInfo, threadLinks(baseUrl, thread));
        if (info.referenceCount > 0) threadInfo.references = info.referenceCount;
        if (baseUrl && options.takesWebmentions) threadInfo.webmention = `${baseUrl}webmention`;
        if (options.subscribeToReplies) threadInfo.replyNotifications = true;
        const body: ListCommentsResponse = {
          thread: threadInfo,
          comments: await publicComments(page.comments, options.avatars),
          next: page.next ? await encodeCursor(page.next, { thread, sort }) : null,
        };
        // Pages that start at a comment's conversation, or were reached backwards, say where the page before them is.
        if (around !== undefined || target?.direction === 'before') {
          body.previous = page.previous
            ? await encodeCursor(page.previous, { thread, sort }, 'before')
            : null;
        }
        return { threads: [thread], body: JSON.stringify(body) };
      }),
    );
  });

  // One comment: a listed one to anyone; one the listing leaves out (held for moderation, or below a held one)
  // only to its author, by its secret, however old: reading is not editing. To everyone else it does not exist.
  app.get('/:id', async (c) => {
    const comment = await named(c);
    const secret = presentedSecret(c);
    const isAuthor = secret !== undefined && (await isSecretValid(secret, comment?.secretHash ?? noSuchHash));
    // What answers a secret is its author's alone: no cache keeps it.
    const isPrivate = c.req.header('authorization') !== undefined;
    c.header('Vary', 'Authorization', { append: true });
    // A comment a moderator deleted is gone, for its author too.
    const isVisible =
      comment && comment.status !== 'deleted' && (isAuthor || (await store.isListed(comment.id)));
    if (!comment || !isVisible) throw new HttpError('not_found', 'No such comment');
    const body: GetCommentResponse = { comment: await publicComment(comment, options.avatars) };
    const trust = isAuthor ? await trustFor(comment) : undefined;
    if (trust) body.trust = trust;
    const text = JSON.stringify(body);
    if (isPrivate) {
      c.header('Cache-Control', 'no-store');
      return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    }
    const etag = `"${toBase64Url(await sha256(text)).slice(0, 27)}"`;
    const headers = { 'Cache-Control': 'no-cache', ETag: etag };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(text, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });

  /**
   * The answer to a post: 201 for a published comment, 202 for a held one, with its secret. A repeat of a post (its
   * idempotency key known) is answered the same way, with the comment as it is now.
   */
  async function postAnswer(c: Context, comment: StoredComment, secret: string) {
    const body: PostCommentResponse = {
      comment: await publicComment(comment, options.avatars),
      secret,
      editableUntil: comment.editableUntil,
    };
    const trust = await trustFor(comment);
    if (trust) body.trust = trust;
    c.header('Cache-Control', 'no-store');
    return c.json(body, comment.status === 'published' ? 201 : 202);
  }

  /**
   * The answer to a post whose key an earlier post holds, if one does: that post's answer when it carried the same
   * comment, 422 when it carried another (the IETF's Idempotency-Key draft); `undefined` when none holds it.
   */
  async function answerAgain(c: Context, presented: PresentedKey) {
    const earlier = await store.postKeys.find(presented.keyHash, new Date(options.now()).toISOString());
    if (!earlier) return undefined;
    if (earlier.fingerprint !== presented.fingerprint) {
      throw new HttpError(
        'validation_failed',
        '`idempotencyKey` was sent before with another comment: make a new key for each comment',
        'idempotencyKey',
      );
    }
    return postAnswer(
      c,
      earlier.comment,
      await options.idempotencyKeys.secretFor(presented.key, earlier.comment.id),
    );
  }

  app.post('/', async (c) => {
    const input = parseShape(newCommentBody, await readJson(c.req.raw, options.maxBodyBytes), 'Body');
    const comment = normalizeNewComment({
      thread: input.thread,
      parent: input.parent ?? null,
      name: input.name,
      text: input.text,
      ...(input.email && { email: input.email }),
      ...(input.url && { url: input.url }),
    });
    checkNewCommentRules(comment, { textLength: options.maxTextLength });
    // A repeat is answered before the thread's limit counts it: it stores nothing.
    const presented = input.idempotencyKey
      ? await options.idempotencyKeys.present(input.idempotencyKey, comment)
      : undefined;
    const repeated = presented && (await answerAgain(c, presented));
    if (repeated) return repeated;
    await options.limitThread?.(comment.thread);
    if (await options.site.isReadOnly(options.now())) throw readOnly();
    const thread = await store.getThread(comment.thread);
    if (thread.isLocked) throw new HttpError('thread_locked', 'This thread takes no new comments');
    const parentNotListed = () =>
      new HttpError('validation_failed', '`parent` is not a listed comment of this thread', 'parent');
    // `""` names no comment: refused like any unknown id (it is not `null`, which means top level).
    if (typeof comment.parent === 'string' && !isCommentId(comment.parent)) throw parentNotListed();

    // The id and time are the comment's before it is stored: a moderation hook is told them.
    const id = newCommentId();
    const postedAt = options.now();
    const createdAt = new Date(postedAt).toISOString();
    const verdict = await options.moderate({
      comment,
      id,
      createdAt,
      thread,
      mode: thread.moderation ?? options.moderation,
      clientAddress: options.clientAddress(c),
      userAgent: c.req.header('user-agent'),
      referrer: c.req.header('referer'),
      ...(input.formToken && { formToken: input.formToken }),
      ...(typeof input.honeypot === 'string' && { honeypot: input.honeypot }),
      ...(input.trust && { trust: input.trust }),
      now: postedAt,
    });
    const secret = presented ? await options.idempotencyKeys.secretFor(presented.key, id) : newSecret();
    const editableUntil = new Date(postedAt + options.editWindowMs).toISOString();
    const stored: StoredComment = {
      id,
      thread: comment.thread,
      parent: comment.parent ?? null,
      authorName: comment.name,
      authorEmail: comment.email ?? null,
      authorUrl: comment.url ?? null,
      text: comment.text,
      status: verdict.status,
      reason: verdict.reason,
      authorIp: options.clientAddress(c) ?? null,
      reportCount: 0,
      moderatedAt: null,
      createdAt,
      editedAt: null,
      secretHash: await hashSecret(secret),
      editableUntil,
      isDeleted: false,
      likes: 0,
      replyCount: 0,
    };
    // The store checks the parent in the same transaction as the insert: one deleted or held meanwhile is refused.
    const outcome = await store.insertComment(
      stored,
      presented && options.idempotencyKeys.toKeep(presented, postedAt),
    );
    if (outcome === 'parent_not_listed') throw parentNotListed();
    if (outcome === 'duplicate_key') {
      // The same post, sent again before its first attempt was stored, was stored meanwhile.
      const answer = presented && (await answerAgain(c, presented));
      if (answer) return answer;
      throw new HttpError(
        'conflict',
        'A post with this `idempotencyKey` is under way: send it again',
        'idempotencyKey',
      );
    }
    if (presented) await options.idempotencyKeys.tidy(postedAt);
    cache.invalidate(stored.thread);
    // Before the event: the notifier it wakes sends the confirmation of the subscription stored here.
    if (input.notify && stored.authorEmail) await options.subscribeToReplies?.(stored);
    options.events.emit({
      type: eventTypeOf(stored.status),
      comment: stored,
      reason: stored.reason,
      at: options.now(),
    });
    return postAnswer(c, stored, secret);
  });

  app.patch('/:id', async (c) => {
    const { text } = parseShape(editCommentBody, await readJson(c.req.raw, options.maxBodyBytes), 'Body');
    const comment = await authorised(c);
    const normalized = normalizeText(text);
    checkTextRules(normalized, { textLength: options.maxTextLength });
    if (normalized !== comment.text) await options.limitThread?.(comment.thread);
    if (await options.site.isReadOnly(options.now())) throw readOnly();
    const edited = normalized === comment.text ? comment : await saveEdit(c, comment, normalized);
    if (!edited) throw new HttpError('not_found', 'No such comment');
    // An edit that changed the comment's standing is news to moderators; a published one staying published is not.
    if (edited !== comment && edited.status !== 'published') {
      options.events.emit({
        type: eventTypeOf(edited.status),
        comment: edited,
        reason: edited.reason,
        at: options.now(),
      });
    }
    const body: EditCommentResponse = { comment: await publicComment(edited, options.avatars) };
    cache.invalidate(comment.thread);
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });

  app.delete('/:id', async (c) => {
    const comment = await authorised(c);
    if (await options.site.isReadOnly(options.now())) throw readOnly();
    // A comment that published replies answer stays as a placeholder; the answer is the same either way.
    const outcome = await store.deleteComment(comment.id);
    if (outcome === 'not_found') throw new HttpError('not_found', 'No such comment');
    cache.invalidate(comment.thread);
    return c.body(null, 204);
  });

  return app;
}
