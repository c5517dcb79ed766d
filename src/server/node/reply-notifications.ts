import type { CommentEvents } from '../events.js';
import type { Logger } from '../logger.js';
import { startQueueWorker } from '../queue-worker.js';
import { createReplyNotifier, type ReplyNotifierOptions } from '../reply-notifications/reply-notifier.js';
import type { CommentStore } from '../storage/store.js';
import { createSmtpSender, type SmtpSettings } from './smtp-sender.js';

/** Reply notifications to guests on Node: how they are sent, through which SMTP server. */
export type SmtpReplySettings = Pick<
  ReplyNotifierOptions,
  'from' | 'mode' | 'digestIntervalMinutes' | 'hourlyLimit'
> & { smtp: SmtpSettings };

export interface NodeReplyNotificationOptions {
  store: CommentStore;
  events: CommentEvents;
  /** The URL readers reach the server at, ending in `/`: where the e-mails' links lead. */
  publicUrl: string;
  siteUrl?: string;
  settings: SmtpReplySettings;
  /** Milliseconds between looks at the queue when nothing woke the worker (default 5 000). */
  intervalMs?: number;
  logger: Logger;
}

/**
 * Starts the reply notifier and its worker; `close` stops them (aborting sends in flight, which are tried again
 * later) and must come before the store closes.
 */
export function startReplyNotifications(options: NodeReplyNotificationOptions): { close(): Promise<void> } {
  const { settings, logger } = options;
  const sender = createSmtpSender(settings.smtp);
  let wake = () => {};
  const notifier = createReplyNotifier({
    ...settings,
    store: options.store,
    events: options.events,
    sender,
    publicUrl: options.publicUrl,
    siteUrl: options.siteUrl,
    logger,
    onQueued: () => wake(),
  });
  const worker = startQueueWorker({
    failure: 'reply notifications could not be sent',
    processDue: (now) => notifier.processDue(now),
    intervalMs: options.intervalMs ?? 5_000,
    logger,
  });
  wake = () => worker.wake();
  logger.log('info', 'reply notifications on', {
    mode: settings.mode,
    hourlyLimit: settings.hourlyLimit,
    smtp: settings.smtp.host,
  });
  return {
    async close() {
      worker.stop();
      await notifier.close();
      sender.close();
    },
  };
}
