/** Where a notification goes. */
export type DeliveryChannel = 'email' | 'webhook';

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
   * Up to `limit` deliveries due at `now`, oldest first, each pushed back to `leaseUntil` so that no other worker
   * takes it meanwhile (if this one crashes, it is taken again then).
   */
  claim(now: string, leaseUntil: string, limit: number): Promise<Delivery[]>;
  markDelivered(id: string, at: string): Promise<void>;
  /** Records a failed attempt and when to try again, or (`retryAt` null) gives up on it. */
  markFailed(id: string, error: string, retryAt: string | null): Promise<void>;
  /** Deliveries not yet delivered, for the admin page and tests. */
  pending(): Promise<Delivery[]>;
}
