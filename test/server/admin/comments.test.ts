// The moderators' lists and actions: what each list holds, search, a comment in detail, approve, spam, delete,
// restore and edit, one by one and in bulk; each change reaches readers at once and tells listeners.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  AdminComment,
  BulkActionResponse,
  CommentActionResponse,
  CommentDetailResponse,
  CommentListResponse,
} from '../../../src/protocol/admin.js';
import { CommentEvents, type CommentEvent } from '../../../src/server/events.js';
import {
  backends,
  countsPath,
  listPage,
  postComment,
  storedComment,
  uniqueThread,
  useFreshDatabase,
  type TestApp,
} from '../http/helpers.js';
import { adminApp, assertAdminError, setPassword, signIn, type Moderator } from './helpers.js';

const ids = (answer: { body: unknown }) => (answer.body as CommentListResponse).comments.map((c) => c.id);

describe('admin comments', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      /** An app that holds every comment, a moderator signed in to it, and the events it emits. */
      async function setUp(options: Parameters<typeof adminApp>[1] = {}) {
        await setPassword(database().store);
        const events: CommentEvent[] = [];
        const emitter = new CommentEvents();
        emitter.listen((event) => events.push(event));
        const app = adminApp(database(), { moderation: 'all', events: emitter, ...options });
        return { app, moderator: await signIn(app), events };
      }

      /** A comment posted by a reader at `address` and held, with everything a moderator looks at. */
      async function heldComment(
        app: TestApp,
        fields: Parameters<typeof postComment>[1] = {},
        address = '203.0.113.9',
      ) {
        const answer = await app.request('/api/v1/comments', {
          method: 'POST',
          json: { thread: uniqueThread(), name: 'Ada', text: 'Held for a moderator.', ...fields },
          clientAddress: address,
        });
        assert.equal(answer.status, 202, answer.text);
        return (answer.body as { comment: { id: string; thread: string } }).comment;
      }

      async function act(moderator: Moderator, id: string, action: string) {
        const answer = await moderator.send('POST', `/admin/api/comments/${id}/${action}`);
        assert.equal(answer.status, 200, answer.text);
        return answer.body as CommentActionResponse;
      }

      it('lists each queue newest first with the counts for its badges; reported ones on their own', async () => {
        const { app, moderator } = await setUp();
        const store = database().store;
        const before = await moderator.counts();
        const pending = await heldComment(app);
        app.clock.advance(1000);
        const reported = await heldComment(app);
        await store.addReport({
          id: `rep_${reported.id}`,
          commentId: reported.id,
          reason: 'abuse',
          clientKey: '198.51.100.1',
          createdAt: app.clock.iso(),
        });
        app.clock.advance(1000);
        const spam = await heldComment(app);
        await store.setStatus(spam.id, { status: 'spam', reason: 'spam: honeypot', at: app.clock.iso() });

        const queue = await moderator.get('/admin/api/comments?queue=pending');
        assert.equal(queue.status, 200, queue.text);
        assert.deepEqual(ids(queue).slice(0, 2), [reported.id, pending.id]);
        assert.deepEqual(ids(await moderator.get('/admin/api/comments?queue=reported')).slice(0, 1), [
          reported.id,
        ]);
        assert.deepEqual(ids(await moderator.get('/admin/api/comments?queue=spam')).slice(0, 1), [spam.id]);
        assert.deepEqual(ids(await moderator.get('/admin/api/comments?queue=recent')).slice(0, 3), [
          spam.id,
          reported.id,
          pending.id,
        ]);
        const { counts } = queue.body as CommentListResponse;
        assert.equal(counts.pending, before.pending + 2);
        assert.equal(counts.spam, before.spam + 1);
        assert.equal(counts.reported, before.reported + 1);
        const shown = (queue.body as CommentListResponse).comments[0] as AdminComment;
        assert.equal(shown.reportCount, 1);
        assert.equal(shown.author.ip, '203.0.113.9');
      });

      it('pages a list with `before`, never repeating a comment', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const posted: string[] = [];
        for (let index = 0; index < 5; index++) {
          app.clock.advance(1000);
          posted.unshift((await heldComment(app, { thread })).id);
        }
        const seen: string[] = [];
        let path = `/admin/api/comments?queue=recent&limit=2&thread=${encodeURIComponent(thread)}`;
        for (let page = 0; page < 5; page++) {
          const answer = await moderator.get(path);
          assert.equal(answer.status, 200, answer.text);
          const body = answer.body as CommentListResponse;
          seen.push(...body.comments.map((comment) => comment.id));
          if (!body.next) break;
          path = `/admin/api/comments?queue=recent&limit=2&thread=${encodeURIComponent(thread)}&before=${encodeURIComponent(body.next)}`;
        }
        assert.deepEqual(seen, posted);
        assertAdminError(
          await moderator.get('/admin/api/comments?before=nonsense'),
          400,
          'bad_request',
          'before',
        );
        assertAdminError(
          await moderator.get('/admin/api/comments?queue=everything'),
          400,
          'bad_request',
          'queue',
        );
        assertAdminError(await moderator.get('/admin/api/comments?limit=500'), 400, 'bad_request', 'limit');
      });

      it('searches text, author, e-mail address and thread', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const marker = `zebra${Date.now()}`;
        const byText = await heldComment(app, { text: `A ${marker.toUpperCase()} crossing`, thread });
        const byName = await heldComment(app, { name: `Grace ${marker}` });
        const byEmail = await heldComment(app, { email: `${marker}@example.com` });
        const search = (query: string) => moderator.get(`/admin/api/comments?${query}`).then(ids);
        assert.deepEqual((await search(`q=${marker}`)).sort(), [byText.id, byName.id, byEmail.id].sort());
        assert.deepEqual(await search(`email=${marker.toUpperCase()}%40EXAMPLE.COM`), [byEmail.id]);
        assert.deepEqual(await search(`thread=${encodeURIComponent(thread)}`), [byText.id]);
        assert.deepEqual(await search(`q=${encodeURIComponent(thread)}`), [byText.id]);
        assert.deepEqual(await search(`q=${marker}&queue=spam`), []);
        assert.deepEqual(await search(`q=100%25${marker}`), [], '% is searched for as itself');
      });

      it('shows a comment with its thread, reason, e-mail and IP address, the author’s earlier comments and its reports', async () => {
        const { app, moderator } = await setUp({ siteUrl: 'https://blog.example.com/' });
        const email = `earlier-${Date.now()}@example.com`;
        const first = await heldComment(app, { email, text: 'My first.' });
        app.clock.advance(1000);
        await heldComment(app, { email: 'someone-else@example.com' });
        app.clock.advance(1000);
        const second = await heldComment(
          app,
          { email: email.toUpperCase(), text: 'My second.' },
          '2001:db8::7',
        );
        await database().store.addReport({
          id: `rep_${second.id}`,
          commentId: second.id,
          reason: 'spam',
          clientKey: '198.51.100.2',
          createdAt: app.clock.iso(),
        });
        const answer = await moderator.get(`/admin/api/comments/${second.id}`);
        assert.equal(answer.status, 200, answer.text);
        const detail = answer.body as CommentDetailResponse;
        assert.equal(detail.comment.author.email, email.toUpperCase());
        assert.equal(detail.comment.author.ip, '2001:db8::7');
        assert.equal(detail.comment.reason, 'held: every comment is moderated');
        assert.equal(detail.comment.pageUrl, `https://blog.example.com${second.thread}`);
        assert.deepEqual(detail.thread, {
          key: second.thread,
          url: `https://blog.example.com${second.thread}`,
          count: 0,
          locked: false,
          moderation: null,
        });
        assert.deepEqual(
          detail.earlier.map((comment) => comment.id),
          [first.id],
        );
        assert.deepEqual(
          detail.reports.map(({ reason }) => reason),
          ['spam'],
        );
        assert.equal('clientKey' in (detail.reports[0] ?? {}), false, 'who reported stays unsaid');
        assertAdminError(await moderator.get('/admin/api/comments/c_nobody'), 404, 'not_found');
        assertAdminError(await moderator.get('/admin/api/comments/not%20an%20id'), 404, 'not_found');
      });

      it('approves: the comment is listed and counted at once (no stale page), and listeners hear "approved"', async () => {
        const { app, moderator, events } = await setUp();
        const held = await heldComment(app);
        // A reader's page and count, cached before the decision.
        assert.equal((await listPage(app, { thread: held.thread })).comments.length, 0);
        assert.deepEqual((await app.request(countsPath([held.thread]))).body, {
          counts: { [held.thread]: 0 },
        });
        const pendingBefore = (await moderator.counts()).pending;

        const answer = await act(moderator, held.id, 'approve');
        assert.equal(answer.comment.status, 'published');
        assert.equal(answer.comment.reason, null);
        assert.equal(answer.counts.pending, pendingBefore - 1);
        const page = await listPage(app, { thread: held.thread });
        assert.deepEqual(
          page.comments.map((comment) => comment.id),
          [held.id],
        );
        assert.equal(page.thread.count, 1);
        assert.deepEqual((await app.request(countsPath([held.thread]))).body, {
          counts: { [held.thread]: 1 },
        });
        assert.deepEqual(
          events.filter((event) => event.comment.id === held.id).map((event) => event.type),
          ['held', 'approved'],
        );

        // Approving it again changes nothing and tells no one.
        await act(moderator, held.id, 'approve');
        assert.equal(events.filter((event) => event.comment.id === held.id).length, 2);
      });

      it('keeps a reported comment: approving it clears its reports, takes it off the reported queue and keeps it listed', async () => {
        const { app, moderator, events } = await setUp({ moderation: 'open' });
        const store = database().store;
        const answer = await app.request('/api/v1/comments', {
          method: 'POST',
          json: { thread: uniqueThread(), name: 'Ada', text: 'Reported, but fair.' },
        });
        assert.equal(answer.status, 201, answer.text);
        const { id, thread } = (answer.body as { comment: { id: string; thread: string } }).comment;
        const report = (client: string) =>
          store.addReport({
            id: `rep_${id}_${client}`,
            commentId: id,
            reason: 'spam',
            clientKey: client,
            createdAt: app.clock.iso(),
          });
        await report('198.51.100.1');
        await report('198.51.100.2');
        const reportedBefore = (await moderator.counts()).reported;

        const kept = await act(moderator, id, 'approve');
        assert.equal(kept.comment.status, 'published');
        assert.equal(kept.comment.reportCount, 0);
        assert.equal(kept.counts.reported, reportedBefore - 1);
        assert.equal(ids(await moderator.get('/admin/api/comments?queue=reported')).includes(id), false);
        assert.deepEqual(
          (await listPage(app, { thread })).comments.map((comment) => comment.id),
          [id],
        );
        assert.deepEqual(
          events.filter((event) => event.comment.id === id).map((event) => event.type),
          ['published', 'approved'],
        );
        // The reports stay on record; a new one puts the comment back in the queue, counted from one.
        assert.equal((await store.reportsOf(id)).length, 2);
        app.clock.advance(1000);
        assert.deepEqual(await report('198.51.100.3'), { outcome: 'added', reportCount: 1 });
        assert.equal(ids(await moderator.get('/admin/api/comments?queue=reported')).includes(id), true);
      });

      it('marks as spam, deletes and restores: out of the thread, back to the queue, each heard as "moderated"', async () => {
        const { app, moderator, events } = await setUp({ moderation: 'open' });
        const { comment } = await postComment(app);
        assert.equal((await listPage(app, { thread: comment.thread })).thread.count, 1);

        const spam = await act(moderator, comment.id, 'spam');
        assert.deepEqual([spam.comment.status, spam.comment.reason], ['spam', 'spam: marked by a moderator']);
        assert.equal((await listPage(app, { thread: comment.thread })).thread.count, 0);
        assertAdminError(await app.request(`/api/v1/comments/${comment.id}`), 404, 'not_found');

        const restored = await act(moderator, comment.id, 'restore');
        assert.equal(restored.comment.status, 'pending');
        const deleted = await act(moderator, comment.id, 'delete');
        assert.equal(deleted.comment.status, 'deleted');
        assert.ok(deleted.comment.moderatedAt);
        assert.equal((await act(moderator, comment.id, 'approve')).comment.status, 'published');
        assert.equal((await listPage(app, { thread: comment.thread })).thread.count, 1);
        assert.deepEqual(
          events.filter((event) => event.comment.id === comment.id).map((event) => event.type),
          ['published', 'moderated', 'moderated', 'moderated', 'approved'],
        );
        assertAdminError(
          await moderator.send('POST', `/admin/api/comments/${comment.id}/publish`),
          404,
          'not_found',
        );
        assertAdminError(
          await moderator.send('POST', '/admin/api/comments/c_nobody/approve'),
          404,
          'not_found',
        );
      });

      it('applies one action to many comments at once, and says which no longer exist', async () => {
        const { app, moderator, events } = await setUp();
        const held = [await heldComment(app), await heldComment(app), await heldComment(app)];
        const answer = await moderator.send('POST', '/admin/api/comments/bulk', {
          action: 'approve',
          ids: [...held.map((comment) => comment.id), 'c_gone', held[0]?.id],
        });
        assert.equal(answer.status, 200, answer.text);
        const body = answer.body as BulkActionResponse;
        assert.deepEqual(
          body.done,
          held.map((comment) => comment.id),
        );
        assert.deepEqual(body.notFound, ['c_gone']);
        for (const comment of held) {
          assert.equal((await listPage(app, { thread: comment.thread })).thread.count, 1);
        }
        assert.equal(events.filter((event) => event.type === 'approved').length, 3);
        assert.equal(body.counts.pending, (await moderator.counts()).pending);

        const tooMany = Array.from({ length: 101 }, (_, index) => `c_${index}`);
        for (const json of [
          { action: 'approve', ids: tooMany },
          { action: 'approve', ids: [] },
          { action: 'publish', ids: ['c_1'] },
          { action: 'spam', ids: ['not an id'] },
        ]) {
          assertAdminError(
            await moderator.send('POST', '/admin/api/comments/bulk', json),
            400,
            'bad_request',
          );
        }
      });

      it('edits the text, keeping the status; readers see the new text at once, marked as edited', async () => {
        const { app, moderator } = await setUp({ moderation: 'open', maxTextLength: 100 });
        const { comment } = await postComment(app, { text: 'A rude word here.' });
        await listPage(app, { thread: comment.thread });
        app.clock.advance(60_000);
        const answer = await moderator.send('PATCH', `/admin/api/comments/${comment.id}`, {
          text: 'A **** word here.\r\n',
        });
        assert.equal(answer.status, 200, answer.text);
        const edited = (answer.body as CommentActionResponse).comment;
        assert.deepEqual(
          [edited.text, edited.status, edited.editedAt],
          ['A **** word here.', 'published', app.clock.iso()],
        );
        const shown = (await listPage(app, { thread: comment.thread })).comments[0];
        assert.deepEqual([shown?.text, shown?.editedAt], ['A **** word here.', app.clock.iso()]);
        assertAdminError(
          await moderator.send('PATCH', `/admin/api/comments/${comment.id}`, { text: 'x'.repeat(101) }),
          422,
          'validation_failed',
          'text',
        );
        assertAdminError(
          await moderator.send('PATCH', `/admin/api/comments/${comment.id}`, { text: '   ' }),
          422,
          'validation_failed',
          'text',
        );
      });

      it('shows e-mail and IP addresses only in admin answers, never in a public one', async () => {
        const { app, moderator } = await setUp({ moderation: 'open' });
        const email = `private-${Date.now()}@example.com`;
        const address = '192.0.2.201';
        const posted = await app.request('/api/v1/comments', {
          method: 'POST',
          json: { thread: uniqueThread(), name: 'Ada', email, text: 'Published with an address.' },
          clientAddress: address,
        });
        const { comment, secret } = posted.body as {
          comment: { id: string; thread: string };
          secret: string;
        };
        const reply = await app.request('/api/v1/comments', {
          method: 'POST',
          json: { thread: comment.thread, parent: comment.id, name: 'Bo', text: 'A reply.' },
          clientAddress: address,
        });
        const publicAnswers = [
          posted,
          reply,
          await app.request(`/api/v1/comments?thread=${encodeURIComponent(comment.thread)}`),
          await app.request(`/api/v1/comments/${comment.id}`),
          await app.request(`/api/v1/comments/${comment.id}`, {
            headers: { authorization: `Bearer ${secret}` },
          }),
          await app.request(countsPath([comment.thread])),
          await app.request(`/api/v1/comments/${comment.id}`, {
            method: 'PATCH',
            json: { text: 'Edited.' },
            headers: { authorization: `Bearer ${secret}` },
          }),
        ];
        for (const answer of publicAnswers) {
          assert.ok(answer.status < 300, answer.text);
          assert.doesNotMatch(
            answer.text,
            new RegExp(`${email}|${address.replace(/\./g, '\\.')}`),
            answer.text,
          );
        }
        const admin = await moderator.get(`/admin/api/comments?q=${encodeURIComponent(email)}`);
        assert.match(admin.text, new RegExp(email));
        assert.match(admin.text, new RegExp(address.replace(/\./g, '\\.')));
      });

      it('links each comment to its page: on --site-url, else the first allowed origin, else the server itself', async () => {
        await setPassword(database().store);
        const thread = uniqueThread();
        await database().store.insertComment(storedComment({ thread, status: 'pending' }));
        const urlOf = async (options: Parameters<typeof adminApp>[1]) => {
          const app = adminApp(database(), options);
          const moderator = await signIn(app);
          const answer = await moderator.get(`/admin/api/comments?thread=${encodeURIComponent(thread)}`);
          return (answer.body as CommentListResponse).comments[0]?.pageUrl;
        };
        assert.equal(
          await urlOf({ siteUrl: 'https://blog.example.com/journal/' }),
          `https://blog.example.com${thread}`,
        );
        assert.equal(
          await urlOf({ origins: ['*', 'https://other.example'] }),
          `https://other.example${thread}`,
        );
        assert.equal(await urlOf({}), thread);

        for (const [key, url] of [
          ['//evil.example/x', 'https://blog.example.com/evil.example/x'],
          ['javascript:alert(1)', 'https://blog.example.com/javascript:alert(1)'],
          ['https://blog.example.com/full', 'https://blog.example.com/full'],
        ]) {
          await database().store.insertComment(storedComment({ thread: key, status: 'pending' }));
          const app = adminApp(database(), { siteUrl: 'https://blog.example.com' });
          const moderator = await signIn(app);
          const answer = await moderator.get(`/admin/api/comments?thread=${encodeURIComponent(key)}`);
          assert.equal((answer.body as CommentListResponse).comments[0]?.pageUrl, url, key);
        }
      });
    });
  }
});
