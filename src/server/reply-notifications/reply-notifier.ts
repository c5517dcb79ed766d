import { z } from 'zod';
import { pageUrlOf } from '../admin/admin-comment.js';
import type { CommentEvent, CommentEvents } from '../events.js';
import { createLogger, type Logger } from '../logger.js';
import type { EmailMessage, EmailSender } from '../notifications/email.js';
import { backgroundWork } from '../notifications/background-work.js';
import { deliveryLeaseMs, digestDueAt, type DeliveryReport } from '../notifications/notifier.js';
import { createSigner } from '../signing.js';
import type { Delivery } from '../storage/deliveries.js';
import type { CommentStore, StoredComment } from '../storage/store.js';
import type { ReplySubscription } from '../storage/subscriptions.js';
import { createAddressKey } from './address-key.js';
import { confirmationLifetimeMs, confirmationLink, unsubscribeLink } from './reply-links.js';
import { confirmationMessage, repliesMessage, type CommentPlace } from './reply-messages.js';
import { planMessages, type DueNotice } from './reply-plan.js';

/** How guests are e-mailed about replies (docs/notifications.md). */
export interface ReplyNotifierOptions {
  store: CommentStore;
  /** The app's comment events: a reply published (or a comment with a subscription) queues a notice. */
  events: CommentEvents;
  sender: EmailSender;
  /** The sender of the e-mails: `natter@example.com` or `Comments <natter@example.com>`. */
  from: string;
  /** The URL the server is reached at, ending in `/`: the confirmation and unsubscribe links lead there. */
  publicUrl: string;
  /** The site whose pages hold the threads, for the links to comments; the server's own origin by default. */
  siteUrl?: string;
  /** `each`: a message per reply, at once; `digest`: a comment's replies together, once per interval. */
  mode: 'each' | 'digest';
  /** With `digest`: minutes between digests, counted from midnight UTC (default 60). */
  digestIntervalMinutes?: number;
  /** The most messages an address gets in any hour; more wait and then come together. */
  hourlyLimit: number;
  logger?: Logger;
  /** Told when a notice that is due at once was queued: a worker may start on it now. */
  onQueued?: () => void;
}

/** Queues and sends guests' reply notifications, as `createNotifier` does the site owner's. */
export interface ReplyNotifier {
  /** Claims the notices due at `now`, sends them within each address's limit, and records what became of each. */
  processDue(now?: number): Promise<DeliveryReport>;
  /** Resolves once every event so far has queued what it makes. */
  flush(): Promise<void>;
  /** Stops listening, aborts the sends in flight (they are tried again) and waits for what was under way. */
  close(): Promise<void>;
}

const hourMs = 60 * 60_000;
const batchSize = 200;
/**
 * How long an unconfirmed subscription is kept after its comment was published: beyond the link's three days, as
 * the confirmation itself may wait for the hourly limit or an SMTP server that is down.
 */
const unconfirmedKeptMs = 7 * 24 * hourMs;

const payloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm'), subscription: z.string() }),
  z.object({ kind: z.literal('reply'), subscription: z.string(), reply: z.string() }),
]);
type Payload = z.infer<typeof payloadSchema>;

function readPayload(text: string): Payload | undefined {
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A claimed notice with what sending it needs, read afresh: the subscription and its comment, and the reply. */
interface Ready extends DueNotice {
  delivery: Delivery;
  subscriptionRow: ReplySubscription;
  comment: StoredComment;
  reply?: StoredComment;
}

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();

/** The events after which a comment is one its author may be asked to confirm e-mails about. */
const isShown = (comment: StoredComment) => comment.status === 'published' || comment.status === 'pending';

/**
 * Guests' reply notifications: a subscription's confirmation once its comment is published or held (never while it
 * is spam), then, once confirmed, one notice per published reply to that comment (a held reply when approved; not
 * the author's own replies). Notices wait in the durable queue (channel `reply`) under ids made of what they are
 * about, so that each is sent once however often its comment is approved.
 */
export function createReplyNotifier(options: ReplyNotifierOptions): ReplyNotifier {
  const { store, sender, hourlyLimit } = options;
  const logger = options.logger ?? createLogger('silent');
  const signer = createSigner(store.settings);
  const addresses = createAddressKey(store.settings);
  const background = backgroundWork();
  const siteUrl = options.siteUrl ?? options.publicUrl;
  const placeOf = (comment: StoredComment): CommentPlace => ({
    site: new URL(siteUrl).host,
    pageUrl: pageUrlOf(comment.thread, siteUrl),
  });

  const enqueue = async (id: string, payload: Payload, dueAt: number, at: number) => {
    const isNew = await store.deliveries.enqueueOnce({
      id,
      channel: 'reply',
      payload: JSON.stringify(payload),
      nextAttemptAt: iso(dueAt),
      createdAt: iso(at),
    });
    if (isNew && dueAt <= at) options.onQueued?.();
  };

  /** What `event` queues: a confirmation, a reply notice, or nothing. */
  const noticesOf = async ({ type, comment, at }: CommentEvent) => {
    if (type !== 'spam' && type !== 'reported' && isShown(comment)) {
      const own = await store.subscriptions.ofComment(comment.id);
      if (own && !own.confirmedAt) {
        await enqueue(`rc_${own.id}`, { kind: 'confirm', subscription: own.id }, at, at);
      }
    }
    const isNewlyPublic = type === 'published' || type === 'approved' || type === 'moderated';
    if (!comment.parent || !isNewlyPublic || comment.status !== 'published') return;
    const parent = await store.subscriptions.ofComment(comment.parent);
    if (!parent?.confirmedAt) return;
    // Nobody is told of their own reply.
    if (comment.authorEmail && (await addresses.hash(comment.authorEmail)) === parent.addressHash) return;
    const dueAt = options.mode === 'digest' ? digestDueAt(at, options.digestIntervalMinutes ?? 60) : at;
    await enqueue(
      `rr_${parent.id}_${comment.id}`,
      { kind: 'reply', subscription: parent.id, reply: comment.id },
      dueAt,
      at,
    );
  };

  const stopListening = options.events.listen((event) => {
    background.queue(
      noticesOf(event).catch((error: unknown) => {
        logger.log('error', 'reply notification not queued', {
          comment: event.comment.id,
          event: event.type,
          error: String(error),
        });
      }),
    );
  });

  /** Marks a notice done without sending it: what it was about is gone, or was never to be told. */
  const drop = async (report: DeliveryReport, delivery: Delivery, why: string, now: number) => {
    await store.deliveries.markDelivered(delivery.id, iso(now));
    report.delivered += 1;
    logger.log('debug', 'reply notification not sent', { delivery: delivery.id, why });
  };

  /** The claimed notice made ready to send, or why it is not sent. */
  const prepare = async (delivery: Delivery): Promise<Ready | string> => {
    const payload = readPayload(delivery.payload);
    if (!payload) return 'unreadable';
    const subscriptionRow = await store.subscriptions.get(payload.subscription);
    if (!subscriptionRow) return 'unsubscribed';
    const comment = await store.getComment(subscriptionRow.commentId);
    if (!comment || comment.isDeleted || !isShown(comment)) return 'comment gone';
    const base = { delivery, subscriptionRow, comment, subscription: subscriptionRow.id };
    if (payload.kind === 'confirm') {
      if (subscriptionRow.confirmedAt) return 'confirmed already';
      return { ...base, kind: 'confirm', at: delivery.createdAt };
    }
    if (!subscriptionRow.confirmedAt) return 'not confirmed';
    const reply = await store.getComment(payload.reply);
    if (!reply || reply.isDeleted || reply.status !== 'published') return 'reply gone';
    return { ...base, kind: 'reply', at: reply.createdAt, reply };
  };

  /** The message of one planned group of notices, and its headers. */
  const messageOf = async (
    group: readonly Ready[],
    now: number,
  ): Promise<[EmailMessage, Record<string, string>]> => {
    const [first] = group;
    if (!first) throw new Error('an empty message');
    const place = placeOf(first.comment);
    // Mail programs should not answer it, nor count it as a person's.
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (first.kind === 'confirm') {
      const link = await confirmationLink(
        signer,
        options.publicUrl,
        first.subscription,
        now + confirmationLifetimeMs,
      );
      return [confirmationMessage(place, first.comment.text, link, confirmationLifetimeMs / hourMs), headers];
    }
    const link = await unsubscribeLink(signer, options.publicUrl, first.subscription);
    headers['List-Unsubscribe'] = `<${link}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    const replies = group.flatMap(({ reply }) => (reply ? [reply] : []));
    return [repliesMessage(place, first.comment.text, replies, link), headers];
  };

  /** Sends one message for `group` and records the outcome of each of its notices. */
  const send = async (report: DeliveryReport, group: readonly Ready[], now: number) => {
    const [first] = group;
    if (!first) return;
    let to: string | undefined;
    try {
      to = await addresses.open(first.subscriptionRow.sealedAddress);
      if (!to) throw new Error('the address cannot be opened: was the address key replaced?');
      const [message, headers] = await messageOf(group, now);
      await sender.send({ ...message, from: options.from, to: [to], headers }, background.signal);
    } catch (error) {
      // An SMTP server's refusal may quote the address; the log and the queue keep none.
      const said = error instanceof Error ? error.message : String(error);
      const text = (to ? said.split(to).join('<the address>') : said).slice(0, 500);
      for (const { delivery } of group) {
        const failures = delivery.attempts + 1;
        const retryAt = background.retryAt(failures, now);
        await store.deliveries.markFailed(delivery.id, text, retryAt);
        if (retryAt === null) report.gaveUp += 1;
        else report.failed += 1;
        logger.log(retryAt === null ? 'error' : 'warn', 'reply notification failed', {
          delivery: delivery.id,
          attempts: failures,
          error: text,
        });
      }
      return;
    }
    for (const { delivery } of group) {
      await store.deliveries.markDelivered(delivery.id, iso(now));
      report.delivered += 1;
    }
    logger.log('debug', 'reply notification sent', { deliveries: group.map(({ delivery }) => delivery.id) });
  };

  /** Sends what `due` (one address's notices) plans to within the address's hour; the rest waits for a slot. */
  const sendWithinLimit = async (report: DeliveryReport, addressHash: string, due: Ready[], now: number) => {
    // A slot is free again an hour after its use, to the millisecond.
    const freeBefore = iso(now - hourMs + 1);
    const busy = await store.subscriptions.busySlots(addressHash, hourlyLimit, freeBefore);
    const { messages, waiting } = planMessages(due, hourlyLimit - busy.length, options.mode === 'digest');
    const held = [...waiting];
    for (const [index, group] of messages.entries()) {
      if (!(await store.subscriptions.takeSlot(addressHash, hourlyLimit, freeBefore, iso(now)))) {
        // Another instance took the last slots meanwhile.
        held.push(...messages.slice(index).flat());
        break;
      }
      await send(report, group, now);
    }
    if (held.length === 0) return;
    const [freesFirst] = await store.subscriptions.busySlots(addressHash, hourlyLimit, freeBefore);
    // With a slot free again (one taken meanwhile was given back by a purge), soon.
    const until = freesFirst ? Date.parse(freesFirst) + hourMs : now + 1_000;
    for (const { delivery } of held) await store.deliveries.postpone(delivery.id, iso(until));
    logger.log('debug', 'reply notifications wait for the hourly limit', {
      deliveries: held.length,
      until: iso(until),
    });
  };

  let purgedAt = -Infinity;
  const work = async (now: number): Promise<DeliveryReport> => {
    // Unconfirmed subscriptions past their link's life, and slots long free, go once an hour.
    if (now - purgedAt >= hourMs) {
      purgedAt = now;
      await store.subscriptions.purge(iso(now - unconfirmedKeptMs), iso(now - hourMs));
    }
    const claimed = await store.deliveries.claim(iso(now), iso(now + deliveryLeaseMs), batchSize, ['reply']);
    const report: DeliveryReport = { claimed: claimed.length, delivered: 0, failed: 0, gaveUp: 0 };
    const byAddress = new Map<string, Ready[]>();
    for (const delivery of claimed) {
      const ready = await prepare(delivery);
      if (ready === 'unreadable') {
        await store.deliveries.markFailed(delivery.id, 'a payload this version of natter cannot read', null);
        report.gaveUp += 1;
      } else if (typeof ready === 'string') {
        await drop(report, delivery, ready, now);
      } else {
        const hash = ready.subscriptionRow.addressHash;
        byAddress.set(hash, [...(byAddress.get(hash) ?? []), ready]);
      }
    }
    for (const [addressHash, due] of byAddress) await sendWithinLimit(report, addressHash, due, now);
    return report;
  };

  return {
    processDue: (now = Date.now()) => background.round(() => work(now)),
    flush: () => background.flush(),
    close: () => background.close(stopListening),
  };
}
