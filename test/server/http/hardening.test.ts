// The holes an adversarial review of the running server found, each with the test that would have caught it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditCommentResponse, ListCommentsResponse } from '../../../src/protocol/types.js';
import { createApp } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import { contentTypeOf, type StaticAsset } from '../../../src/server/routes/static-files.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import {
  assertError,
  backends,
  baseUrl,
  countsPath,
  listPage,
  listPath,
  newComment,
  patch,
  post,
  postComment,
  remove,
  storedComment,
  uniqueThread,
  useFreshDatabase,
} from './helpers.js';

/** `store` with one method replaced; every other call reaches `store` itself. */
function replacing<K extends keyof CommentStore>(
  store: CommentStore,
  name: K,
  method: CommentStore[K],
): CommentStore {
  return new Proxy(store, {
    get: (target, property) => {
      if (property === name) return method;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const forwardedHttps = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'comments.example.org' };

describe('hardening', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('varies every API answer by Origin, also when the request had none', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        const answers = [
          await app.request(listPath({ thread: comment.thread })),
          await app.request(countsPath([comment.thread])),
          await app.request(listPath({ thread: comment.thread, limit: 'many' })),
          await patch(app, comment.id, { text: 'Changed' }, secret),
          await app.request('/api/v1/nowhere'),
        ];
        for (const answer of answers) {
          assert.match(answer.headers.get('vary') ?? '', /\bOrigin\b/, `${answer.status} ${answer.text}`);
        }
      });

      it('sends nosniff with every answer: health, not found, static files', async () => {
        const app = database().app();
        for (const path of ['/healthz', '/nowhere', '/api/v1/nowhere', '/natter.js']) {
          const answer = await app.request(path);
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', path);
        }
      });

      it('sends HSTS when the request came over HTTPS through a trusted proxy, and only then', async () => {
        const path = listPath({ thread: '/hsts' });
        const proxied = database().app({ trustProxy: true });
        const secure = await proxied.request(path, { headers: forwardedHttps });
        assert.match(secure.headers.get('strict-transport-security') ?? '', /^max-age=\d{7,}$/);
        const health = await proxied.request('/healthz', { headers: forwardedHttps });
        assert.ok(health.headers.get('strict-transport-security'));
        const plain = await proxied.request(path, { headers: { 'x-forwarded-proto': 'http' } });
        assert.equal(plain.headers.get('strict-transport-security'), null);
        const untrusted = await database().app().request(path, { headers: forwardedHttps });
        assert.equal(untrusted.headers.get('strict-transport-security'), null);
      });

      it('decodes malformed percent escapes as URLSearchParams does', async () => {
        const app = database().app();
        for (const [raw, key] of [
          ['%FF', '\uFFFD'],
          ['%E2%82', '\uFFFD'],
          ['%zz', '%zz'],
          ['50%', '50%'],
          ['a+b', 'a b'],
        ]) {
          const answer = await app.request(`/api/v1/comments?thread=${raw}`);
          assert.equal(answer.status, 200, `${raw}: ${answer.text}`);
          assert.equal((answer.body as ListCommentsResponse).thread.key, key, raw);
          const counts = await app.request(`/api/v1/counts?thread=${raw}`);
          assert.deepEqual(Object.keys((counts.body as { counts: object }).counts), [key], raw);
        }
      });

      it('counts a name or a text of invisible characters alone as empty', async () => {
        const app = database().app();
        for (const name of ['\u200b', '\u3164', '\u115f\u1160', '\u200b \u2800 \ufeff', '\u00ad\u034f']) {
          assertError(
            await post(app, newComment({ name })),
            422,
            'validation_failed',
            'name',
            JSON.stringify(name),
          );
        }
        assertError(
          await post(app, newComment({ text: '\u200b\u200c\n\u3164' })),
          422,
          'validation_failed',
          'text',
        );
        assert.equal((await post(app, newComment({ name: '\u200bAda' }))).status, 201);
      });

      it('holds an edit under moderation "all": the comment and its replies leave the listing and the count', async () => {
        const open = database().app();
        const held = database().app({ moderation: 'all' });
        const thread = uniqueThread();
        const approved = storedComment({
          thread,
          editableUntil: new Date(Date.now() + 3_600_000).toISOString(),
        });
        const { comment, secret } = await postComment(open, { thread });
        await postComment(open, { thread, parent: comment.id });
        await held.store.insertComment(approved);
        assert.equal((await listPage(held, { thread })).thread.count, 3);

        const edited = await patch(held, comment.id, { text: 'Approved, then quietly changed.' }, secret);
        assert.equal(edited.status, 200, edited.text);
        assert.equal((edited.body as EditCommentResponse).comment.status, 'pending');
        const page = await listPage(held, { thread });
        assert.deepEqual(
          page.comments.map((listed) => listed.id),
          [approved.id],
        );
        assert.equal(page.thread.count, 1);
        const counts = await held.request(countsPath([thread]));
        assert.deepEqual((counts.body as { counts: Record<string, number> }).counts, { [thread]: 1 });

        // Under "open" an edit keeps the status it had.
        const other = await postComment(open);
        const kept = await patch(open, other.comment.id, { text: 'Typo fixed.' }, other.secret);
        assert.equal((kept.body as EditCommentResponse).comment.status, 'published');
      });

      it('answers 404, not 409, when the comment was deleted while the request ran', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        const store = database().store;
        // Another request deletes the comment between this one's checks and its deletion.
        const racing = replacing(store, 'deleteComment', async (id) => {
          await store.deleteComment(id);
          return store.deleteComment(id);
        });
        const answer = await remove(database().app({ store: racing }), comment.id, secret);
        assertError(answer, 404, 'not_found');
      });

      it('refuses a reply whose parent is deleted or held meanwhile with 422, never a 500', async () => {
        const app = database().app();
        const held = database().app({ moderation: 'all' });
        const { comment, secret } = await postComment(app);
        const racing = replacing(database().store, 'insertComment', async (stored) => {
          await remove(app, comment.id, secret);
          return database().store.insertComment(stored);
        });
        const reply = newComment({ thread: comment.thread, parent: comment.id });
        assertError(await post(database().app({ store: racing }), reply), 422, 'validation_failed', 'parent');

        const parent = await postComment(app);
        await patch(held, parent.comment.id, { text: 'Held now.' }, parent.secret);
        const toHeld = newComment({ thread: parent.comment.thread, parent: parent.comment.id });
        assertError(await post(app, toHeld), 422, 'validation_failed', 'parent');
      });

      it('tells readers the text limit the operator set, and enforces it', async () => {
        const app = database().app({ maxTextLength: 500 });
        const thread = uniqueThread();
        assert.deepEqual((await listPage(app, { thread })).thread.limits, { textLength: 500 });
        assert.equal((await post(app, newComment({ thread, text: 'x'.repeat(500) }))).status, 201);
        const long = await post(app, newComment({ thread, text: 'x'.repeat(501) }));
        assertError(long, 422, 'validation_failed', 'text');
        assert.match((long.body as { error: { message: string } }).error.message, /500/);
      });
    });
  }

  it('answers through createApp(...).fetch alone: no Node adapter, no socket, no files', async () => {
    const [backend] = backends();
    const { store, cleanup } = await backend!.makeStore();
    try {
      const script = new TextEncoder().encode('export {};\n');
      const asset: StaticAsset = { body: script, contentType: contentTypeOf('natter.js')!, etag: '"w1"' };
      const lines: string[] = [];
      const app = createApp({
        store,
        moderation: 'open',
        formToken: { isRequired: false },
        publicOrigins: [baseUrl],
        widget: new Map([['natter.js', asset]]),
        logger: createLogger('warn', (line) => lines.push(line)),
      });
      const posted = await app.fetch(
        new Request(`${baseUrl}/api/v1/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: baseUrl },
          body: JSON.stringify(newComment({ thread: '/fetch-only' })),
        }),
      );
      assert.equal(posted.status, 201, await posted.clone().text());
      const listed = (await (
        await app.fetch(new Request(`${baseUrl}/api/v1/comments?thread=%2Ffetch-only`))
      ).json()) as ListCommentsResponse;
      assert.equal(listed.comments.length, 1);
      const widget = await app.fetch(new Request(`${baseUrl}/natter.js`));
      assert.equal(await widget.text(), 'export {};\n');
      // Without a peer address the rate limit still holds, counting such clients together.
      assert.deepEqual(lines, []);
    } finally {
      await cleanup();
    }
  });
});
