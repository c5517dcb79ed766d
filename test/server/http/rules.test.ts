// The site owner's block- and allow-list, applied to posts and edits through the app, on every backend.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import type { GetCommentResponse, PostCommentResponse } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import type { RuleAction, RuleKind } from '../../../src/server/storage/rules.js';
import { backends, newComment, patch, post, postComment, useFreshDatabase, type TestApp } from './helpers.js';

describe('block- and allow-list', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      /** An app with the default defences, whose rules are those a test adds (removed again when it ends). */
      function appWithRules(t: TestContext, options: Partial<AppOptions> = {}) {
        const app = database().app({ maxLinks: undefined, ...options });
        const addRule = async (kind: RuleKind, pattern: string, action: RuleAction = 'spam') => {
          const id = `r_${randomBytes(6).toString('hex')}`;
          await app.store.rules.add({ id, kind, pattern, action, note: null, createdAt: app.clock.iso() });
          t.after(() => app.store.rules.remove(id));
        };
        return { app, addRule };
      }

      async function standing(app: TestApp, id: string) {
        const comment = await app.store.getComment(id);
        return { status: comment?.status, reason: comment?.reason };
      }

      async function posted(app: TestApp, body: unknown, clientAddress?: string) {
        const answer = await post(app, body, clientAddress ? { clientAddress } : {});
        assert.ok(answer.status === 201 || answer.status === 202, answer.text);
        return { status: answer.status, ...(answer.body as PostCommentResponse) };
      }

      it('sends a comment matching a spam rule to spam and holds one matching a pending rule', async (t) => {
        const { app, addRule } = appWithRules(t);
        await addRule('domain', 'example.biz');
        await addRule('email', 'Bulk@Mailer.example', 'pending');
        await addRule('ip', '203.0.113.0/24');
        await addRule('word', 'viagra');
        const linked = await posted(app, newComment({ text: 'Deals at https://shop.example.biz/x' }));
        assert.equal(linked.status, 202);
        assert.equal(linked.comment.status, 'pending');
        assert.deepEqual(await standing(app, linked.comment.id), {
          status: 'spam',
          reason: 'spam: block-list example.biz',
        });
        const byUrl = await posted(app, newComment({ url: 'https://example.biz/' }));
        assert.equal((await standing(app, byUrl.comment.id)).status, 'spam');
        const mailed = await posted(app, newComment({ email: 'bulk@mailer.EXAMPLE' }));
        assert.deepEqual(await standing(app, mailed.comment.id), {
          status: 'pending',
          reason: 'held: block-list Bulk@Mailer.example',
        });
        const fromRange = await posted(app, newComment(), '203.0.113.50');
        assert.deepEqual(await standing(app, fromRange.comment.id), {
          status: 'spam',
          reason: 'spam: block-list 203.0.113.0/24',
        });
        const worded = await posted(app, newComment({ text: 'Cheap VIAGRA!' }));
        assert.equal((await standing(app, worded.comment.id)).reason, 'spam: block-list viagra');
        assert.equal((await posted(app, newComment({ text: 'Fine words.' }), '198.51.100.1')).status, 201);
      });

      it('publishes an allow-listed author at once, skipping every later layer and the mode', async (t) => {
        const { app, addRule } = appWithRules(t, { moderation: 'all', formToken: {} });
        await addRule('email', 'trusted@example.com', 'publish');
        await addRule('ip', '2001:db8:aa::/48', 'publish');
        await addRule('word', 'casino');
        // No form token, five links, a blocked word, and every comment held by the mode: published all the same.
        const text = 'casino https://a.com https://b.com https://c.com https://d.com https://e.com';
        const trusted = await posted(app, newComment({ email: 'TRUSTED@example.com', text }));
        assert.equal(trusted.status, 201);
        assert.deepEqual(await standing(app, trusted.comment.id), {
          status: 'published',
          reason: 'published: allow-list trusted@example.com',
        });
        const fromOffice = await posted(app, newComment(), '2001:db8:aa:1::9');
        assert.equal(fromOffice.status, 201);
        const stranger = await posted(app, newComment({ email: 'someone@example.com' }));
        assert.deepEqual(await standing(app, stranger.comment.id), {
          status: 'pending',
          reason: 'held: no form token',
        });
      });

      it('sends a post without a form token from a blocked domain to spam, not to the queue', async (t) => {
        const { app, addRule } = appWithRules(t, { formToken: {} });
        await addRule('domain', 'spam.example');
        const bot = await posted(app, newComment({ url: 'https://spam.example/' }));
        assert.deepEqual(await standing(app, bot.comment.id), {
          status: 'spam',
          reason: 'spam: block-list spam.example',
        });
      });

      it('applies a rule added meanwhile (by the admin page, or another instance) within two seconds', async (t) => {
        const { app, addRule } = appWithRules(t);
        assert.equal((await posted(app, newComment({ text: 'poker night' }))).status, 201);
        await addRule('word', 'poker');
        app.clock.advance(2_000);
        const later = await posted(app, newComment({ text: 'poker night' }));
        assert.equal((await standing(app, later.comment.id)).reason, 'spam: block-list poker');
      });

      it('applies the rules to edits: an edit that trips one is held or sent to spam', async (t) => {
        const { app, addRule } = appWithRules(t);
        await addRule('word', 'lottery');
        await addRule('domain', 'cheap-pills.com', 'pending');
        const first = await postComment(app);
        const edited = await patch(app, first.comment.id, { text: 'Win the lottery!' }, first.secret);
        assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
        assert.deepEqual(await standing(app, first.comment.id), {
          status: 'spam',
          reason: 'spam: block-list lottery',
        });
        const second = await postComment(app);
        await patch(app, second.comment.id, { text: 'See www.cheap-pills.com' }, second.secret);
        assert.deepEqual(await standing(app, second.comment.id), {
          status: 'pending',
          reason: 'held: block-list cheap-pills.com',
        });
      });

      it('never raises a comment by an edit: a spam comment stays spam, even for an allow-listed author', async (t) => {
        const { app, addRule } = appWithRules(t);
        await addRule('word', 'lottery');
        const caught = await posted(app, newComment({ email: 'late@example.com', text: 'lottery' }));
        assert.equal((await standing(app, caught.comment.id)).status, 'spam');
        await addRule('email', 'late@example.com', 'publish');
        app.clock.advance(2_000);
        const edited = await patch(app, caught.comment.id, { text: 'A fair comment.' }, caught.secret);
        assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
        assert.deepEqual(await standing(app, caught.comment.id), {
          status: 'spam',
          reason: 'spam: block-list lottery',
        });
      });

      it('keeps an allow-listed author’s edit published under --moderation all', async (t) => {
        const { app, addRule } = appWithRules(t, { moderation: 'all' });
        await addRule('name', 'Editor', 'publish');
        const own = await posted(app, newComment({ name: 'Editor' }));
        assert.equal(own.status, 201);
        const edited = await patch(app, own.comment.id, { text: 'Edited.' }, own.secret);
        assert.equal((edited.body as GetCommentResponse).comment.status, 'published');
      });
    });
  }
});
