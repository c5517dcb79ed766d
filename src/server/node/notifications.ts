import type { CommentEvents } from '../events.js';
import type { Logger } from '../logger.js';
import type { EmailSettings } from '../notifications/email.js';
import { createNotifier } from '../notifications/notifier.js';
import type { WebhookSettings } from '../notifications/webhook.js';
import type { DeliveryQueue } from '../storage/deliveries.js';
import { startQueueWorker } from '../queue-worker.js';
import { createSmtpSender, type SmtpSettings } from './smtp-sender.js';

/** E-mail notifications on Node: what to send, through which SMTP server. */
export type SmtpEmailSettings = Omit<EmailSettings, 'sender'> & { smtp: SmtpSettings };

export interface NodeNotificationOptions {
  queue: DeliveryQueue;
  events: CommentEvents;
  publicUrl: string;
  webhook?: WebhookSettings;
  email?: SmtpEmailSettings;
  /** Milliseconds between looks at the queue when nothing woke the worker (default 5 000). */
  intervalMs?: number;
  logger: Logger;
}

/**
 * Starts the notifier and its worker when a webhook or e-mail is configured; `close` stops them (aborting sends in
 * flight, which are tried again later) and must come before the store closes.
 */
export function startNotifications(options: NodeNotificationOptions): { close(): Promise<void> } | undefined {
  const { webhook, email, logger } = options;
  if (!webhook && !email) return undefined;
  const sender = email && createSmtpSender(email.smtp);
  let wake = () => {};
  const notifier = createNotifier({
    queue: options.queue,
    events: options.events,
    publicUrl: options.publicUrl,
    webhook,
    email: email && sender && { ...email, sender },
    logger,
    onQueued: () => wake(),
  });
  const worker = startQueueWorker({
    failure: 'notifications could not be sent',
    processDue: (now) => notifier.processDue(now),
    intervalMs: options.intervalMs ?? 5_000,
    logger,
  });
  wake = () => worker.wake();
  // What is on, for the operator: the webhook's origin only (its path may hold a token), never a secret.
  logger.log('info', 'notifications on', {
    ...(webhook && { webhook: new URL(webhook.url).origin }),
    ...(email && { email: { to: email.to.length, mode: email.mode, smtp: email.smtp.host } }),
  });
  return {
    async close() {
      worker.stop();
      await notifier.close();
      sender?.close();
    },
  };
}
