/** A guest's wish to be e-mailed about replies to one of their comments. */
export interface ReplySubscription {
  id: string;
  commentId: string;
  /** The address's keyed hash: what the hourly limit counts, and how a reply by the same address is known. */
  addressHash: string;
  /** The address, sealed: opened only to send (reply-notifications/address-key.ts). */
  sealedAddress: string;
  createdAt: string;
  /** When its confirmation link was followed; `null` until then. */
  confirmedAt: string | null;
}

/** A new subscription, unconfirmed. */
export type NewSubscription = Omit<ReplySubscription, 'confirmedAt'>;

/**
 * Reply subscriptions (docs/notifications.md) and the sending slots that cap the messages each address gets. A
 * subscription goes with its comment when the comment is removed.
 */
export interface SubscriptionStore {
  /**
   * Stores `subscription` unless its comment has one already; resolves with the one it has afterwards. `undefined`
   * when the comment no longer exists.
   */
  add(subscription: NewSubscription): Promise<ReplySubscription | undefined>;
  get(id: string): Promise<ReplySubscription | undefined>;
  /** The subscription of a comment, if it has one. */
  ofComment(commentId: string): Promise<ReplySubscription | undefined>;
  /** Marks it confirmed at `at` (once: a second click keeps the first time); `undefined` when it is gone. */
  confirm(id: string, at: string): Promise<ReplySubscription | undefined>;
  /** Deletes it; resolves with whether there was one. */
  remove(id: string): Promise<boolean>;
  /**
   * Deletes the subscriptions never confirmed whose comment is not awaiting a moderator and was posted (or last
   * moderated) before `unconfirmedBefore`, those of comments their authors deleted (placeholders), and the slots
   * last used before `slotsBefore`; resolves with the subscriptions deleted.
   */
  purge(unconfirmedBefore: string, slotsBefore: string): Promise<number>;
  /**
   * Takes one of the address's `limit` sending slots that was last used before `freeBefore`, marking it used at
   * `now`; `false` when all are in use. Atomic: instances on one database together never take more than `limit`.
   */
  takeSlot(addressHash: string, limit: number, freeBefore: string, now: string): Promise<boolean>;
  /**
   * When each of the address's slots in use was used (among its first `limit`, used since `freeBefore`), earliest
   * first: `limit` less their number are free, and the first is the next to free when none is.
   */
  busySlots(addressHash: string, limit: number, freeBefore: string): Promise<string[]>;
}
