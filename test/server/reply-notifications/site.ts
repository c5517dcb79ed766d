import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { NewComment, PostCommentResponse } from '../../../src/protocol/types.js';
import { CommentEvents } from '../../../src/server/events.js';
import { createLogger } from '../../../src/server/logger.js';
import { held, spam } from '../../../src/server/moderation/verdict.js';
import { createSmtpSender } from '../../../src/server/node/smtp-sender.js';
import type { ModerationLayer } from '../../../src/server/moderation/verdict.js';
import type { EmailSender } from '../../../src/server/notifications/email.js';
import type { DeliveryReport } from '../../../src/server/notifications/notifier.js';
import {
  createReplyNotifier,
  type ReplyNotifierOptions,
} from '../../../src/server/reply-notifications/reply-notifier.js';
import { adminApp, setPassword, signIn, type Moderator } from '../admin/helpers.js';
import type { SuiteDatabase, TestApp } from '../http/helpers.js';
import { waitUntil, type ReceivedMail } from '../notifications/receivers.js';
import { linkIn, smtpServer } from './mail.js';

export const publicUrl = 'https://comments.example.com/';
export const siteUrl = 'https://blog.example.com';

/** Holds a comment whose text says HOLD, and sends one that says SPAM to spam: moderation as the tests need it. */
const byWord: ModerationLayer = ({ comment }) => {
  if (comment.text.includes('HOLD')) return held('the test said so');
  if (comment.text.includes('SPAM')) return spam('the test said so');
  return undefined;
};

/** A site with reply notifications: the app (admin API included), its notifier, and a real SMTP server. */
export interface NotifyingSite {
  app: TestApp;
  /** What the SMTP server accepted, in order. */
  mails: ReceivedMail[];
  log: string[];
  /** Posts a comment that must be accepted (published or held); the thread is `/post` unless `fields` say. */
  post(fields: Partial<NewComment>): Promise<PostCommentResponse>;
  /** One round of the notifier at the app's clock, once what the events queue is in the queue. */
  send(): Promise<DeliveryReport>;
  /** Waits until the SMTP server holds `count` messages, and checks that it holds no more. */
  expectMails(count: number): Promise<void>;
  /** A moderator signed in to the admin API. */
  moderator(): Promise<Moderator>;
  /** Subscribes a new comment of `email`'s and follows its confirmation link; resolves with the comment. */
  subscribed(email: string, fields?: Partial<NewComment>): Promise<PostCommentResponse>;
  /** GET or POST of one of the e-mails' links, on the app. */
  follow(link: string, method?: 'GET' | 'POST'): ReturnType<TestApp['request']>;
}

/** A notifying site on the suite's database, closed when the test ends. */
export async function notifyingSite(
  t: TestContext,
  database: SuiteDatabase,
  {
    wrapSender = (sender) => sender,
    ...options
  }: Partial<Pick<ReplyNotifierOptions, 'mode' | 'hourlyLimit' | 'digestIntervalMinutes'>> & {
    /** Stands between the notifier and the SMTP server: a test's failures. */
    wrapSender?: (sender: EmailSender) => EmailSender;
  } = {},
): Promise<NotifyingSite> {
  const smtp = await smtpServer(t);
  const events = new CommentEvents();
  await setPassword(database.store);
  const app = adminApp(database, {
    events,
    replyNotifications: true,
    moderationLayers: [byWord],
    publicUrl,
    siteUrl,
  });
  const log: string[] = [];
  const sender = createSmtpSender({ host: '127.0.0.1', port: smtp.port, security: 'none' });
  const notifier = createReplyNotifier({
    store: database.store,
    events,
    sender: wrapSender(sender),
    from: 'Comments <natter@blog.example.com>',
    publicUrl,
    siteUrl,
    mode: 'each',
    hourlyLimit: 6,
    logger: createLogger('debug', (line) => log.push(line)),
    ...options,
  });
  t.after(async () => {
    await notifier.close();
    sender.close();
  });
  let moderator: Moderator | undefined;
  const site: NotifyingSite = {
    app,
    mails: smtp.messages,
    log,
    async post(fields) {
      const answer = await app.request('/api/v1/comments', {
        method: 'POST',
        json: { thread: '/post', name: 'Ada', text: 'Lovely post.', ...fields },
      });
      assert.ok(answer.status === 201 || answer.status === 202, answer.text);
      await notifier.flush();
      return answer.body as PostCommentResponse;
    },
    async send() {
      await notifier.flush();
      return notifier.processDue(app.clock.now());
    },
    async expectMails(count) {
      await waitUntil(() => smtp.messages.length >= count, `${count} messages`);
      // A message more would have been sent in the same round, and have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(smtp.messages.length, count, smtp.messages.map((mail) => mail.parsed.subject).join('\n'));
    },
    async moderator() {
      moderator ??= await signIn(app);
      return moderator;
    },
    async subscribed(email, fields = {}) {
      const before = smtp.messages.length;
      const posted = await site.post({ email, notify: true, ...fields });
      await site.send();
      await site.expectMails(before + 1);
      const confirmed = await site.follow(linkIn(smtp.messages[before]!, 'notifications/confirm'));
      assert.equal(confirmed.status, 200, confirmed.text);
      return posted;
    },
    follow(link, method = 'GET') {
      const url = new URL(link);
      assert.equal(url.origin, new URL(publicUrl).origin, 'links lead to the public URL');
      return app.request(`${url.pathname}${url.search}`, { method });
    },
  };
  return site;
}
