// Threads (lock, unlock, their own moderation mode), the site's read-only switch and the block- and allow-list, as
// moderators change them from the admin API.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  RuleListResponse,
  RuleResponse,
  SiteResponse,
  ThreadResponse,
} from '../../../src/protocol/admin.js';
import { backends, listPage, post, postComment, uniqueThread, useFreshDatabase } from '../http/helpers.js';
import { adminApp, assertAdminError, setPassword, signIn } from './helpers.js';

describe('admin threads, site and rules', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      async function setUp(options: Parameters<typeof adminApp>[1] = {}) {
        await setPassword(database().store);
        const app = adminApp(database(), options);
        return { app, moderator: await signIn(app) };
      }

      it('locks and unlocks a thread: readers see it at once, and posts are refused while locked', async () => {
        const { app, moderator } = await setUp({ siteUrl: 'https://blog.example.com' });
        const { comment } = await postComment(app);
        assert.equal((await listPage(app, { thread: comment.thread })).thread.locked, false);

        const locked = await moderator.send('PATCH', '/admin/api/threads', {
          key: comment.thread,
          locked: true,
        });
        assert.equal(locked.status, 200, locked.text);
        assert.deepEqual((locked.body as ThreadResponse).thread, {
          key: comment.thread,
          url: `https://blog.example.com${comment.thread}`,
          count: 1,
          locked: true,
          moderation: null,
        });
        assert.equal((await listPage(app, { thread: comment.thread })).thread.locked, true);
        assertAdminError(
          await post(app, { thread: comment.thread, name: 'A', text: 'B' }),
          403,
          'thread_locked',
        );

        await moderator.send('PATCH', '/admin/api/threads', { key: comment.thread, locked: false });
        assert.equal((await listPage(app, { thread: comment.thread })).thread.locked, false);
        const read = await moderator.get(`/admin/api/threads?key=${encodeURIComponent(comment.thread)}`);
        assert.equal((read.body as ThreadResponse).thread.locked, false);
      });

      it('gives a thread its own moderation mode, and the server’s again', async () => {
        const { app, moderator } = await setUp({ moderation: 'open' });
        const thread = uniqueThread();
        const changed = await moderator.send('PATCH', '/admin/api/threads', {
          key: thread,
          moderation: 'all',
        });
        assert.equal((changed.body as ThreadResponse).thread.moderation, 'all');
        assert.equal((await post(app, { thread, name: 'A', text: 'Held here.' })).status, 202);
        await moderator.send('PATCH', '/admin/api/threads', { key: thread, moderation: null });
        assert.equal((await post(app, { thread, name: 'A', text: 'Open again.' })).status, 201);
        for (const json of [
          { key: thread, moderation: 'sometimes' },
          { key: '', locked: true },
          { key: thread, locked: 'yes' },
        ]) {
          assertAdminError(await moderator.send('PATCH', '/admin/api/threads', json), 400, 'bad_request');
        }
      });

      it('makes the whole site read-only and back: every thread reads locked at once, posts are refused', async () => {
        const { app, moderator } = await setUp({ moderation: 'first-time' });
        const thread = uniqueThread();
        assert.equal((await listPage(app, { thread })).thread.locked, false);
        const on = await moderator.send('PATCH', '/admin/api/site', { readOnly: true });
        assert.deepEqual(on.body as SiteResponse, {
          readOnly: true,
          moderation: 'first-time',
          siteUrl: null,
        });
        assert.equal((await listPage(app, { thread })).thread.locked, true, 'no cached page says otherwise');
        assertAdminError(await post(app, { thread, name: 'A', text: 'B' }), 403, 'thread_locked');
        const off = await moderator.send('PATCH', '/admin/api/site', { readOnly: false });
        assert.equal((off.body as SiteResponse).readOnly, false);
        assert.equal((await listPage(app, { thread })).thread.locked, false);
        assert.equal(((await moderator.get('/admin/api/site')).body as SiteResponse).readOnly, false);
      });

      it('adds, lists and removes rules, storing each pattern as its kind is compared', async () => {
        const { app, moderator } = await setUp();
        const added: string[] = [];
        for (const [json, pattern] of [
          [{ kind: 'word', pattern: '  cheap pills ', action: 'spam', note: 'seen daily' }, 'cheap pills'],
          [{ kind: 'domain', pattern: '*.Spam.Example', action: 'spam' }, 'spam.example'],
          [{ kind: 'domain', pattern: 'bücher.example', action: 'pending' }, 'xn--bcher-kva.example'],
          [{ kind: 'email', pattern: 'Friend@Example.com', action: 'publish' }, 'friend@example.com'],
          [{ kind: 'ip', pattern: '203.0.113.0/24', action: 'spam' }, '203.0.113.0/24'],
          [{ kind: 'ip', pattern: '2001:DB8::1', action: 'spam' }, '2001:db8::1'],
          [{ kind: 'name', pattern: 'Mallory', action: 'pending', note: '' }, 'Mallory'],
        ] as const) {
          app.clock.advance(1000);
          const answer = await moderator.send('POST', '/admin/api/rules', json);
          assert.equal(answer.status, 201, answer.text);
          const { rule } = answer.body as RuleResponse;
          assert.equal(rule.pattern, pattern);
          assert.equal(rule.createdAt, app.clock.iso());
          added.push(rule.id);
        }
        const listed = (await moderator.get('/admin/api/rules')).body as RuleListResponse;
        assert.deepEqual(
          listed.rules.filter((rule) => added.includes(rule.id)).map((rule) => rule.note),
          ['seen daily', null, null, null, null, null, null],
        );
        const removed = await moderator.send('DELETE', `/admin/api/rules/${added[0]}`);
        assert.equal(removed.status, 204);
        assertAdminError(await moderator.send('DELETE', `/admin/api/rules/${added[0]}`), 404, 'not_found');
        const after = (await moderator.get('/admin/api/rules')).body as RuleListResponse;
        assert.equal(
          after.rules.some((rule) => rule.id === added[0]),
          false,
        );
      });

      it('refuses a rule whose pattern is not of its kind, naming the pattern', async () => {
        const { moderator } = await setUp();
        for (const json of [
          { kind: 'ip', pattern: '300.1.1.1', action: 'spam' },
          { kind: 'ip', pattern: '0x7f.1', action: 'spam' },
          { kind: 'domain', pattern: 'https://spam.example/path', action: 'spam' },
          { kind: 'domain', pattern: 'localhost', action: 'spam' },
          { kind: 'email', pattern: 'no-at-sign', action: 'spam' },
          { kind: 'word', pattern: '   ', action: 'spam' },
          { kind: 'word', pattern: 'tab\there', action: 'spam' },
          { kind: 'word', pattern: 'x'.repeat(201), action: 'spam' },
        ]) {
          assertAdminError(
            await moderator.send('POST', '/admin/api/rules', json),
            422,
            'validation_failed',
            'pattern',
            json.pattern,
          );
        }
        for (const json of [
          { kind: 'regex', pattern: 'x', action: 'spam' },
          { kind: 'word', pattern: 'x', action: 'delete' },
          { kind: 'word', pattern: 'x', action: 'spam', note: 'n'.repeat(501) },
        ]) {
          assertAdminError(await moderator.send('POST', '/admin/api/rules', json), 400, 'bad_request');
        }
      });

      it('refuses an allow-list rule on words or domains, which the spam defences would ignore', async () => {
        const { moderator } = await setUp();
        for (const json of [
          { kind: 'word', pattern: 'trusted', action: 'publish' },
          { kind: 'domain', pattern: 'friend.example', action: 'publish' },
        ]) {
          const answer = await moderator.send('POST', '/admin/api/rules', json);
          assertAdminError(answer, 422, 'validation_failed', 'action', json.pattern);
          assert.match(answer.text, /allow-list names authors/);
        }
        for (const kind of ['email', 'name', 'ip']) {
          const pattern = { email: 'ada@example.com', name: 'Ada', ip: '203.0.113.0/24' }[kind];
          const answer = await moderator.send('POST', '/admin/api/rules', {
            kind,
            pattern,
            action: 'publish',
          });
          assert.equal(answer.status, 201, answer.text);
        }
        const { rules } = (await moderator.get('/admin/api/rules')).body as RuleListResponse;
        assert.equal(
          rules.some((rule) => rule.action === 'publish' && (rule.kind === 'word' || rule.kind === 'domain')),
          false,
        );
      });
    });
  }
});
