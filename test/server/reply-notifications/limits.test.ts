import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends, useFreshDatabase } from '../http/helpers.js';
import { linkIn, rawHeader } from './mail.js';
import { notifyingSite } from './site.js';

const minute = 60_000;
const hour = 60 * minute;

/** The replies a message tells of, by their texts (`reply 7`). */
const repliesIn = (text: string | undefined) =>
  [...(text ?? '').matchAll(/^> (reply \d+)$/gm)].map((match) => match[1]);

for (const backend of backends()) {
  describe(`Reply notifications' limits (${backend.name})`, () => {
    const database = useFreshDatabase(backend);

    it('never sends an address more than its hourly limit, and loses no reply that waited', async (t) => {
      const site = await notifyingSite(t, database(), { hourlyLimit: 3 });
      const sentAt: number[] = [];
      const send = async () => {
        const before = site.mails.length;
        await site.send();
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (let index = before; index < site.mails.length; index++) sentAt.push(site.app.clock.now());
      };
      const own = await site.subscribed('ada@example.com');
      sentAt.push(site.app.clock.now());
      let count = 0;
      const reply = () =>
        site.post({ name: `Reader ${++count}`, parent: own.comment.id, text: `reply ${count}` });

      // The confirmation and two replies fill the hour.
      for (let index = 0; index < 3; index++) {
        site.app.clock.advance(minute);
        await reply();
        await send();
      }
      await site.expectMails(3);

      // A busy thread, and five instances sending at once: nothing more this hour. (The replies are posted one by
      // one: twenty at once to one comment deadlock on PostgreSQL and are answered 503, a matter of the store.)
      site.app.clock.advance(minute);
      for (let index = 0; index < 20; index++) await reply();
      await Promise.all(Array.from({ length: 5 }, send));
      site.app.clock.advance(hour - 5 * minute);
      await send();
      await site.expectMails(3);

      // An hour after the confirmation its slot frees: everything that waited comes in one message.
      site.app.clock.advance(minute);
      await send();
      await site.expectMails(4);
      const gathered = site.mails[3]!;
      assert.match(gathered.parsed.subject ?? '', /\] 21 replies to your comment$/);
      assert.ok(rawHeader(gathered, 'List-Unsubscribe'));
      assert.ok(linkIn(gathered, 'notifications/unsubscribe'));

      // Every reply was told once, and no hour held more than three messages.
      const told = site.mails.slice(1).flatMap((mail) => repliesIn(mail.parsed.text));
      assert.deepEqual(told.sort(), Array.from({ length: count }, (_, index) => `reply ${index + 1}`).sort());
      for (const start of sentAt) {
        const inHour = sentAt.filter((time) => time >= start && time < start + hour);
        assert.ok(
          inHour.length <= 3,
          `${inHour.length} messages within an hour of ${new Date(start).toISOString()}`,
        );
      }
      assert.deepEqual(await site.app.store.deliveries.pending(), []);
    });

    it('in digest mode tells of a comment’s replies together, once per interval', async (t) => {
      const site = await notifyingSite(t, database(), { mode: 'digest', digestIntervalMinutes: 60 });
      const own = await site.subscribed('ada@example.com');
      const startOfHour = Math.floor(site.app.clock.now() / hour) * hour;
      for (let index = 1; index <= 3; index++) {
        site.app.clock.advance(minute);
        await site.post({ name: `Reader ${index}`, parent: own.comment.id, text: `reply ${index}` });
      }
      await site.send();
      await site.expectMails(1);

      site.app.clock.advance(startOfHour + hour - site.app.clock.now());
      await site.send();
      await site.expectMails(2);
      const digest = site.mails[1]!;
      assert.match(digest.parsed.subject ?? '', /\] 3 replies to your comment$/);
      assert.deepEqual(repliesIn(digest.parsed.text), ['reply 1', 'reply 2', 'reply 3']);
      assert.equal(rawHeader(digest, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    });
  });
}
