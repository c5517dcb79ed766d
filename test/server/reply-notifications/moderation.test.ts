import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends, useFreshDatabase } from '../http/helpers.js';
import { linkIn } from './mail.js';
import { notifyingSite } from './site.js';

for (const backend of backends()) {
  describe(`Reply notifications and moderation (${backend.name})`, () => {
    const database = useFreshDatabase(backend);

    it('mails a held reply only once a moderator approves it, once however often, and spam never', async (t) => {
      const site = await notifyingSite(t, database());
      const own = await site.subscribed('ada@example.com');
      const parent = own.comment.id;

      const heldReply = await site.post({ name: 'Bob', parent, text: 'HOLD: a reply with four links' });
      assert.equal(heldReply.comment.status, 'pending');
      await site.post({ name: 'Eve', parent, text: 'SPAM: cheap watches' });
      await site.send();
      await site.expectMails(1);

      const moderator = await site.moderator();
      const approved = await moderator.send('POST', `/admin/api/comments/${heldReply.comment.id}/approve`);
      assert.equal(approved.status, 200, approved.text);
      await site.send();
      await site.expectMails(2);
      assert.match(site.mails[1]!.parsed.text ?? '', /Bob replied to your comment[\s\S]*> HOLD: a reply/);

      // Held again (restored from spam) and approved once more: already told.
      await moderator.send('POST', `/admin/api/comments/${heldReply.comment.id}/spam`);
      await moderator.send('POST', `/admin/api/comments/${heldReply.comment.id}/restore`);
      await moderator.send('POST', `/admin/api/comments/${heldReply.comment.id}/approve`);
      await site.send();
      await site.expectMails(2);
    });

    it('drops a notice whose reply went to spam before it was sent', async (t) => {
      const site = await notifyingSite(t, database());
      const own = await site.subscribed('ada@example.com');
      const reply = await site.post({ name: 'Mallory', parent: own.comment.id, text: 'Buy now' });
      const moderator = await site.moderator();
      await moderator.send('POST', `/admin/api/comments/${reply.comment.id}/spam`);
      const report = await site.send();
      assert.deepEqual(report, { claimed: 1, delivered: 1, failed: 0, gaveUp: 0 });
      await site.expectMails(1);
      assert.ok(site.log.some((line) => line.includes('reply gone')));
    });

    it('asks a held author to confirm at once, and a spammer’s address never', async (t) => {
      const site = await notifyingSite(t, database());
      await site.post({ email: 'held@example.com', notify: true, text: 'HOLD me' });
      const spam = await site.post({ email: 'victim@example.com', notify: true, text: 'SPAM me' });
      await site.send();
      await site.expectMails(1);
      assert.deepEqual(site.mails[0]!.recipients, ['held@example.com']);

      // A moderator's false alarm: restored and approved, the comment is the author's again, and so is the question.
      const moderator = await site.moderator();
      await moderator.send('POST', `/admin/api/comments/${spam.comment.id}/approve`);
      await site.send();
      await site.expectMails(2);
      assert.deepEqual(site.mails[1]!.recipients, ['victim@example.com']);
      assert.ok(linkIn(site.mails[1]!, 'notifications/confirm'));
    });

    it('keeps an address an SMTP server quotes in its refusal out of the log and the queue', async (t) => {
      let isRefusing = false;
      const site = await notifyingSite(t, database(), {
        wrapSender: (sender) => ({
          send: (message, signal) => {
            if (!isRefusing) return sender.send(message, signal);
            const to = message.to.join(', ');
            return Promise.reject(
              new Error(`Can't send mail - all recipients were rejected: 550 <${to}>: no`),
            );
          },
        }),
      });
      const own = await site.subscribed('rejected.reader@example.com');
      isRefusing = true;
      await site.post({ name: 'Bob', parent: own.comment.id, text: 'A reply' });
      assert.equal((await site.send()).failed, 1);
      const [failed] = await database().store.deliveries.pending();
      assert.equal(
        failed?.lastError,
        "Can't send mail - all recipients were rejected: 550 <<the address>>: no",
      );
      assert.ok(site.log.some((line) => line.includes('reply notification failed')));
      assert.ok(!site.log.some((line) => line.includes('rejected.reader')), site.log.join('\n'));

      // Tried again when its time comes, it goes out.
      isRefusing = false;
      site.app.clock.advance(30_000);
      assert.equal((await site.send()).delivered, 1);
      await site.expectMails(2);
    });

    it('subscribes nobody without an e-mail address or without asking', async (t) => {
      const site = await notifyingSite(t, database());
      const silent = await site.post({ email: 'quiet@example.com' });
      const anonymous = await site.post({ notify: true });
      await site.post({ name: 'Bob', parent: silent.comment.id, text: 'A reply' });
      await site.post({ name: 'Bob', parent: anonymous.comment.id, text: 'Another' });
      const report = await site.send();
      assert.equal(report.claimed, 0);
      await site.expectMails(0);
      assert.equal(await database().store.subscriptions.ofComment(silent.comment.id), undefined);
    });
  });
}
