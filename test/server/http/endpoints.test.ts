import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../../src/protocol/limits.js';
import type {
  Comment,
  GetCommentResponse,
  ListCommentsResponse,
  PostCommentResponse,
} from '../../../src/protocol/types.js';
import {
  assertError,
  backends,
  countsPath,
  listPage,
  newComment,
  patch,
  post,
  postComment,
  remove,
  storedComment,
  uniqueThread,
  useFreshDatabase,
  type Answer,
} from './helpers.js';

const commentId = /^[A-Za-z0-9_-]{1,64}$/;
const fifteenMinutes = 15 * 60_000;

describe('endpoints', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('lists an unknown thread as empty and open', async () => {
        const app = database().app();
        const thread = uniqueThread();
        assert.deepEqual(await listPage(app, { thread }), {
          thread: {
            key: thread,
            count: 0,
            locked: false,
            limits: { textLength: limits.textLength },
            sorts: ['oldest', 'newest', 'liked', 'replied'],
            feed: `http://natter.test/api/v1/feed.atom?thread=${encodeURIComponent(thread)}`,
            stream: `http://natter.test/api/v1/stream?thread=${encodeURIComponent(thread)}`,
          },
          comments: [],
          next: null,
        });
      });

      it('publishes a comment with 201, normalised, with a secret and the end of its edit window', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const answer = await post(app, {
          thread,
          name: '  Ada ',
          email: 'ada@example.com',
          url: 'https://Ada.example',
          text: 'Great read.\r\n',
        });
        assert.equal(answer.status, 201, answer.text);
        const { comment, secret, editableUntil } = answer.body as PostCommentResponse;
        assert.match(comment.id, commentId);
        assert.deepEqual(comment, {
          id: comment.id,
          thread,
          parent: null,
          author: { name: 'Ada', url: 'https://ada.example/' },
          text: 'Great read.',
          createdAt: app.clock.iso(),
          editedAt: null,
          status: 'published',
          likes: 0,
          avatar: comment.avatar,
        } satisfies Comment);
        assert.match(comment.avatar ?? '', /^[A-Za-z0-9_-]{16}$/);
        assert.equal(typeof secret, 'string');
        assert.equal(editableUntil, new Date(app.clock.now() + fifteenMinutes).toISOString());
        // A published comment with an e-mail address brings its author a trust token (first-time moderation).
        assert.deepEqual(Object.keys(answer.body as object).sort(), [
          'comment',
          'editableUntil',
          'secret',
          'trust',
        ]);
        assert.equal(typeof (answer.body as PostCommentResponse).trust, 'string');
      });

      it('publishes a reply to a listed comment of the same thread', async () => {
        const app = database().app();
        const { comment: parent } = await postComment(app);
        const answer = await post(app, newComment({ thread: parent.thread, parent: parent.id }));
        assert.equal(answer.status, 201, answer.text);
        assert.equal((answer.body as PostCommentResponse).comment.parent, parent.id);
      });

      it('gives every comment its own id', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const ids = new Set<string>();
        for (let index = 0; index < 10; index += 1) ids.add((await postComment(app, { thread })).comment.id);
        assert.equal(ids.size, 10);
      });

      it('holds every comment with 202 pending under moderation "all", and neither lists nor counts it', async () => {
        const app = database().app({ moderation: 'all' });
        const thread = uniqueThread();
        const answer = await post(app, newComment({ thread, email: 'ada@example.com' }));
        assert.equal(answer.status, 202, answer.text);
        const { comment, secret } = answer.body as PostCommentResponse;
        assert.equal(comment.status, 'pending');
        const page = await listPage(app, { thread });
        assert.deepEqual([page.thread.count, page.comments], [0, []]);
        assert.deepEqual((await app.request(countsPath([thread]))).body, { counts: { [thread]: 0 } });

        const edited = await patch(app, comment.id, { text: 'Still waiting.' }, secret);
        assert.equal(edited.status, 200, edited.text);
        assert.equal((edited.body as { comment: Comment }).comment.status, 'pending');
        assert.equal((await remove(app, comment.id, secret)).status, 204);
      });

      it('holds every first-time comment alike, whatever address it gives, and trusts only a trust token', async () => {
        const app = database().app({ moderation: 'first-time' });
        const thread = uniqueThread();
        const known = 'grace@example.com';
        await app.store.insertComment(storedComment({ authorEmail: known }));
        // Typing a trusted author's address proves nothing, and the answer does not tell that it is trusted.
        const borrowed = await post(app, newComment({ thread, email: known }));
        const stranger = await post(app, newComment({ thread, email: 'stranger@example.com' }));
        assert.deepEqual([borrowed.status, stranger.status], [202, 202]);
        assert.deepEqual(
          Object.keys(borrowed.body as object).sort(),
          Object.keys(stranger.body as object).sort(),
        );
        assert.equal((await post(app, newComment({ thread }))).status, 202);

        // A moderator approves the first comment: its author's client reads it, by its secret, with a trust token.
        const first = await postComment(app, { thread, email: 'Ada@Example.com' });
        assert.equal(first.comment.status, 'pending');
        assert.equal(first.trust, undefined);
        await app.store.setStatus(first.comment.id, {
          status: 'published',
          reason: null,
          at: app.clock.iso(),
        });
        const read = await app.request(`/api/v1/comments/${first.comment.id}`, {
          headers: { authorization: `Bearer ${first.secret}` },
        });
        const { trust } = read.body as GetCommentResponse;
        assert.ok(trust, read.text);
        const anonymous = await app.request(`/api/v1/comments/${first.comment.id}`);
        assert.equal((anonymous.body as GetCommentResponse).trust, undefined);

        assert.equal((await post(app, newComment({ thread, email: 'ada@example.COM', trust }))).status, 201);
        assert.equal((await post(app, newComment({ thread, email: known, trust }))).status, 202);
        assert.equal(
          (await post(app, newComment({ thread, email: 'ada@example.com', trust: `${trust}x` }))).status,
          202,
        );
        assert.equal((await listPage(app, { thread })).thread.count, 2);

        // Once the approved comment is found to be spam, its token vouches for nobody.
        await app.store.setStatus(first.comment.id, {
          status: 'spam',
          reason: 'spam: by hand',
          at: app.clock.iso(),
        });
        const ada = await app.store.findComments({
          authorEmail: 'ada@example.com',
          statuses: ['published'],
          limit: 10,
        });
        for (const comment of ada) {
          await app.store.setStatus(comment.id, {
            status: 'spam',
            reason: 'spam: by hand',
            at: app.clock.iso(),
          });
        }
        assert.equal((await post(app, newComment({ thread, email: 'ada@example.com', trust }))).status, 202);
      });

      it('lists a thread with its count and its comments', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const first = await postComment(app, { thread, text: 'First' });
        app.clock.advance(1000);
        const reply = await postComment(app, { thread, parent: first.comment.id, text: 'Reply' });
        const page = await listPage(app, { thread });
        assert.deepEqual(page, {
          thread: {
            key: thread,
            count: 2,
            locked: false,
            limits: { textLength: limits.textLength },
            sorts: ['oldest', 'newest', 'liked', 'replied'],
            feed: `http://natter.test/api/v1/feed.atom?thread=${encodeURIComponent(thread)}`,
            stream: `http://natter.test/api/v1/stream?thread=${encodeURIComponent(thread)}`,
          },
          comments: [first.comment, reply.comment],
          next: null,
        } satisfies ListCommentsResponse);
      });

      it('shows the operator’s policy in thread info only when one is configured', async () => {
        const policy = '<p>Be kind. Comments are <em>moderated</em>.</p>';
        const thread = uniqueThread();
        assert.equal((await listPage(database().app({ policy }), { thread })).thread.policy, policy);
        assert.equal('policy' in (await listPage(database().app(), { thread })).thread, false);
      });

      it('counts the published comments of several threads, exactly as requested, each once', async () => {
        const app = database().app();
        const busy = uniqueThread();
        const quiet = `${uniqueThread()} with spaces & ünïcödé +`;
        await postComment(app, { thread: busy });
        await postComment(app, { thread: busy });
        await postComment(app, { thread: quiet });
        const unknown = uniqueThread();
        const answer = await app.request(countsPath([busy, quiet, unknown, busy]));
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body, { counts: { [busy]: 2, [quiet]: 1, [unknown]: 0 } });
      });

      it('counts a thread called __proto__ like any other', async () => {
        const app = database().app();
        await postComment(app, { thread: '__proto__' });
        const answer = await app.request(countsPath(['__proto__', 'constructor']));
        assert.equal(answer.text, '{"counts":{"__proto__":1,"constructor":0}}');
      });

      it('replaces a comment’s text with PATCH, marking it edited only when the text changes', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app, { text: 'Great read.' });
        app.clock.advance(60_000);
        const same = await patch(app, comment.id, { text: 'Great read.\r\n  ' }, secret);
        assert.equal(same.status, 200, same.text);
        assert.deepEqual(same.body, { comment });

        app.clock.advance(60_000);
        const edited = await patch(app, comment.id, { text: 'Great read,\r\nthank you.' }, secret);
        assert.equal(edited.status, 200, edited.text);
        assert.deepEqual(edited.body, {
          comment: { ...comment, text: 'Great read,\nthank you.', editedAt: app.clock.iso() },
        });
        assert.deepEqual((await listPage(app, { thread: comment.thread })).comments, [
          (edited.body as { comment: Comment }).comment,
        ]);
      });

      it('deletes a comment with 204 and no body; it is gone for good', async () => {
        const app = database().app();
        const { comment, secret } = await postComment(app);
        const answer = await remove(app, comment.id, secret);
        assert.equal(answer.status, 204);
        assert.equal(answer.text, '');
        assert.equal(answer.headers.get('content-type'), null);
        const page = await listPage(app, { thread: comment.thread });
        assert.deepEqual([page.thread.count, page.comments], [0, []]);
        assertError(await remove(app, comment.id, secret), 404, 'not_found');
        assertError(await patch(app, comment.id, { text: 'Back?' }, secret), 404, 'not_found');
      });

      it('answers /healthz while the store can be read', async () => {
        const answer = await database().app().request('/healthz');
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { status: 'ok' });
      });

      it('answers unknown paths and methods with a JSON 404', async () => {
        const app = database().app();
        const { comment } = await postComment(app);
        const requests: [string, string][] = [
          ['GET', '/api/v1/nope'],
          ['GET', '/api/v2/comments?thread=a'],
          // GET of one comment is an endpoint (read-one.test.ts); other methods on its path are not.
          ['PUT', `/api/v1/comments/${comment.id}`],
          ['PUT', '/api/v1/comments'],
          ['DELETE', '/api/v1/comments'],
          ['PATCH', '/api/v1/comments'],
          ['POST', `/api/v1/comments/${comment.id}`],
          ['POST', '/api/v1/counts'],
          ['GET', '/api/v1/comments/a/b'],
          ['GET', '/nope'],
        ];
        for (const [method, path] of requests) {
          const answer = await app.request(path, { method, headers: { 'content-type': 'application/json' } });
          assertError(answer, 404, 'not_found');
        }
      });

      it('never puts an e-mail address in any answer', async () => {
        const email = 'Secret.Person+natter@example.com';
        const thread = uniqueThread();
        const app = database().app();
        const held = database().app({ moderation: 'first-time' });
        const answers: Answer[] = [];
        const published = await post(app, newComment({ thread, email }));
        const pending = await post(held, newComment({ thread, email: 'other@example.com' }));
        answers.push(published, pending);
        const { comment, secret } = published.body as PostCommentResponse;
        const reply = await post(app, newComment({ thread, parent: comment.id, email }));
        answers.push(reply);
        answers.push(await post(app, newComment({ thread, email, url: 'javascript:alert(1)' })));
        answers.push(await post(app, newComment({ thread, email, parent: 'nope' })));
        answers.push(await app.request(`/api/v1/comments?thread=${encodeURIComponent(thread)}`));
        answers.push(await app.request(countsPath([thread])));
        answers.push(await patch(app, comment.id, { text: 'Edited.' }, secret));
        answers.push(await remove(app, comment.id, secret));
        // The placeholder left for the reply, and avatars: nothing of the address either.
        answers.push(await app.request(`/api/v1/comments?thread=${encodeURIComponent(thread)}`));
        assert.deepEqual(
          answers.map((answer) => answer.status),
          [201, 202, 201, 422, 422, 200, 200, 200, 204, 200],
        );
        for (const answer of answers) {
          assert.equal(answer.text.toLowerCase().includes(email.toLowerCase()), false, answer.text);
          assert.equal(answer.text.includes('other@example.com'), false, answer.text);
          assert.equal(answer.text.includes('@'), false, answer.text);
        }
      });
    });
  }
});
