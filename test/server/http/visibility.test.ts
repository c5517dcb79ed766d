// No public answer ever shows a comment that is pending, spam or deleted, nor anyone's e-mail address or IP
// address: listings, counts and single reads, whoever asks, with any query.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GetCommentResponse, ListCommentsResponse } from '../../../src/protocol/types.js';
import type { StoredStatus } from '../../../src/server/storage/store.js';
import {
  backends,
  countsPath,
  listPage,
  listPath,
  postComment,
  uniqueThread,
  useFreshDatabase,
  type Answer,
} from './helpers.js';

const statuses: readonly StoredStatus[] = ['pending', 'spam', 'deleted'];

describe('visibility of moderated comments', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('shows only published comments, and never an e-mail or IP address, in any public answer', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const email = 'Hidden.Author@example.com';
        const ip = '203.0.113.77';
        const visible = await postComment(app, { thread, email, text: 'Shown.' });
        const hidden = new Map<StoredStatus, { id: string; secret: string }>();
        for (const status of statuses) {
          const posted = await postComment(app, { thread, email, text: `Was ${status}.` });
          const reply = await postComment(app, {
            thread,
            parent: posted.comment.id,
            text: `Under ${status}.`,
          });
          await app.store.setStatus(posted.comment.id, {
            status,
            reason: `${status}: test`,
            at: app.clock.iso(),
          });
          hidden.set(status, { id: posted.comment.id, secret: posted.secret });
          hidden.set(`${status}-reply` as StoredStatus, { id: reply.comment.id, secret: reply.secret });
        }
        const answers: Answer[] = [];
        for (const sort of ['oldest', 'newest'] as const) {
          for (const limit of [1, 100]) answers.push(await app.request(listPath({ thread, sort, limit })));
        }
        answers.push(await app.request(countsPath([thread])));
        const page = await listPage(app, { thread });
        assert.deepEqual(
          page.comments.map((comment) => comment.id),
          [visible.comment.id],
        );
        assert.equal(page.thread.count, 1);
        assert.deepEqual((answers.at(-1)!.body as { counts: object }).counts, { [thread]: 1 });

        for (const [status, { id }] of hidden) {
          const read = await app.request(`/api/v1/comments/${id}`);
          assert.equal(read.status, 404, `${status}: ${read.text}`);
          answers.push(read);
        }
        const shown = await app.request(`/api/v1/comments/${visible.comment.id}`);
        assert.equal(shown.status, 200);
        answers.push(shown);
        for (const answer of answers) {
          for (const status of statuses)
            assert.equal(answer.text.includes(`Was ${status}.`), false, answer.text);
          assert.equal(answer.text.toLowerCase().includes(email.toLowerCase()), false, answer.text);
          assert.equal(answer.text.includes(ip), false, answer.text);
          assert.equal(/reason|author_?ip|authorIp/i.test(answer.text), false, answer.text);
        }
      });

      it('lets the author of a held or spam comment read it as pending, and nobody read a deleted one', async () => {
        const app = database().app();
        const thread = uniqueThread();
        for (const status of statuses) {
          const { comment, secret } = await postComment(app, { thread, text: `Mine, ${status}.` });
          await app.store.setStatus(comment.id, { status, reason: `${status}: test`, at: app.clock.iso() });
          const read = await app.request(`/api/v1/comments/${comment.id}`, {
            headers: { authorization: `Bearer ${secret}` },
          });
          if (status === 'deleted') {
            assert.equal(read.status, 404, read.text);
            continue;
          }
          assert.equal(read.status, 200, read.text);
          // A bot is not told it was caught: spam reads as pending, and the reason stays with the moderators.
          assert.equal((read.body as GetCommentResponse).comment.status, 'pending');
          assert.equal(read.text.includes('test'), false, read.text);
        }
      });

      // Straight through the store, as another instance or `natter admin` would: this app's cached pages may lag by
      // their two seconds (the admin API, in-process, invalidates them at once; its own tests check that).
      it('takes a comment out of listings and counts when its status changes, and back when published', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const { comment } = await postComment(app, { thread });
        assert.equal((await listPage(app, { thread })).thread.count, 1);
        for (const status of statuses) {
          await app.store.setStatus(comment.id, { status, reason: null, at: app.clock.iso() });
          app.clock.advance(2_001);
          const page = (await app.request(listPath({ thread }))).body as ListCommentsResponse;
          assert.deepEqual([page.comments.length, page.thread.count], [0, 0], status);
          await app.store.setStatus(comment.id, { status: 'published', reason: null, at: app.clock.iso() });
          app.clock.advance(2_001);
          assert.equal((await listPage(app, { thread })).thread.count, 1, `${status} → published`);
        }
      });
    });
  }
});
