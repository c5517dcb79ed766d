/**
 * Where a notification goes: the site owner's e-mail or webhook, or (`reply`) a guest's e-mail about replies to
 * their comment (reply-notifications/).
 */
export type DeliveryChannel = 'email' | 'webhook' | 'reply';

/** A notification to send, kept until it is delivered. */
export interface Delivery {
  id: string;
  channel: DeliveryChannel;
  /** The message as JSON text: what the channel's sender needs. */
  payload: string;
  attempts: number;
  /** When to try (again). */
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
}

/**
 * Notifications waiting to be sent, durable: a crash or an outage of the receiver loses none. Several instances may
 * work the queue at once; `claim` hands each due delivery to one of them at a time.
 */
export interface DeliveryQueue {
  enqueue(delivery: Omit<Delivery, 'attempts' | 'lastError'>): Promise<void>;
  /**
   * Enqueues `delivery` unless one with its id was ever queued (sent or not); resolves with whether it did. An id
   * made of what a notification is about sends it once however often that happens.
   */
  enqueueOnce(delivery: Omit<Delivery, 'attempts' | 'lastError'>): Promise<boolean>;
  /**
   * Up to `limit` deliveries due at `now` (of `channels` only, when given), oldest first, each pushed back to
   * `leaseUntil` so that no other worker takes it meanwhile (if this one crashes, it is taken again then).
   */
  claim(
    now: string,
    leaseUntil: string,
    limit: number,
    channels?: readonly DeliveryChannel[],
  ): Promise<Delivery[]>;
  markDelivered(id: string, at: string): Promise<void>;
  /** Records a failed attempt and when to try again, or (`retryAt` null) gives up on it. */
  markFailed(id: string, error: string, retryAt: string | null): Promise<void>;
  /** Lets a claimed delivery wait until `until` without counting an attempt (a limit, not a failure, holds it). */
  postpone(id: string, until: string): Promise<void>;
  /** Deliveries not yet delivered, for the admin page and tests. */
  pending(): Promise<Delivery[]>;
}
