import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GetCommentResponse } from '../../../src/protocol/types.js';
import {
  allowedOrigin,
  assertError,
  backends,
  patch,
  postComment,
  remove,
  storedComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

const minute = 60_000;

/** `GET /api/v1/comments/{id}`, with the secret as `Authorization: Bearer` when given, and any other headers. */
function read(app: TestApp, id: string, secret?: string, headers: Record<string, string> = {}) {
  const authorization: Record<string, string> =
    secret === undefined ? {} : { authorization: `Bearer ${secret}` };
  return app.request(`/api/v1/comments/${encodeURIComponent(id)}`, {
    headers: { ...authorization, ...headers },
  });
}

describe('reading one comment', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('shows a listed comment to anyone, as the listing does, cacheable with an ETag', async () => {
        const app = database().app();
        const { comment } = await postComment(app, { text: 'Out in the open.' });
        const answer = await read(app, comment.id);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual((answer.body as GetCommentResponse).comment, comment);
        assert.equal(answer.headers.get('cache-control'), 'no-cache');
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/);
        const etag = answer.headers.get('etag');
        assert.ok(etag, 'the answer has an ETag');
        const again = await read(app, comment.id, undefined, { 'if-none-match': etag });
        assert.equal(again.status, 304);
        assert.equal(again.text, '');
      });

      it('shows a pending comment to its author, by its secret, with no-store', async () => {
        const app = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app, { text: 'Held for a moderator.' });
        assert.equal(comment.status, 'pending');
        const answer = await read(app, comment.id, secret);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual((answer.body as GetCommentResponse).comment, comment);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        assert.equal(answer.headers.get('etag'), null);
        assert.match(answer.headers.get('vary') ?? '', /Authorization/i);
      });

      it('still shows a pending comment to its author long after the edit window closed', async () => {
        const app = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        app.clock.advance(30 * 24 * 60 * minute);
        const answer = await read(app, comment.id, secret);
        assert.equal(answer.status, 200, answer.text);
        assert.equal((answer.body as GetCommentResponse).comment.status, 'pending');
        // Reading is not editing: the window is closed for changes.
        assertError(await patch(app, comment.id, { text: 'Too late' }, secret), 403, 'edit_window_closed');
      });

      it('answers 404 for a pending comment without its secret, exactly as for one that never existed', async () => {
        const app = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        const other = await postComment(app);
        const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
        const never = await read(app, 'c_never_existed');
        assertError(never, 404, 'not_found');
        for (const [label, answer] of [
          ['no secret', await read(app, comment.id)],
          ['a wrong secret', await read(app, comment.id, wrong)],
          ['another comment’s secret', await read(app, comment.id, other.secret)],
          ['a malformed header', await read(app, comment.id, undefined, { authorization: secret })],
        ] as const) {
          assertError(answer, 404, 'not_found', null, label);
          assert.deepEqual(answer.body, never.body, label);
          assert.equal(answer.headers.get('cache-control'), 'no-store', label);
        }
        // With a secret, an unknown id is a 404 too, not a hint that the secret is good for something else.
        assertError(await read(app, 'c_never_existed', secret), 404, 'not_found');
      });

      it('answers 404 once the comment is deleted, even to its author', async () => {
        const app = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        assert.equal((await remove(app, comment.id, secret)).status, 204);
        assertError(await read(app, comment.id, secret), 404, 'not_found');
      });

      it('shows a comment a moderator published to anyone, and to its author with no-store', async () => {
        const app = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        await app.store.editComment(comment.id, {
          text: comment.text,
          editedAt: app.clock.iso(),
          status: 'published',
        });
        const open = await read(app, comment.id);
        assert.equal(open.status, 200, open.text);
        assert.equal((open.body as GetCommentResponse).comment.status, 'published');
        const own = await read(app, comment.id, secret);
        assert.equal(own.status, 200);
        assert.equal(own.headers.get('cache-control'), 'no-store');
      });

      it('hides a published reply below a held comment from everyone but its author', async () => {
        const open = database().app();
        const held = database().app({ moderation: 'all' });
        const thread = uniqueThread();
        const top = await postComment(open, { thread });
        const reply = await postComment(open, { thread, parent: top.comment.id });
        assert.equal((await patch(held, top.comment.id, { text: 'Changed' }, top.secret)).status, 200);
        assertError(await read(held, reply.comment.id), 404, 'not_found');
        const own = await read(held, reply.comment.id, reply.secret);
        assert.equal(own.status, 200, own.text);
        assert.equal((own.body as GetCommentResponse).comment.status, 'published');
        const edited = await read(held, top.comment.id, top.secret);
        assert.deepEqual(
          [
            (edited.body as GetCommentResponse).comment.status,
            (edited.body as GetCommentResponse).comment.text,
          ],
          ['pending', 'Changed'],
        );
      });

      it('never shows what stays on the server: e-mail address, secret hash, order keys', async () => {
        const app = database().app();
        const stored = storedComment({
          authorEmail: 'grace@example.com',
          authorUrl: 'https://grace.example/',
        });
        await app.store.insertComment(stored);
        const answer = await read(app, stored.id);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(Object.keys((answer.body as GetCommentResponse).comment).sort(), [
          'author',
          'avatar',
          'createdAt',
          'editedAt',
          'id',
          'likes',
          'parent',
          'status',
          'text',
          'thread',
        ]);
        assert.equal(answer.text.includes('grace@example.com'), false);
        assert.equal(answer.text.includes(stored.secretHash), false);
      });

      it('answers an id outside the id alphabet with 404', async () => {
        const app = database().app();
        for (const id of ['a.b', 'x'.repeat(65), 'é', ' ']) {
          assertError(await read(app, id), 404, 'not_found', null, id);
        }
      });

      it('lets pages on allowed origins read it, a secret included, and no others', async () => {
        const app = database().app({ origins: [allowedOrigin], moderation: 'all' });
        const { comment, secret } = await postComment(app);
        const allowed = await read(app, comment.id, secret, { origin: allowedOrigin });
        assert.equal(allowed.status, 200, allowed.text);
        assert.equal(allowed.headers.get('access-control-allow-origin'), allowedOrigin);
        const preflight = await app.request(`/api/v1/comments/${comment.id}`, {
          method: 'OPTIONS',
          headers: {
            origin: allowedOrigin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
        assert.equal(preflight.status, 204);
        assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
        const elsewhere = await read(app, comment.id, secret, { origin: 'https://evil.example' });
        assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
      });
    });
  }
});
