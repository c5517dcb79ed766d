import { Hono, type Context } from 'hono';
import { pageUrlOf } from '../admin/admin-comment.js';
import type { Signer } from '../signing.js';
import type { CommentStore } from '../storage/store.js';
import { readConfirmation, readUnsubscribe } from './reply-links.js';
import { renderReplyPage, replyPageHeaders, type ReplyPage } from './reply-pages.js';

export interface ReplyRoutesOptions {
  store: CommentStore;
  signer: Signer;
  /** The site whose pages hold the threads, for the link back to the comment's page. */
  siteUrl: (request: Request) => string;
  now: () => number;
}

const invalidLink = (what: string): ReplyPage => ({
  status: 400,
  title: 'This link does not work',
  paragraphs: [
    `It is not a ${what} link of this site, or it was cut short on its way: mail programs sometimes break long links. Copy the whole link from the e-mail into the address bar.`,
  ],
});

/**
 * `/notifications/confirm` and `/notifications/unsubscribe` (docs/notifications.md): the confirmation link turns a
 * subscription on; the unsubscribe link shows a button (GET) or ends the subscription at once (POST, RFC 8058's
 * one-click unsubscribe). Neither needs a sign-in: the signed token is the proof.
 */
export function replyRoutes(options: ReplyRoutesOptions): Hono {
  const { store, signer } = options;
  const app = new Hono();

  const answer = async (c: Context, page: ReplyPage) =>
    c.body(renderReplyPage(page), page.status, await replyPageHeaders());

  /** A link back to the page of `commentId`'s thread, when the comment is still there. */
  const backTo = async (c: Context, commentId: string): Promise<ReplyPage['link']> => {
    const comment = await store.getComment(commentId);
    if (!comment) return undefined;
    return { href: pageUrlOf(comment.thread, options.siteUrl(c.req.raw)), text: 'Back to the page' };
  };

  app.get('/confirm', async (c) => {
    const claim = await readConfirmation(signer, c.req.query('token') ?? '', options.now());
    if ('problem' in claim) {
      if (claim.problem === 'invalid') return answer(c, invalidLink('confirmation'));
      return answer(c, {
        status: 410,
        title: 'This link has expired',
        paragraphs: [
          'Confirmation links work for three days. To get e-mails about replies, post a comment again with “Notify me of replies” ticked, and open the new link.',
        ],
      });
    }
    const subscription = await store.subscriptions.confirm(
      claim.subscription,
      new Date(options.now()).toISOString(),
    );
    if (!subscription) {
      return answer(c, {
        status: 410,
        title: 'There is nothing to confirm',
        paragraphs: [
          'The comment was deleted, or its e-mails were stopped since: no e-mail about replies to it is sent.',
        ],
      });
    }
    return answer(c, {
      status: 200,
      title: 'You will get an e-mail about replies',
      paragraphs: [
        'Thank you: whenever someone replies to your comment, you get an e-mail. Each one has a link that stops them.',
      ],
      link: await backTo(c, subscription.commentId),
    });
  });

  /** The subscription an unsubscribe request names, read from its token. */
  const named = (c: Context) => readUnsubscribe(signer, c.req.query('token') ?? '');

  app.get('/unsubscribe', async (c) => {
    const id = await named(c);
    if (id === undefined) return answer(c, invalidLink('unsubscribe'));
    const subscription = await store.subscriptions.get(id);
    if (!subscription) return answer(c, stopped);
    return answer(c, {
      status: 200,
      title: 'Stop e-mails about replies?',
      paragraphs: ['You will get no more e-mails about replies to your comment.'],
      // Relative: the same path, whatever prefix a proxy put before it.
      form: { action: `?token=${encodeURIComponent(c.req.query('token') ?? '')}`, button: 'Stop them' },
      link: await backTo(c, subscription.commentId),
    });
  });

  app.post('/unsubscribe', async (c) => {
    const id = await named(c);
    if (id === undefined) return answer(c, invalidLink('unsubscribe'));
    const subscription = await store.subscriptions.get(id);
    await store.subscriptions.remove(id);
    return answer(c, {
      ...stopped,
      link: subscription && (await backTo(c, subscription.commentId)),
    });
  });

  return app;
}

const stopped: ReplyPage = {
  status: 200,
  title: 'No more e-mails about replies',
  paragraphs: [
    'You will get no more e-mails about replies to this comment. To get them again, post a comment with “Notify me of replies” ticked.',
  ],
};
