import type { CommentEvent, CommentEvents } from '../events.js';
import { createLogger, type Logger } from '../logger.js';
import { mapLimited } from '../map-limited.js';
import { randomBase64Url } from '../secrets.js';
import type { Delivery, DeliveryChannel, DeliveryQueue } from '../storage/deliveries.js';
import { backgroundWork } from './background-work.js';
import { digestMessage, emailedEvents, heldMessage, type EmailMessage, type EmailSettings } from './email.js';
import { noticeOf, readQueuedNotice, type CommentNotice, type QueuedNotice } from './notice.js';
import { defaultWebhookEvents, postWebhook, webhookBody, type WebhookSettings } from './webhook.js';

export interface NotifierOptions {
  /** The durable queue notifications wait in (`store.deliveries`). */
  queue: DeliveryQueue;
  /** The app's comment events (`createApp`'s `events`): each becomes deliveries in the queue. */
  events: CommentEvents;
  /** The URL the server is reached at: links open `<publicUrl>/admin#/comment/<id>`. */
  publicUrl: string;
  webhook?: WebhookSettings;
  email?: EmailSettings;
  logger?: Logger;
  /** Told when a delivery that is due at once has been queued: a worker may start on it now. */
  onQueued?: () => void;
  /** The runtime's `fetch`, for the webhooks. */
  fetch?: typeof fetch;
}

/** What one round of `processDue` did, counted in deliveries. */
export interface DeliveryReport {
  claimed: number;
  delivered: number;
  /** Failed, to be tried again. */
  failed: number;
  /** Failed for the last time: kept in the queue as failed. */
  gaveUp: number;
}

/** Turns comment events into deliveries, and sends those that are due. */
export interface Notifier {
  /**
   * Claims the deliveries due at `now` (milliseconds), sends them, and marks each delivered or failed (to be tried
   * again later, or given up). Several instances may call it at once on one database: each delivery goes to one.
   */
  processDue(now?: number): Promise<DeliveryReport>;
  /** Resolves once every event so far is in the queue. */
  flush(): Promise<void>;
  /** Stops listening, aborts the sends in flight (they are tried again) and waits for what was under way. */
  close(): Promise<void>;
}

/**
 * How long a claimed delivery is this worker's: another instance takes it after that, should this one have crashed
 * mid-send. Well beyond the slowest send (a webhook times out after 10 s, SMTP after 30 s of silence).
 */
export const deliveryLeaseMs = 5 * 60_000;

/** The most deliveries one round claims: a digest of more is sent in parts. */
const batchSize = 200;
/** The channels this notifier sends: the site owner's (guests' reply notifications have a worker of their own). */
const ownerChannels: readonly DeliveryChannel[] = ['email', 'webhook'];
/** Webhooks posted at once. */
const webhookConcurrency = 8;

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();
const newDeliveryId = () => `n_${randomBase64Url(16)}`;

/** The moment the digest period holding `at` ends, periods counted from midnight UTC. */
export function digestDueAt(at: number, intervalMinutes: number): number {
  const period = intervalMinutes * 60_000;
  return (Math.floor(at / period) + 1) * period;
}

/**
 * The site owner's notifications: a webhook and e-mail for comment events. Listening never makes a request wait: an
 * event is put in the durable queue in the background, and sending is `processDue`'s work, which the runtime's
 * adapter calls on a timer (queue-worker.ts).
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { queue, publicUrl, webhook, email } = options;
  const logger = options.logger ?? createLogger('silent');
  // Events on their way into the queue, and rounds of sending: close() waits for both.
  const background = backgroundWork();
  const webhookEvents = new Set(webhook?.events ?? defaultWebhookEvents);
  const emailEvents = new Set(email ? emailedEvents[email.mode] : []);

  /** The deliveries an event makes, and when each is due. */
  const deliveriesOf = (event: CommentEvent) => {
    const notice = noticeOf(event);
    const made: { channel: DeliveryChannel; payload: QueuedNotice; dueAt: number }[] = [];
    if (webhook && webhookEvents.has(event.type)) {
      made.push({ channel: 'webhook', payload: { notice }, dueAt: event.at });
    }
    if (email && emailEvents.has(event.type)) {
      const dueAt =
        email.mode === 'digest' ? digestDueAt(event.at, email.digestIntervalMinutes ?? 60) : event.at;
      made.push({ channel: 'email', payload: { notice, format: email.mode }, dueAt });
    }
    return made;
  };

  const stopListening = options.events.listen((event) => {
    for (const { channel, payload, dueAt } of deliveriesOf(event)) {
      const delivery = {
        id: newDeliveryId(),
        channel,
        payload: JSON.stringify(payload),
        nextAttemptAt: iso(dueAt),
        createdAt: iso(event.at),
      };
      background.queue(
        queue.enqueue(delivery).then(
          () => {
            if (dueAt <= event.at) options.onQueued?.();
          },
          (error: unknown) => {
            logger.log('error', 'notification not queued', {
              channel,
              comment: event.comment.id,
              event: event.type,
              error: String(error),
            });
          },
        ),
      );
    }
  });

  const sendEmail = async (message: EmailMessage) => {
    if (!email) throw new Error('no e-mail is configured on this server');
    await email.sender.send({ ...message, from: email.from, to: email.to }, background.signal);
  };

  const sendWebhook = async (delivery: Delivery, notice: CommentNotice, now: number) => {
    if (!webhook) throw new Error('no webhook is configured on this server');
    await postWebhook({
      settings: webhook,
      body: webhookBody(delivery.id, notice, publicUrl),
      now,
      signal: background.signal,
      fetch: options.fetch,
    });
  };

  /** Sends once for `deliveries` (one message, or a digest of them), and records what became of each. */
  const attempt = async (
    report: DeliveryReport,
    deliveries: readonly Delivery[],
    now: number,
    send: () => Promise<void>,
  ) => {
    try {
      await send();
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      for (const delivery of deliveries) {
        const failures = delivery.attempts + 1;
        const retryAt = background.retryAt(failures, now);
        await queue.markFailed(delivery.id, message, retryAt);
        const fields = {
          delivery: delivery.id,
          channel: delivery.channel,
          attempts: failures,
          error: message,
        };
        if (retryAt) {
          report.failed += 1;
          logger.log('warn', 'notification failed; it will be tried again', { ...fields, retryAt });
        } else {
          report.gaveUp += 1;
          logger.log('error', 'notification given up', fields);
        }
      }
      return;
    }
    for (const delivery of deliveries) {
      await queue.markDelivered(delivery.id, iso(now));
      report.delivered += 1;
      logger.log('debug', 'notification sent', { delivery: delivery.id, channel: delivery.channel });
    }
  };

  const work = async (now: number): Promise<DeliveryReport> => {
    const claimed = await queue.claim(iso(now), iso(now + deliveryLeaseMs), batchSize, ownerChannels);
    const report: DeliveryReport = { claimed: claimed.length, delivered: 0, failed: 0, gaveUp: 0 };
    const webhooks: [Delivery, CommentNotice][] = [];
    const emails: [Delivery, CommentNotice][] = [];
    const digest: [Delivery, CommentNotice][] = [];
    for (const delivery of claimed) {
      const queued = readQueuedNotice(delivery.payload);
      if (!queued) {
        // Written by a newer or older natter: nothing this one can send, and trying again would not change that.
        await queue.markFailed(delivery.id, 'a payload this version of natter cannot read', null);
        report.gaveUp += 1;
        logger.log('error', 'notification given up', { delivery: delivery.id, error: 'unreadable payload' });
      } else if (delivery.channel === 'webhook') {
        webhooks.push([delivery, queued.notice]);
      } else if (queued.format === 'digest') {
        digest.push([delivery, queued.notice]);
      } else {
        emails.push([delivery, queued.notice]);
      }
    }
    await mapLimited(webhooks, webhookConcurrency, ([delivery, notice]) =>
      attempt(report, [delivery], now, () => sendWebhook(delivery, notice, now)),
    );
    for (const [delivery, notice] of emails) {
      await attempt(report, [delivery], now, () => sendEmail(heldMessage(notice, publicUrl)));
    }
    if (digest.length > 0) {
      const notices = digest.map(([, notice]) => notice);
      await attempt(
        report,
        digest.map(([delivery]) => delivery),
        now,
        () => sendEmail(digestMessage(notices, publicUrl)),
      );
    }
    return report;
  };

  return {
    processDue: (now = Date.now()) => background.round(() => work(now)),
    flush: () => background.flush(),
    close: () => background.close(stopListening),
  };
}
