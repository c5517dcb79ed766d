import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ListCommentsResponse } from '../../../src/protocol/types.js';
import { backends, useFreshDatabase } from '../http/helpers.js';
import { linkIn } from './mail.js';
import { notifyingSite, type NotifyingSite } from './site.js';

/**
 * `link` with one character of its token's signature changed: one in the middle, as the last carries bits that
 * base64 leaves out.
 */
function forged(link: string): string {
  const url = new URL(link);
  const token = url.searchParams.get('token') ?? '';
  const at = token.length - 5;
  url.searchParams.set(
    'token',
    `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`,
  );
  return url.href;
}

/** Posts a comment asking for notifications and returns its confirmation link, not followed. */
async function confirmationLink(site: NotifyingSite, email = 'ada@example.com') {
  const before = site.mails.length;
  const posted = await site.post({ email, notify: true });
  await site.send();
  await site.expectMails(before + 1);
  return { posted, link: linkIn(site.mails[before]!, 'notifications/confirm') };
}

for (const backend of backends()) {
  describe(`Reply notifications' links (${backend.name})`, () => {
    const database = useFreshDatabase(backend);

    it('refuses a forged, foreign or missing confirmation token with a clear page, and confirms nothing', async (t) => {
      const site = await notifyingSite(t, database());
      const { posted, link } = await confirmationLink(site);
      for (const bad of [
        forged(link),
        link.replace(/token=.*/, 'token=rc1.eyJzIjoic19hIiwiZSI6OTk5OTk5OTk5OTk5OX0.c2lnbmF0dXJl'),
        link.replace(/token=.*/, 'token='),
        link.replace(/\?token=.*/, ''),
      ]) {
        const answer = await site.follow(bad);
        assert.equal(answer.status, 400, bad);
        assert.match(answer.text, /<h1>This link does not work<\/h1>/);
      }
      // An unsubscribe token is no confirmation token, though the same key signed it.
      const own = await site.follow(link.replace('/notifications/confirm', '/notifications/unsubscribe'));
      assert.equal(own.status, 400);
      const subscription = await database().store.subscriptions.ofComment(posted.comment.id);
      assert.equal(subscription?.confirmedAt, null);

      await site.post({ name: 'Bob', parent: posted.comment.id, text: 'A reply' });
      await site.send();
      await site.expectMails(1);
    });

    it('refuses an expired confirmation link, and then sends nothing', async (t) => {
      const site = await notifyingSite(t, database());
      const { posted, link } = await confirmationLink(site);
      site.app.clock.advance(72 * 60 * 60_000 + 1);
      const expired = await site.follow(link);
      assert.equal(expired.status, 410);
      assert.match(expired.text, /<h1>This link has expired<\/h1>/);
      await site.post({ name: 'Bob', parent: posted.comment.id, text: 'A reply' });
      await site.send();
      await site.expectMails(1);
    });

    it('unsubscribes once by a genuine link, and refuses a forged one', async (t) => {
      const site = await notifyingSite(t, database());
      const own = await site.subscribed('ada@example.com');
      await site.post({ name: 'Bob', parent: own.comment.id, text: 'First reply' });
      await site.send();
      await site.expectMails(2);
      const link = linkIn(site.mails[1]!, 'notifications/unsubscribe');

      const refused = await site.follow(forged(link), 'POST');
      assert.equal(refused.status, 400);
      assert.match(refused.text, /This link does not work/);
      await site.post({ name: 'Carol', parent: own.comment.id, text: 'Second reply' });
      await site.send();
      await site.expectMails(3);

      for (const method of ['POST', 'POST', 'GET'] as const) {
        const answer = await site.follow(link, method);
        assert.equal(answer.status, 200, method);
        assert.match(answer.text, /<h1>No more e-mails about replies<\/h1>/);
        assert.doesNotMatch(answer.text, /<form/);
      }
      const confirmAgain = await site.follow(linkIn(site.mails[0]!, 'notifications/confirm'));
      assert.equal(confirmAgain.status, 410);
      assert.match(confirmAgain.text, /There is nothing to confirm/);
      await site.post({ name: 'Dan', parent: own.comment.id, text: 'Third reply' });
      await site.send();
      await site.expectMails(3);
    });

    it('keeps its links working on a server that no longer offers notifications', async (t) => {
      const site = await notifyingSite(t, database());
      const own = await site.subscribed('ada@example.com');
      await site.post({ name: 'Bob', parent: own.comment.id, text: 'A reply' });
      await site.send();
      await site.expectMails(2);
      const turnedOff = database().app();
      const listing = await turnedOff.request('/api/v1/comments?thread=/post');
      assert.equal((listing.body as ListCommentsResponse).thread.replyNotifications, undefined);
      const link = new URL(linkIn(site.mails[1]!, 'notifications/unsubscribe'));
      const answer = await turnedOff.request(`${link.pathname}${link.search}`, { method: 'POST' });
      assert.equal(answer.status, 200);
      assert.equal(await database().store.subscriptions.ofComment(own.comment.id), undefined);
    });

    it('answers with pages that run no script, keep the token to themselves and match their own style hash', async (t) => {
      const site = await notifyingSite(t, database());
      const { link } = await confirmationLink(site);
      const page = await site.follow(link);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.headers.get('x-robots-tag'), 'noindex');
      const policy = page.headers.get('content-security-policy') ?? '';
      assert.match(policy, /default-src 'none'/);
      assert.doesNotMatch(page.text, /<script/);
      const style = /<style>([^<]*)<\/style>/.exec(page.text)?.[1] ?? '';
      const hash = createHash('sha256').update(style).digest('base64');
      assert.ok(policy.includes(`'sha256-${hash}'`), `${policy} allows the page's style`);
      assert.match(page.text, /<a href="https:\/\/blog\.example\.com\/post">Back to the page<\/a>/);
    });
  });
}
