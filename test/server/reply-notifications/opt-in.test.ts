import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { ListCommentsResponse, NewComment, PostCommentResponse } from '../../../src/protocol/types.js';
import { createLogger } from '../../../src/server/logger.js';
import { createServer } from '../../../src/server/node/node-server.js';
import { backends } from '../storage/backends.js';
import { waitUntil } from '../notifications/receivers.js';
import { linkIn, quietPeriod, rawHeader, smtpServer } from './mail.js';

/** `natter serve --reply-notifications each` on a fresh database, e-mailing through `smtpPort`. */
async function serve(
  t: TestContext,
  makeDatabase: () => Promise<{ location: string; cleanup(): Promise<void> }>,
  smtpPort: number,
) {
  const database = await makeDatabase();
  const log: string[] = [];
  const running = await createServer({
    database: database.location,
    port: 0,
    rateLimit: false,
    threadRateLimit: false,
    formToken: { isRequired: false },
    moderation: 'open',
    notificationIntervalMs: 50,
    logger: createLogger('warn', (line) => log.push(line)),
    replyNotifications: {
      from: 'Comments <natter@blog.example>',
      mode: 'each',
      hourlyLimit: 6,
      smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' },
    },
  });
  t.after(async () => {
    await running.close();
    await database.cleanup();
  });
  const origin = new URL(running.url).origin;
  return {
    running,
    log,
    async post(fields: Partial<NewComment>): Promise<PostCommentResponse> {
      const response = await fetch(new URL('api/v1/comments', running.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ thread: '/posts/hello', name: 'Ada', text: 'Hello', ...fields }),
      });
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as PostCommentResponse;
    },
  };
}

for (const backend of backends()) {
  describe(`Reply notifications over HTTP (${backend.name})`, () => {
    it('confirms by e-mail first, then mails each reply with a one-click unsubscribe that works', async (t) => {
      const smtp = await smtpServer(t);
      const { running, post, log } = await serve(t, backend.makeDatabase, smtp.port);

      const listing = await fetch(new URL('api/v1/comments?thread=/posts/hello', running.url));
      assert.equal(((await listing.json()) as ListCommentsResponse).thread.replyNotifications, true);

      const own = await post({
        name: 'Ada',
        email: 'Ada@Example.com',
        text: 'What do you think?',
        notify: true,
      });
      await waitUntil(() => smtp.messages.length === 1, 'the confirmation');
      const [confirmation] = smtp.messages;
      assert.deepEqual(confirmation!.recipients, ['Ada@example.com']);
      assert.match(confirmation!.parsed.subject ?? '', /Confirm e-mails about replies to your comment/);
      assert.match(confirmation!.parsed.text ?? '', /> What do you think\?/);
      assert.equal(rawHeader(confirmation!, 'List-Unsubscribe'), undefined);
      const confirmUrl = linkIn(confirmation!, 'notifications/confirm');

      // Before the click, a reply tells nobody.
      await post({ name: 'Bob', parent: own.comment.id, text: 'Early reply', email: 'bob@example.com' });
      await quietPeriod();
      assert.equal(smtp.messages.length, 1, 'nothing but the confirmation before the click');

      const confirmed = await fetch(confirmUrl);
      assert.equal(confirmed.status, 200);
      assert.match(confirmed.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(confirmed.headers.get('referrer-policy'), 'no-referrer');
      assert.match(await confirmed.text(), /You will get an e-mail about replies/);

      await post({ name: 'Bob', parent: own.comment.id, text: 'I think <b>yes</b>.' });
      await waitUntil(() => smtp.messages.length === 2, 'the reply notification');
      const notice = smtp.messages[1]!;
      assert.deepEqual(notice.recipients, ['Ada@example.com']);
      assert.equal(notice.parsed.subject, `[${new URL(running.url).host}] Bob replied to your comment`);
      assert.match(notice.parsed.text ?? '', /> I think <b>yes<\/b>\./);
      assert.match(String(notice.parsed.html), /I think &#60;b&#62;yes&#60;\/b&#62;\./, 'markup escaped');
      assert.doesNotMatch(notice.parsed.text ?? '', /Early reply/);
      const unsubscribeUrl = linkIn(notice, 'notifications/unsubscribe');
      assert.equal(rawHeader(notice, 'List-Unsubscribe'), `<${unsubscribeUrl}>`);
      assert.equal(rawHeader(notice, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');

      // The author's own reply in the thread is no news to her.
      await post({ name: 'Ada', parent: own.comment.id, text: 'Thanks!', email: 'ada@example.com' });

      // Opening the link shows a button; the mail program's one-click POST unsubscribes without asking.
      const page = await fetch(unsubscribeUrl);
      assert.equal(page.status, 200);
      assert.match(
        await page.text(),
        /<form method="post" action="\?token=[^"]+"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop them<\/button>/,
      );
      const oneClick = await fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.status, 200);
      assert.match(await oneClick.text(), /No more e-mails about replies/);

      await post({ name: 'Carol', parent: own.comment.id, text: 'Late reply' });
      await quietPeriod();
      assert.equal(smtp.messages.length, 2, 'nothing after unsubscribing, nor for her own reply');
      assert.deepEqual(await running.store.subscriptions.ofComment(own.comment.id), undefined);
      assert.deepEqual(
        log.filter((line) => /"level":"error"/.test(line)),
        [],
      );
    });
  });
}
