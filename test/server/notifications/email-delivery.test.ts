import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { createSmtpSender } from '../../../src/server/node/smtp-sender.js';
import type { EmailSettings } from '../../../src/server/notifications/email.js';
import { backends } from '../storage/backends.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './receivers.js';
import { notifiedApp, publicUrl } from './setup.js';

const minute = 60_000;
const hour = 60 * minute;

/** A plain SMTP server on loopback for one test, and e-mail settings that send through it. */
async function smtp(
  t: TestContext,
  mode: EmailSettings['mode'] = 'each',
): Promise<{ server: TestSmtpServer; email: EmailSettings }> {
  const server = await startSmtpServer({ security: 'none' });
  const sender = createSmtpSender({ host: '127.0.0.1', port: server.port, security: 'none' });
  t.after(async () => {
    sender.close();
    await server.close();
  });
  const email: EmailSettings = {
    from: 'natter@example.com',
    to: ['owner@example.com', 'moderator@example.com'],
    mode,
    digestIntervalMinutes: 60,
    sender,
  };
  return { server, email };
}

/** The link that opens a comment in the admin page. */
const adminUrl = (id: string) => `${publicUrl}admin#/comment/${id}`;

/** Every `<…>` tag in `html`, by name: what a mail client would render as markup. */
const tagsOf = (html: string) =>
  [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => match[1]!.toLowerCase());

const htmlOf = (mail: ReceivedMail) => (typeof mail.parsed.html === 'string' ? mail.parsed.html : '');

describe('e-mail notifications', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      it('sends one message per held comment, with its text, the reason and a link to the admin page', async (t) => {
        const { server, email } = await smtp(t);
        const app = await notifiedApp(t, backend, { moderation: 'all', email });
        const first = await app.post({
          name: 'Ada',
          email: 'ada@example.com',
          thread: '/posts/hello',
          text: 'First line.\nSecond line.',
        });
        const second = await app.post({ name: 'Grace', thread: '/posts/other' });
        assert.equal(server.messages.length, 0, 'nothing before the worker runs');

        assert.deepEqual(await app.notifier.processDue(app.clock.now()), {
          claimed: 2,
          delivered: 2,
          failed: 0,
          gaveUp: 0,
        });
        assert.equal(server.messages.length, 2);
        const mail = server.messages.find((message) => message.parsed.text?.includes(first.comment.id))!;
        assert.deepEqual(mail.recipients, ['owner@example.com', 'moderator@example.com']);
        assert.equal(mail.sender, 'natter@example.com');
        assert.equal(mail.parsed.subject, '[comments.example.com] Awaiting moderation: Ada on /posts/hello');
        const text = mail.parsed.text!;
        assert.match(text, /^A comment on \/posts\/hello awaits moderation\.$/m);
        assert.match(text, /^From: Ada <ada@example\.com>$/m);
        assert.match(text, /^Why: held: .+$/m);
        assert.match(text, /^> First line\.\n> Second line\.$/m);
        assert.ok(text.includes(`Open it in the admin page: ${adminUrl(first.comment.id)}`));
        const html = htmlOf(mail);
        assert.ok(html.includes(`<a href="${adminUrl(first.comment.id)}">`), html);
        assert.ok(html.includes('First line.<br>\nSecond line.'));
        const other = server.messages.find((message) => message !== mail)!;
        assert.ok(other.parsed.text!.includes(adminUrl(second.comment.id)));
        assert.deepEqual(await app.store.deliveries.pending(), []);
      });

      it('does not e-mail published comments or spam one by one', async (t) => {
        const { server, email } = await smtp(t);
        const app = await notifiedApp(t, backend, { moderation: 'open', email });
        await app.post();
        await app.emit('spam', 'spam: honeypot');
        assert.equal((await app.notifier.processDue(app.clock.now())).claimed, 0);
        assert.equal(server.messages.length, 0);
      });

      it('escapes every piece of user text in the HTML part, and leaves the plain text as written', async (t) => {
        const { server, email } = await smtp(t);
        const app = await notifiedApp(t, backend, { moderation: 'all', email });
        const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes" \'too\'';
        await app.post({
          name: '<b>Mallory</b> "evil',
          url: 'https://evil.example/"><script>alert(3)</script>',
          email: 'mallory@example.com',
          thread: '/posts/<i>x</i>',
          text: hostile,
        });
        await app.notifier.processDue(app.clock.now());
        assert.equal(server.messages.length, 1);
        const [mail] = server.messages;
        const html = htmlOf(mail!);
        assert.deepEqual(
          [...new Set(tagsOf(html))].sort(),
          [
            'a',
            'blockquote',
            'body',
            'head',
            'html',
            'meta',
            'p',
            'strong',
            'table',
            'td',
            'th',
            'title',
            'tr',
          ],
          'only the message’s own markup',
        );
        assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
        assert.ok(html.includes('&#60;b&#62;Mallory&#60;/b&#62;'));
        assert.ok(html.includes('&#34;quotes&#34; &#39;too&#39;'));
        assert.equal(mail!.parsed.text!.includes(hostile), true, 'the plain text is the text as written');
        assert.equal(
          mail!.parsed.subject,
          '[comments.example.com] Awaiting moderation: <b>Mallory</b> "evil on /posts/<i>x</i>',
        );
      });

      it('gathers everything new into one digest when the hour is over, what needs the owner first', async (t) => {
        const { server, email } = await smtp(t, 'digest');
        const app = await notifiedApp(t, backend, { moderation: 'first-time', email });
        // The clock starts at 10:00 UTC; the first digest goes at 11:00.
        const held = await app.post({ name: 'Ada', text: 'Held, as a first comment.' });
        app.clock.advance(20 * minute);
        await app.emit('reported', 'reported: abuse');
        app.clock.advance(20 * minute);
        const heldToo = await app.post({ name: 'Grace', text: 'Held as well.' });
        await app.emit('approved');
        await app.emit('spam', 'spam: honeypot');
        assert.equal(
          (await app.store.deliveries.pending()).length,
          3,
          'approved and spam are not news by e-mail',
        );

        const start = Date.parse('2025-06-01T10:00:00.000Z');
        assert.equal(
          (await app.notifier.processDue(start + hour - 1)).claimed,
          0,
          'not before the hour is over',
        );
        assert.deepEqual(await app.notifier.processDue(start + hour), {
          claimed: 3,
          delivered: 3,
          failed: 0,
          gaveUp: 0,
        });
        assert.equal(server.messages.length, 1, 'one message for all three');
        const [digest] = server.messages;
        assert.equal(
          digest!.parsed.subject,
          '[comments.example.com] Comments digest: 2 awaiting moderation, 1 reported by readers',
        );
        const text = digest!.parsed.text!;
        for (const { comment } of [held, heldToo]) assert.ok(text.includes(adminUrl(comment.id)), comment.id);
        assert.match(text, /^Why: reported: abuse$/m);
        assert.ok(
          text.indexOf('Awaiting moderation (2)') < text.indexOf('Reported by readers (1)'),
          'held comments come first',
        );
        assert.ok(text.indexOf('Held, as a first comment.') < text.indexOf('Held as well.'), 'oldest first');
        assert.ok(htmlOf(digest!).includes(`<a href="${adminUrl(held.comment.id)}">`));

        // What comes later waits for the next digest.
        app.clock.advance(30 * minute);
        await app.post({ name: 'Ada', email: 'ada@example.com', text: 'Later.' });
        assert.equal((await app.notifier.processDue(start + 2 * hour - 1)).claimed, 0);
        assert.equal((await app.notifier.processDue(start + 2 * hour)).delivered, 1);
        assert.equal(server.messages.length, 2);
        assert.match(server.messages[1]!.parsed.subject!, /digest: 1 awaiting moderation$/);
      });

      it('retries a digest whole when the SMTP server is down, and sends it once it is back', async (t) => {
        const down = await startSmtpServer({ security: 'none' });
        await down.close();
        const sender = createSmtpSender({ host: '127.0.0.1', port: down.port, security: 'none' });
        t.after(() => sender.close());
        const app = await notifiedApp(t, backend, {
          moderation: 'all',
          email: { from: 'natter@example.com', to: ['owner@example.com'], mode: 'digest', sender },
        });
        await app.post();
        await app.post();
        const due = Date.parse('2025-06-01T11:00:00.000Z');
        assert.deepEqual(await app.notifier.processDue(due), {
          claimed: 2,
          delivered: 0,
          failed: 2,
          gaveUp: 0,
        });
        const pending = await app.store.deliveries.pending();
        assert.deepEqual(
          pending.map((delivery) => [delivery.attempts, delivery.nextAttemptAt]),
          [
            [1, new Date(due + 30_000).toISOString()],
            [1, new Date(due + 30_000).toISOString()],
          ],
        );
        assert.match(pending[0]!.lastError!, /ECONNREFUSED/);

        const back = await startSmtpServer({ security: 'none', port: down.port });
        t.after(() => back.close());
        assert.equal((await app.notifier.processDue(due + 30_000 - 1)).claimed, 0);
        assert.equal((await app.notifier.processDue(due + 30_000)).delivered, 2);
        assert.equal(back.messages.length, 1, 'still one digest');
        assert.match(back.messages[0]!.parsed.subject!, /digest: 2 awaiting moderation$/);
      });
    });
  }
});
