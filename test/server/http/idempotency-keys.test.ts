import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { NewComment, PostCommentResponse } from '../../../src/protocol/types.js';
import {
  assertError,
  backends,
  listPage,
  listPath,
  newComment,
  patch,
  post,
  uniqueThread,
  useFreshDatabase,
  type Answer,
  type TestApp,
} from './helpers.js';

const minute = 60_000;
const day = 24 * 60 * minute;

/** A key as the widget makes it: 128 random bits, base64url. */
const newKey = (): string => randomBytes(16).toString('base64url');

/** A comment with a key of its own. */
function keyedComment(fields: Partial<NewComment> = {}): NewComment {
  return newComment({ idempotencyKey: newKey(), ...fields });
}

const bodyOf = (answer: Answer): PostCommentResponse => answer.body as PostCommentResponse;

/** How many comments the thread lists. */
async function countOf(app: TestApp, thread: string): Promise<number> {
  return (await listPage(app, { thread })).thread.count;
}

describe('idempotency keys of posts', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('answers a post sent again with its key as the first time, and stores it once', async () => {
        const app = database().app();
        const comment = keyedComment({ email: 'ada@example.com' });
        const first = await post(app, comment);
        assert.equal(first.status, 201, first.text);
        app.clock.advance(5 * minute);
        const again = await post(app, comment);
        assert.equal(again.status, 201, again.text);
        const { trust: firstTrust, ...firstBody } = bodyOf(first);
        const { trust: againTrust, ...againBody } = bodyOf(again);
        assert.deepEqual(againBody, firstBody, 'the same comment, secret and edit window');
        assert.equal(typeof firstTrust, 'string');
        assert.equal(
          typeof againTrust,
          'string',
          'a published comment with an address brings a trust token again',
        );
        assert.equal(again.headers.get('cache-control'), 'no-store');
        assert.equal(await countOf(app, comment.thread), 1);
        // The secret the repeat gave is the comment's.
        const edit = await patch(app, firstBody.comment.id, { text: 'Edited.' }, againBody.secret);
        assert.equal(edit.status, 200, edit.text);
      });

      it('answers a held post sent again 202, with the same comment and secret', async () => {
        const app = database().app({ moderation: 'all' });
        const comment = keyedComment();
        const first = await post(app, comment);
        const again = await post(app, comment);
        assert.equal(first.status, 202, first.text);
        assert.equal(again.status, 202, again.text);
        assert.deepEqual(again.body, first.body);
        assert.equal(bodyOf(again).comment.status, 'pending');
      });

      it('answers with the comment as it is now, a moderator having published it since', async () => {
        const app = database().app({ moderation: 'all' });
        const comment = keyedComment();
        const first = bodyOf(await post(app, comment));
        await app.store.setStatus(first.comment.id, {
          status: 'published',
          reason: null,
          at: app.clock.iso(),
        });
        const again = await post(app, comment);
        assert.equal(again.status, 201, again.text);
        assert.equal(bodyOf(again).comment.id, first.comment.id);
        assert.equal(bodyOf(again).secret, first.secret);
      });

      it('takes the same comment with another form token, honeypot or notify as a repeat', async () => {
        const app = database().app();
        const comment = keyedComment({ text: 'Line one\r\nline two  ' });
        const first = bodyOf(await post(app, comment));
        const again = await post(app, {
          ...comment,
          text: 'Line one\nline two',
          formToken: 'another',
          honeypot: '',
          notify: true,
        });
        assert.equal(again.status, 201, again.text);
        assert.equal(bodyOf(again).comment.id, first.comment.id, 'the same comment once normalised');
        assert.equal(await countOf(app, comment.thread), 1);
      });

      it('refuses a key sent again with another comment: 422, nothing stored', async () => {
        const app = database().app();
        const comment = keyedComment();
        assert.equal((await post(app, comment)).status, 201);
        const otherThread = uniqueThread();
        const changes: Partial<NewComment>[] = [
          { text: 'Another text.' },
          { name: 'Grace' },
          { email: 'ada@example.com' },
          { url: 'https://ada.example/' },
          { thread: otherThread },
        ];
        for (const change of changes) {
          const answer = await post(app, { ...comment, ...change });
          assertError(answer, 422, 'validation_failed', 'idempotencyKey', JSON.stringify(change));
        }
        assert.equal(await countOf(app, comment.thread), 1);
        assert.equal(await countOf(app, otherThread), 0);
      });

      it('refuses a malformed key with 400 and stores nothing', async () => {
        const app = database().app();
        const thread = uniqueThread();
        const malformed: unknown[] = [
          '',
          'short',
          'a'.repeat(21),
          'a'.repeat(129),
          `${'a'.repeat(22)} `,
          `${'a'.repeat(22)}=`,
          `${'a'.repeat(22)}/`,
          `${'a'.repeat(22)}é`,
          `${'a'.repeat(22)}\n`,
          42,
          true,
          ['a'.repeat(22)],
          { key: 'a'.repeat(22) },
        ];
        for (const idempotencyKey of malformed) {
          const answer = await post(app, { ...newComment({ thread }), idempotencyKey });
          assertError(answer, 400, 'bad_request', 'idempotencyKey', JSON.stringify(idempotencyKey));
        }
        assert.equal(await countOf(app, thread), 0);
        // The shortest and longest keys it takes, a UUID among them; `null` is no key at all.
        for (const idempotencyKey of ['a'.repeat(22), 'Z'.repeat(128), randomUUID(), null]) {
          const answer = await post(app, { ...newComment({ thread }), idempotencyKey });
          assert.equal(answer.status, 201, `${idempotencyKey}: ${answer.text}`);
        }
      });

      it('stores one comment when the same post arrives many times at once', async () => {
        const app = database().app();
        const comment = keyedComment();
        const answers = await Promise.all(Array.from({ length: 12 }, () => post(app, comment)));
        for (const answer of answers) assert.equal(answer.status, 201, answer.text);
        assert.equal(new Set(answers.map((answer) => bodyOf(answer).comment.id)).size, 1);
        assert.equal(new Set(answers.map((answer) => bodyOf(answer).secret)).size, 1);
        assert.equal(await countOf(app, comment.thread), 1);
      });

      it('counts a repeat against the thread limit once', async () => {
        const app = database().app({ threadRateLimit: 2 });
        const thread = uniqueThread();
        const comment = keyedComment({ thread });
        for (let sent = 0; sent < 5; sent++) assert.equal((await post(app, comment)).status, 201);
        assert.equal((await post(app, keyedComment({ thread }))).status, 201);
        assertError(await post(app, keyedComment({ thread })), 429, 'rate_limited');
      });

      it('makes a new comment of a key sent again after it expired, a day later', async () => {
        const app = database().app();
        const comment = keyedComment();
        const first = bodyOf(await post(app, comment));
        app.clock.advance(day - 1000);
        assert.equal(
          bodyOf(await post(app, comment)).comment.id,
          first.comment.id,
          'still known a second before',
        );
        app.clock.advance(1000);
        const later = await post(app, comment);
        assert.equal(later.status, 201, later.text);
        assert.notEqual(bodyOf(later).comment.id, first.comment.id);
        assert.equal(await countOf(app, comment.thread), 2);
        // The key names the new comment from now on.
        assert.equal(bodyOf(await post(app, comment)).comment.id, bodyOf(later).comment.id);
      });

      it('keeps a key for the edit window when that is longer than a day', async () => {
        const app = database().app({ editWindowMinutes: 2 * 24 * 60 });
        const comment = keyedComment();
        const first = bodyOf(await post(app, comment));
        app.clock.advance(2 * day - 1000);
        assert.equal(bodyOf(await post(app, comment)).comment.id, first.comment.id);
      });

      it('keeps a day of keys, however many posts there are', async () => {
        const app = database().app();
        const thread = uniqueThread();
        // Four days of a post an hour: a day holds 24.
        const posted = new Set<string>();
        for (let sent = 0; sent < 4 * 24; sent++) {
          const answer = await post(app, keyedComment({ thread, text: `Comment ${sent}` }));
          assert.equal(answer.status, 201, answer.text);
          posted.add(bodyOf(answer).comment.id);
          app.clock.advance(60 * minute);
        }
        assert.equal(await countOf(app, thread), posted.size);
        const rows = await database().rawRows('post_keys');
        const kept = rows.filter((row) => posted.has(String(row.comment_id))).length;
        assert.equal(kept, 24, `${kept} keys kept of ${posted.size} posts`);
      });

      it('keeps only hashes: no row holds the key or the secret, and no answer the key', async () => {
        const app = database().app();
        const comment = keyedComment();
        const key = comment.idempotencyKey ?? '';
        const { comment: posted, secret } = bodyOf(await post(app, comment));
        const rows = await database().rawRows('post_keys');
        const row = rows.find((candidate) => candidate.comment_id === posted.id);
        assert.ok(row, 'the key is kept with its comment');
        const stored = JSON.stringify([row, await database().rawComment(posted.id)]);
        assert.equal(stored.includes(key), false, 'no column holds the key');
        assert.equal(stored.includes(secret), false, 'no column holds the secret');
        const listing = await app.request(listPath({ thread: comment.thread }));
        const one = await app.request(`/api/v1/comments/${posted.id}`);
        assert.equal(`${listing.text}${one.text}`.includes(key), false);
      });

      it('makes a different secret for each comment, even under one key', async () => {
        const app = database().app();
        const key = newKey();
        const first = bodyOf(await post(app, newComment({ idempotencyKey: key })));
        app.clock.advance(day);
        const second = bodyOf(await post(app, newComment({ idempotencyKey: key })));
        const unkeyed = bodyOf(await post(app, newComment()));
        assert.equal(new Set([first.secret, second.secret, unkeyed.secret]).size, 3);
        for (const { secret } of [first, second]) assert.match(secret, /^[A-Za-z0-9_-]{32}$/);
      });

      it('forgets the key of a comment its author deleted', async () => {
        const app = database().app();
        const comment = keyedComment();
        const { comment: posted, secret } = bodyOf(await post(app, comment));
        const deletion = await app.request(`/api/v1/comments/${posted.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${secret}` },
        });
        assert.equal(deletion.status, 204);
        const rows = await database().rawRows('post_keys');
        assert.equal(
          rows.some((row) => row.comment_id === posted.id),
          false,
        );
      });
    });
  }
});
