// The moderators' side of references from other websites: the lists by status and by state in the queue of
// verification, a moderator's decision on one (its page and its thread's count follow at once), and the refusals.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type {
  AdminReference,
  AdminStatus,
  ReferenceActionResponse,
  ReferenceListResponse,
} from '../../../src/protocol/admin.js';
import type { ListReferencesResponse } from '../../../src/protocol/types.js';
import type { SourceEntry } from '../../../src/server/webmention/source-page.js';
import { backends, uniqueThread, useFreshDatabase, type TestApp } from '../http/helpers.js';
import { adminApp, assertAdminError, moderatorOf, setPassword, signIn, type Moderator } from './helpers.js';

const ids = (answer: { body: unknown }) =>
  (answer.body as ReferenceListResponse).references.map((reference) => reference.id);

/** What a verified source says: a reply, unless `fields` say otherwise. */
function anEntry(fields: Partial<SourceEntry> = {}): SourceEntry {
  return {
    kind: 'reply',
    url: 'https://other.example/2026/11/a-response',
    title: 'A response',
    authorName: 'Ada',
    authorUrl: 'https://other.example/',
    authorPhoto: null,
    excerpt: 'I agree, mostly.',
    publishedAt: '2025-05-31T09:00:00.000Z',
    ...fields,
  };
}

describe('admin references', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      async function setUp() {
        await setPassword(database().store);
        const app = adminApp(database());
        return { app, moderator: await signIn(app) };
      }

      /** A mention of `thread`'s page received now from `host`, as the Webmention endpoint queues it. */
      async function received(app: TestApp, thread: string, host = 'other.example') {
        const id = randomBytes(12).toString('base64url');
        return database().store.mentions.receive({
          id,
          source: `https://${host}/responses/${id}`,
          target: `https://blog.example${thread}`,
          thread,
          via: 'webmention',
          sourceHost: host,
          senderIp: '203.0.113.9',
          at: app.clock.iso(),
        });
      }

      /** A mention received and verified with `status`, as the worker leaves it. */
      async function verified(
        app: TestApp,
        thread: string,
        status: AdminStatus,
        entry: SourceEntry = anEntry(),
      ) {
        const mention = await received(app, thread);
        const reason = status === 'pending' ? 'held: first reference from other.example' : null;
        const done = await database().store.mentions.verify(mention.id, {
          entry,
          status,
          reason,
          at: app.clock.iso(),
        });
        assert.ok(done);
        return done;
      }

      async function change(moderator: Moderator, id: string, status: AdminStatus) {
        const answer = await moderator.send('PATCH', `/admin/api/references/${id}`, { status });
        assert.equal(answer.status, 200, answer.text);
        return answer.body as ReferenceActionResponse;
      }

      /** The thread's published references as the public API answers. */
      async function publicReferences(app: TestApp, thread: string): Promise<string[]> {
        const answer = await app.request(`/api/v1/references?thread=${encodeURIComponent(thread)}`);
        assert.equal(answer.status, 200, answer.text);
        return (answer.body as ListReferencesResponse).references.map((reference) => reference.id);
      }

      it('lists references by status and by state, newest first, with what a moderator weighs them by', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const query = `thread=${encodeURIComponent(thread)}`;
        const before = await moderator.counts();
        const published = await verified(app, thread, 'published');
        app.clock.advance(1000);
        const held = await verified(app, thread, 'pending', anEntry({ kind: 'like', excerpt: null }));
        app.clock.advance(1000);
        const spam = await verified(app, thread, 'spam');
        app.clock.advance(1000);
        const queued = await received(app, thread);
        app.clock.advance(1000);
        const refused = await received(app, thread, 'gone.example');
        await database().store.mentions.refuse(refused.id, 'source_gone', 'HTTP 410', app.clock.iso());

        const all = await moderator.get(`/admin/api/references?${query}`);
        assert.equal(all.status, 200, all.text);
        assert.equal(all.headers.get('cache-control'), 'no-store');
        assert.deepEqual(ids(all), [refused.id, queued.id, spam.id, held.id, published.id]);
        assert.deepEqual(ids(await moderator.get(`/admin/api/references?status=pending&${query}`)), [
          held.id,
        ]);
        assert.deepEqual(ids(await moderator.get(`/admin/api/references?status=published&${query}`)), [
          published.id,
        ]);
        assert.deepEqual(ids(await moderator.get(`/admin/api/references?state=queued&${query}`)), [
          queued.id,
        ]);
        assert.deepEqual(
          ids(await moderator.get(`/admin/api/references?state=verified&status=spam&${query}`)),
          [spam.id],
        );

        const failed = await moderator.get(`/admin/api/references?state=refused&${query}`);
        const [shownRefusal] = (failed.body as ReferenceListResponse).references;
        assert.deepEqual(
          {
            state: shownRefusal?.state,
            status: shownRefusal?.status,
            reason: shownRefusal?.reason,
            detail: shownRefusal?.detail,
            kind: shownRefusal?.kind,
          },
          { state: 'refused', status: null, reason: 'source_gone', detail: 'HTTP 410', kind: null },
        );

        const pending = await moderator.get(`/admin/api/references?status=pending&${query}`);
        const body = pending.body as ReferenceListResponse;
        assert.deepEqual(body.references[0], {
          id: held.id,
          thread,
          target: `https://blog.example${thread}`,
          source: held.source,
          via: 'webmention',
          state: 'verified',
          status: 'pending',
          reason: 'held: first reference from other.example',
          detail: null,
          sourceHost: 'other.example',
          senderIp: '203.0.113.9',
          kind: 'like',
          url: 'https://other.example/2026/11/a-response',
          title: 'A response',
          author: { name: 'Ada', url: 'https://other.example/', photo: null },
          excerpt: null,
          publishedAt: '2025-05-31T09:00:00.000Z',
          attempts: 0,
          createdAt: held.createdAt,
          updatedAt: held.updatedAt,
          verifiedAt: held.verifiedAt,
          moderatedAt: null,
        } satisfies AdminReference);
        assert.equal(body.counts.references, before.references + 1, 'the badge counts the held one');
        assert.equal((await moderator.counts()).references, before.references + 1, 'the comments say so too');
      });

      it('counts every reference awaiting approval for the badge, and only those', async () => {
        const { app, moderator } = await setUp();
        const before = (await moderator.counts()).references;
        const thread = uniqueThread();
        for (let index = 0; index < 5; index++) await verified(app, thread, 'pending');
        await verified(app, thread, 'published');
        await received(app, thread);
        assert.equal((await moderator.counts()).references, before + 5);
      });

      it('pages a list with `before`, never repeating a reference', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const sent: string[] = [];
        for (let index = 0; index < 5; index++) {
          sent.unshift((await verified(app, thread, 'pending')).id);
          // Two share each second: their ids order them.
          if (index % 2 === 1) app.clock.advance(1000);
        }
        const seen: string[] = [];
        const base = `/admin/api/references?status=pending&limit=2&thread=${encodeURIComponent(thread)}`;
        let path = base;
        for (let page = 0; page < 5; page++) {
          const answer = await moderator.get(path);
          assert.equal(answer.status, 200, answer.text);
          const body = answer.body as ReferenceListResponse;
          assert.ok(body.references.length <= 2);
          seen.push(...body.references.map((reference) => reference.id));
          if (!body.next) break;
          path = `${base}&before=${encodeURIComponent(body.next)}`;
        }
        assert.equal(seen.length, 5);
        assert.deepEqual(new Set(seen), new Set(sent));
        const byTime = await database().store.mentions.find({ thread, limit: 10 });
        assert.deepEqual(
          seen,
          byTime.map((mention) => mention.id),
          'newest first, as the store orders them',
        );
      });

      it('publishes, holds, files as spam and deletes: the page, its count and the badge follow at once', async () => {
        const { app, moderator } = await setUp();
        const store = database().store;
        const thread = uniqueThread();
        const held = await verified(app, thread, 'pending');
        const before = await moderator.counts();
        // Read once, so that the public answer is cached: a change must drop it.
        assert.deepEqual(await publicReferences(app, thread), []);

        app.clock.advance(60_000);
        const published = await change(moderator, held.id, 'published');
        assert.equal(published.reference.status, 'published');
        assert.equal(published.reference.reason, null);
        assert.equal(published.reference.moderatedAt, app.clock.iso());
        assert.equal(published.counts.references, before.references - 1);
        assert.equal((await store.getThread(thread)).referenceCount, 1);
        assert.deepEqual(await publicReferences(app, thread), [held.id]);

        const again = await change(moderator, held.id, 'published');
        assert.equal(
          again.reference.moderatedAt,
          published.reference.moderatedAt,
          'nothing to change, nothing written',
        );
        assert.equal((await store.getThread(thread)).referenceCount, 1);

        const holding = await change(moderator, held.id, 'pending');
        assert.deepEqual(
          [holding.reference.status, holding.reference.reason],
          ['pending', 'held by a moderator'],
        );
        assert.equal(holding.counts.references, before.references);
        assert.equal((await store.getThread(thread)).referenceCount, 0);
        assert.deepEqual(await publicReferences(app, thread), []);

        await change(moderator, held.id, 'published');
        const spam = await change(moderator, held.id, 'spam');
        assert.deepEqual(
          [spam.reference.status, spam.reference.reason],
          ['spam', 'spam: marked by a moderator'],
        );
        assert.equal((await store.getThread(thread)).referenceCount, 0);
        assert.deepEqual(await publicReferences(app, thread), []);

        await change(moderator, held.id, 'published');
        assert.deepEqual(await publicReferences(app, thread), [held.id]);
        const deleted = await change(moderator, held.id, 'deleted');
        assert.deepEqual(
          [deleted.reference.status, deleted.reference.reason],
          ['deleted', 'deleted by a moderator'],
        );
        assert.equal((await store.getThread(thread)).referenceCount, 0);
        assert.deepEqual(await publicReferences(app, thread), []);
        assert.equal((await store.mentions.get(held.id))?.status, 'deleted');
      });

      it('refuses to change a mention that is not verified (409) and one that does not exist (404)', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const queued = await received(app, thread);
        const refused = await received(app, thread);
        await database().store.mentions.refuse(refused.id, 'no_link', null, app.clock.iso());
        const removed = await verified(app, thread, 'published');
        await database().store.mentions.refuse(removed.id, 'source_gone', 'HTTP 404', app.clock.iso());

        for (const mention of [queued, refused, removed]) {
          const answer = await moderator.send('PATCH', `/admin/api/references/${mention.id}`, {
            status: 'published',
          });
          assertAdminError(answer, 409, 'conflict', null, mention.state);
        }
        assert.equal((await database().store.mentions.get(queued.id))?.status, null);
        assert.equal((await database().store.mentions.get(removed.id))?.state, 'removed');
        assert.equal((await database().store.getThread(thread)).referenceCount, 0);
        for (const id of ['noSuchReference0', 'not%20an%20id', 'x'.repeat(65)]) {
          const answer = await moderator.send('PATCH', `/admin/api/references/${id}`, { status: 'spam' });
          assertAdminError(answer, 404, 'not_found', null, id);
        }
      });

      it('answers 401 without a session and 403 to a change without the CSRF token, changing nothing', async () => {
        const { app, moderator } = await setUp();
        const thread = uniqueThread();
        const held = await verified(app, thread, 'pending');
        const path = `/admin/api/references/${held.id}`;
        const stranger = moderatorOf(app, 'natter_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x');
        for (const answer of [
          await app.request('/admin/api/references?status=pending'),
          await stranger.get('/admin/api/references?status=pending'),
          await app.request(path, { method: 'PATCH', json: { status: 'published' } }),
          await stranger.send('PATCH', path, { status: 'published' }),
        ]) {
          assertAdminError(answer, 401, 'unauthorized');
          assert.doesNotMatch(answer.text, /203\.0\.113\.9|other\.example/);
        }
        const withoutToken = await moderator.request(path, {
          method: 'PATCH',
          json: { status: 'published' },
          csrf: false,
        });
        assertAdminError(withoutToken, 403, 'forbidden');
        const wrongToken = moderatorOf(app, moderator.cookie, `${moderator.csrfToken}x`);
        assertAdminError(await wrongToken.send('PATCH', path, { status: 'published' }), 403, 'forbidden');
        const crossSite = await moderator.request(path, {
          method: 'PATCH',
          json: { status: 'published' },
          headers: { 'sec-fetch-site': 'cross-site' },
        });
        assertAdminError(crossSite, 403, 'forbidden');
        assert.equal((await database().store.mentions.get(held.id))?.status, 'pending');
        assert.equal((await database().store.getThread(thread)).referenceCount, 0);
      });

      it('refuses a query or a body it cannot read, naming the field', async () => {
        const { app, moderator } = await setUp();
        const held = await verified(app, uniqueThread(), 'pending');
        for (const [query, field] of [
          ['status=approved', 'status'],
          ['state=published', 'state'],
          ['limit=0', 'limit'],
          ['limit=101', 'limit'],
          ['limit=ten', 'limit'],
          ['before=yesterday', 'before'],
          ['thread=', 'thread'],
          ['status=pending&status=spam', 'status'],
        ] as const) {
          assertAdminError(
            await moderator.get(`/admin/api/references?${query}`),
            400,
            'bad_request',
            field,
            query,
          );
        }
        const path = `/admin/api/references/${held.id}`;
        for (const [body, field] of [
          [{ status: 'approve' }, 'status'],
          [{ status: null }, 'status'],
          [{}, 'status'],
          [['published'], null],
        ] as const) {
          const answer = await moderator.send('PATCH', path, body);
          assertAdminError(answer, 400, 'bad_request', field, JSON.stringify(body));
        }
        const notJson = await moderator.request(path, {
          method: 'PATCH',
          body: '{"status":',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(notJson.status, 400, notJson.text);
        assert.equal((await database().store.mentions.get(held.id))?.status, 'pending');
      });
    });
  }
});
