import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { PostCommentResponse } from '../../../src/protocol/types.js';
import {
  assertError,
  backends,
  listPage,
  newComment,
  patch,
  post,
  postComment,
  remove,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from './helpers.js';

const minute = 60_000;

/** PATCH and DELETE with a raw `Authorization` header, or none. */
async function withAuthorization(app: TestApp, id: string, authorization: string | undefined) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const edit = await app.request(`/api/v1/comments/${id}`, {
    method: 'PATCH',
    json: { text: 'Changed' },
    headers,
  });
  const deletion = await app.request(`/api/v1/comments/${id}`, { method: 'DELETE', headers });
  return { edit, deletion };
}

describe('authorship', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('issues secrets of at least 128 random bits in base64url, a different one each time', async () => {
        const app = database().app();
        const secrets = new Set<string>();
        for (let index = 0; index < 20; index += 1) {
          const { secret } = await postComment(app);
          assert.match(secret, /^[A-Za-z0-9_-]{22,}$/);
          assert.ok(Buffer.from(secret, 'base64url').length >= 16, secret);
          secrets.add(secret);
        }
        assert.equal(secrets.size, 20);
      });

      it('stores only a hash of the secret, never the secret itself', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app, { email: 'ada@example.com' });
        const row = await database().rawComment(comment.id);
        assert.ok(row, 'the row exists');
        const columns = Object.values(row).map(String);
        assert.equal(
          columns.some((value) => value.includes(secret)),
          false,
          'no column holds the secret',
        );
        const hash = createHash('sha256').update(secret).digest();
        const hashes = [hash.toString('base64url'), hash.toString('hex'), hash.toString('base64')];
        assert.ok(
          columns.some((value) => hashes.includes(value)),
          'a column holds its SHA-256',
        );
        const stored = await app.store.getComment(comment.id);
        assert.equal(JSON.stringify(stored).includes(secret), false);
      });

      it('refuses a wrong secret, another comment’s secret, or none, with 403 forbidden', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app, { text: 'Original' });
        const other = await postComment(app);
        const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
        const refused = [
          undefined,
          '',
          `Bearer ${wrong}`,
          `Bearer ${other.secret}`,
          `Bearer ${secret}x`,
          `Bearer ${secret.slice(0, -1)}`,
          'Bearer',
          'Bearer ',
          secret,
          `Basic ${secret}`,
          `Basic ${Buffer.from(`ada:${secret}`).toString('base64')}`,
          `Bearer ${secret} ${secret}`,
          `Token ${secret}`,
          `Bearer${secret}`,
        ];
        for (const authorization of refused) {
          const { edit, deletion } = await withAuthorization(app, comment.id, authorization);
          assertError(edit, 403, 'forbidden', undefined, `PATCH with ${authorization}`);
          assertError(deletion, 403, 'forbidden', undefined, `DELETE with ${authorization}`);
        }
        assert.equal((await listPage(app, { thread: comment.thread })).comments[0]!.text, 'Original');
      });

      it('reads the Bearer scheme name case-insensitively', async () => {
        const app = database().app();
        for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
          const { comment, secret } = await postComment(app);
          const { edit, deletion } = await withAuthorization(app, comment.id, `${scheme} ${secret}`);
          assert.equal(edit.status, 200, `${scheme}: ${edit.text}`);
          assert.equal(deletion.status, 204, `${scheme}: ${deletion.text}`);
        }
      });

      it('answers 404 for an unknown or malformed id before looking at the secret', async () => {
        const app = database().app();
        const { secret } = await postComment(app);
        for (const id of ['unknown', 'x'.repeat(65), 'a.b', '%20', '..']) {
          const { edit, deletion } = await withAuthorization(app, encodeURIComponent(id), `Bearer ${secret}`);
          assertError(edit, 404, 'not_found', undefined, id);
          assertError(deletion, 404, 'not_found', undefined, id);
        }
      });

      it('lets the author edit and delete until the edit window closes, then answers edit_window_closed', async () => {
        const app = database().app();
        const { comment, secret, editableUntil } = await postComment(app);
        assert.equal(Date.parse(editableUntil) - Date.parse(comment.createdAt), 15 * minute);
        const doomed = await postComment(app);

        app.clock.advance(15 * minute - 1);
        assert.equal((await patch(app, comment.id, { text: 'Just in time' }, secret)).status, 200);
        app.clock.advance(1);
        assert.equal((await patch(app, comment.id, { text: 'At the last moment' }, secret)).status, 200);
        app.clock.advance(1);
        assertError(await patch(app, comment.id, { text: 'Too late' }, secret), 403, 'edit_window_closed');
        assertError(await remove(app, comment.id, secret), 403, 'edit_window_closed');
        assertError(await remove(app, doomed.comment.id, doomed.secret), 403, 'edit_window_closed');
        assertError(await remove(app, comment.id, doomed.secret), 403, 'forbidden');
        const page = await listPage(app, { thread: comment.thread });
        assert.equal(page.comments[0]!.text, 'At the last moment');
      });

      it('deletes just before the window closes', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        app.clock.advance(15 * minute - 1);
        assert.equal((await remove(app, comment.id, secret)).status, 204);
      });

      it('uses the configured edit window, and 0 for none', async () => {
        const hour = database().app({ editWindowMinutes: 60 });
        const long = await postComment(hour);
        hour.clock.advance(59 * minute);
        assert.equal((await patch(hour, long.comment.id, { text: 'Later' }, long.secret)).status, 200);

        const none = database().app({ editWindowMinutes: 0 });
        const { comment, secret, editableUntil } = await postComment(none);
        assert.equal(editableUntil, comment.createdAt);
        none.clock.advance(1);
        assertError(await patch(none, comment.id, { text: 'No' }, secret), 403, 'edit_window_closed');
        assertError(await remove(none, comment.id, secret), 403, 'edit_window_closed');
      });

      it('deletes a comment with published replies as a placeholder (204), which takes no more edits or deletes', async () => {
        const app = database().app();
        const held = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        const reply = await postComment(app, { thread: comment.thread, parent: comment.id });
        assert.equal((await remove(app, comment.id, secret)).status, 204);
        assertError(await patch(app, comment.id, { text: 'Back' }, secret), 404, 'not_found');
        assertError(await remove(app, comment.id, secret), 404, 'not_found');

        // Only a held reply under it: the comment goes, with that reply, never public.
        const other = await postComment(app, { thread: comment.thread });
        const pending = await postComment(held, { thread: comment.thread, parent: other.comment.id });
        assert.equal(pending.comment.status, 'pending');
        assert.equal((await remove(app, other.comment.id, other.secret)).status, 204);
        assertError(await app.request(`/api/v1/comments/${other.comment.id}`), 404, 'not_found');
        assert.equal((await remove(app, reply.comment.id, reply.secret)).status, 204);
        assertError(await app.request(`/api/v1/comments/${comment.id}`), 404, 'not_found');
      });

      it('refuses posts and replies to a locked thread with 403 thread_locked, and shows it locked', async () => {
        const app = database().app();
        const { comment } = await postComment(app);
        await app.store.setThreadLocked(comment.thread, true);
        assert.equal((await listPage(app, { thread: comment.thread })).thread.locked, true);
        assertError(await post(app, newComment({ thread: comment.thread })), 403, 'thread_locked');
        assertError(
          await post(app, newComment({ thread: comment.thread, parent: comment.id })),
          403,
          'thread_locked',
        );
        const locked = uniqueThread();
        await app.store.setThreadLocked(locked, true);
        assertError(await post(app, newComment({ thread: locked })), 403, 'thread_locked');
        await app.store.setThreadLocked(comment.thread, false);
        assert.equal((await post(app, newComment({ thread: comment.thread }))).status, 201);
      });

      it('refuses a parent that is not a listed comment of the thread with 422 naming parent', async () => {
        const app = database().app();
        const held = database().app({ moderation: 'all' });
        const thread = uniqueThread();
        const elsewhere = await postComment(app);
        const pending = await postComment(held, { thread });
        const deleted = await postComment(app, { thread });
        assert.equal((await remove(app, deleted.comment.id, deleted.secret)).status, 204);
        const parents = [
          '',
          'unknown',
          'not an id!',
          'x'.repeat(65),
          elsewhere.comment.id,
          pending.comment.id,
          deleted.comment.id,
        ];
        for (const parent of parents) {
          assertError(
            await post(app, newComment({ thread, parent })),
            422,
            'validation_failed',
            'parent',
            parent,
          );
        }
        assert.equal((await listPage(app, { thread })).thread.count, 0);
      });

      it('posts a top-level comment when parent is null', async () => {
        const app = database().app();
        const answer = await post(app, newComment({ parent: null }));
        assert.equal(answer.status, 201);
        assert.equal((answer.body as PostCommentResponse).comment.parent, null);
      });
    });
  }
});
