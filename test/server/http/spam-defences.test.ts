// The spam defences every server runs: the honeypot, the form token, the link limit, their order, and what the
// public and the poster see of a comment they sent to spam.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  CountsResponse,
  FormTokenResponse,
  GetCommentResponse,
  NewComment,
  PostCommentResponse,
} from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import { CommentEvents, type CommentEvent } from '../../../src/server/events.js';
import {
  assertError,
  backends,
  countsPath,
  listPage,
  newComment,
  patch,
  post,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

/** `GET /api/v1/form-token` for `thread`, which must answer a token. */
async function fetchFormToken(app: TestApp, thread: string): Promise<string> {
  const answer = await app.request(`/api/v1/form-token?thread=${encodeURIComponent(thread)}`);
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as FormTokenResponse).formToken;
}

/** Posts as a reader at a form would: the token when they start writing, the post `writingMs` later. */
async function postThroughForm(
  app: TestApp,
  fields: Partial<NewComment> = {},
  writingMs = 20_000,
): Promise<PostCommentResponse & { status: number }> {
  const comment = newComment(fields);
  const formToken = await fetchFormToken(app, comment.thread);
  app.clock.advance(writingMs);
  const answer = await post(app, { honeypot: '', ...comment, formToken });
  assert.ok(answer.status === 201 || answer.status === 202, answer.text);
  return { status: answer.status, ...(answer.body as PostCommentResponse) };
}

describe('spam defences', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);
      /** An app with the defences as `natter serve` has them by default; the moderation stays open. */
      const defendedApp = (options: Partial<AppOptions> = {}) =>
        database().app({ formToken: {}, maxLinks: undefined, ...options });

      /** Where the comment stands in the store, and why. */
      async function standing(app: TestApp, id: string) {
        const comment = await app.store.getComment(id);
        assert.ok(comment, id);
        return { status: comment.status, reason: comment.reason };
      }

      describe('the form token', () => {
        it('is handed out for a thread, never to be cached', async () => {
          const app = defendedApp();
          const answer = await app.request(`/api/v1/form-token?thread=${encodeURIComponent('/posts/a b')}`);
          assert.equal(answer.status, 200);
          assert.equal(answer.headers.get('cache-control'), 'no-store');
          assert.match((answer.body as FormTokenResponse).formToken, /^[\w.-]{20,200}$/);
          assert.equal((answer.body as FormTokenResponse).minimumAgeMs, 3_000, 'the default');
          const quick = defendedApp({ formToken: { minAgeMs: 500 } });
          const quickAnswer = await quick.request(
            `/api/v1/form-token?thread=${encodeURIComponent('/posts/a')}`,
          );
          assert.equal((quickAnswer.body as FormTokenResponse).minimumAgeMs, 500);
          assertError(await app.request('/api/v1/form-token'), 400, 'bad_request', 'thread');
          assertError(await app.request('/api/v1/form-token?thread='), 400, 'bad_request', 'thread');
          assertError(await app.request('/api/v1/form-token?thread=%07'), 400, 'bad_request', 'thread');
          assertError(
            await app.request('/api/v1/form-token?thread=a&thread=b'),
            400,
            'bad_request',
            'thread',
          );
        });

        it('lets a comment posted with a token fetched a few seconds before through', async () => {
          const app = defendedApp();
          const posted = await postThroughForm(app);
          assert.equal(posted.status, 201);
          assert.deepEqual(await standing(app, posted.comment.id), { status: 'published', reason: null });
        });

        it('sends a post faster than anyone types to spam, and one with a token a day old', async () => {
          const app = defendedApp();
          const fast = await postThroughForm(app, {}, 2_999);
          assert.deepEqual(await standing(app, fast.comment.id), {
            status: 'spam',
            reason: 'spam: posted too fast',
          });
          const justInTime = await postThroughForm(app, {}, 3_000);
          assert.equal(justInTime.status, 201);
          const stale = await postThroughForm(app, {}, 24 * 60 * 60 * 1000);
          assert.deepEqual(await standing(app, stale.comment.id), {
            status: 'spam',
            reason: 'spam: stale form token',
          });
          assert.equal((await postThroughForm(app, {}, 24 * 60 * 60 * 1000 - 1)).status, 201);
        });

        it('takes the operator’s minimum age and lifetime', async () => {
          const app = defendedApp({ formToken: { minAgeMs: 0, lifetimeMs: 60 * 60 * 1000 } });
          assert.equal((await postThroughForm(app, {}, 0)).status, 201);
          const late = await postThroughForm(app, {}, 60 * 60 * 1000);
          assert.equal((await standing(app, late.comment.id)).reason, 'spam: stale form token');
        });

        it('sends a forged token, or one for another thread, to spam', async () => {
          const app = defendedApp();
          const thread = uniqueThread();
          const real = await fetchFormToken(app, thread);
          const other = await fetchFormToken(app, uniqueThread());
          const tampered = `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`;
          const [, signature] = /\.([^.]+)$/.exec(real) ?? [];
          const relabelled = `${Buffer.from(JSON.stringify({ h: 'x', t: 0 })).toString('base64url')}.${signature}`;
          const trusted = await postThroughForm(app, { email: 'ada@example.com' });
          app.clock.advance(10_000);
          for (const formToken of [
            tampered,
            other,
            `f1.${relabelled}`,
            trusted.trust!,
            'junk',
            '.',
            'a.b.c',
          ]) {
            const answer = await post(app, newComment({ thread, formToken }));
            assert.equal(answer.status, 202, formToken);
            const { comment } = answer.body as PostCommentResponse;
            assert.equal(comment.status, 'pending');
            assert.deepEqual(await standing(app, comment.id), {
              status: 'spam',
              reason: 'spam: forged form token',
            });
          }
        });

        it('holds a post without a token for a moderator, unless the operator made the token optional', async () => {
          const app = defendedApp();
          for (const body of [
            newComment(),
            { ...newComment(), formToken: null },
            { ...newComment(), formToken: '' },
          ]) {
            const answer = await post(app, body);
            assert.equal(answer.status, 202);
            const { comment } = answer.body as PostCommentResponse;
            assert.deepEqual(await standing(app, comment.id), {
              status: 'pending',
              reason: 'held: no form token',
            });
          }
          const optional = defendedApp({ formToken: { isRequired: false } });
          assert.equal((await post(optional, newComment())).status, 201);
          const forged = await post(optional, newComment({ formToken: 'forged' }));
          const { comment } = forged.body as PostCommentResponse;
          assert.equal((await standing(optional, comment.id)).reason, 'spam: forged form token');
        });

        it('lets an edit through without a token', async () => {
          const app = defendedApp();
          const posted = await postThroughForm(app);
          const edited = await patch(app, posted.comment.id, { text: 'Edited at once.' }, posted.secret);
          assert.equal(edited.status, 200);
          assert.deepEqual(await standing(app, posted.comment.id), { status: 'published', reason: null });
        });
      });

      describe('the honeypot', () => {
        it('sends a comment whose hidden field was filled in to spam, and tells the poster it is pending', async () => {
          const app = defendedApp();
          const thread = uniqueThread();
          const formToken = await fetchFormToken(app, thread);
          app.clock.advance(10_000);
          const answer = await post(app, newComment({ thread, formToken, honeypot: 'https://spam.example' }));
          assert.equal(answer.status, 202);
          const { comment } = answer.body as PostCommentResponse;
          assert.equal(comment.status, 'pending');
          assert.deepEqual(await standing(app, comment.id), { status: 'spam', reason: 'spam: honeypot' });
          // Spaces are what an empty field may hold; no token at all is no excuse for a filled one.
          assert.equal((await postThroughForm(app, { honeypot: '  ' })).status, 201);
          const bare = await post(app, newComment({ honeypot: 'x' }));
          const bareId = (bare.body as PostCommentResponse).comment.id;
          assert.deepEqual(await standing(app, bareId), { status: 'spam', reason: 'spam: honeypot' });
        });
      });

      describe('links', () => {
        it('holds a comment with more links than allowed, counted as the widget links them', async () => {
          const app = defendedApp();
          const three = await postThroughForm(app, {
            text: 'See https://a.example/x, shop.com and write to ada@example.com.',
          });
          assert.equal(three.status, 202);
          assert.deepEqual(await standing(app, three.comment.id), {
            status: 'pending',
            reason: 'held: 3 links',
          });
          const two = await postThroughForm(app, { text: 'https://a.example and http://b.example/y?z=1' });
          assert.equal(two.status, 201);
          const none = await postThroughForm(app, { text: 'javascript:alert(1) ftp:/x file.txt 3.14' });
          assert.equal(none.status, 201);
        });

        it('takes the operator’s limit, or none', async () => {
          const strict = defendedApp({ maxLinks: 0 });
          const one = await postThroughForm(strict, { text: 'Only https://one.example here.' });
          assert.deepEqual(await standing(strict, one.comment.id), {
            status: 'pending',
            reason: 'held: 1 link',
          });
          const open = defendedApp({ maxLinks: false });
          const many = Array.from({ length: 20 }, (_, index) => `https://l${index}.example`).join(' ');
          assert.equal((await postThroughForm(open, { text: many })).status, 201);
        });

        it('holds an edit that adds links past the limit', async () => {
          const app = defendedApp();
          const posted = await postThroughForm(app);
          const text = 'Now with https://a.example https://b.example https://c.example https://d.example';
          const edited = await patch(app, posted.comment.id, { text }, posted.secret);
          assert.equal(edited.status, 200);
          assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
          assert.deepEqual(await standing(app, posted.comment.id), {
            status: 'pending',
            reason: 'held: 4 links',
          });
        });
      });

      describe('what everyone sees of spam', () => {
        it('never shows a spam comment in listings, counts or reads; its poster reads it as pending', async () => {
          const app = defendedApp();
          const thread = uniqueThread();
          const shown = await postThroughForm(app, { thread });
          const caught = await postThroughForm(app, { thread, honeypot: 'filled', text: 'Buy now' });
          assert.equal(caught.status, 202);
          assert.equal(caught.comment.status, 'pending');
          for (const sort of ['oldest', 'newest'] as const) {
            const page = await listPage(app, { thread, sort });
            assert.deepEqual(
              page.comments.map((comment) => comment.id),
              [shown.comment.id],
            );
            assert.equal(page.thread.count, 1);
          }
          const counts = await app.request(countsPath([thread]));
          assert.deepEqual((counts.body as CountsResponse).counts, { [thread]: 1 });
          const path = `/api/v1/comments/${caught.comment.id}`;
          assertError(await app.request(path), 404, 'not_found');
          assertError(
            await app.request(path, { headers: { authorization: `Bearer ${shown.secret}` } }),
            404,
            'not_found',
          );
          const own = await app.request(path, { headers: { authorization: `Bearer ${caught.secret}` } });
          assert.equal(own.status, 200);
          assert.equal((own.body as GetCommentResponse).comment.status, 'pending');
          assert.doesNotMatch(own.text, /spam|honeypot/);
          // Nor can anyone reply to it: to them it does not exist.
          const reply = await post(app, newComment({ thread, parent: caught.comment.id }));
          assertError(reply, 422, 'validation_failed', 'parent');
          // Its edit answers pending too, and it stays spam.
          const edited = await patch(app, caught.comment.id, { text: 'Innocent now.' }, caught.secret);
          assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
          assert.equal((await standing(app, caught.comment.id)).status, 'spam');
        });

        it('tells moderators (the events) what was caught and why', async () => {
          const events = new CommentEvents();
          const seen: CommentEvent[] = [];
          events.listen((event) => seen.push(event));
          const app = defendedApp({ events });
          await postThroughForm(app, { honeypot: 'filled' });
          await post(app, newComment());
          assert.deepEqual(
            seen.map(({ type, reason }) => [type, reason]),
            [
              ['spam', 'spam: honeypot'],
              ['held', 'held: no form token'],
            ],
          );
        });
      });
    });
  }
});
