import type { Kysely, Selectable } from 'kysely';
import type { Database, ReplySubscriptionsTable } from './schema.js';
import type { NewSubscription, ReplySubscription, SubscriptionStore } from './subscriptions.js';

/** What a slot never used says it was last used at: before any real time. */
const neverUsed = '1970-01-01T00:00:00.000Z';
/**
 * Tries of taking a slot beyond the limit: each failed try means another taker got a slot (or a purge took an
 * unused one away), so `limit` of them use every slot, and a few more cover the purges.
 */
const extraSlotTries = 3;

/** A row of the `reply_subscriptions` table as the store gives it. */
export function toSubscription(row: Selectable<ReplySubscriptionsTable>): ReplySubscription {
  return {
    id: row.id,
    commentId: row.comment_id,
    addressHash: row.address_hash,
    sealedAddress: row.sealed_address,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

/** Reply subscriptions and sending slots in the `reply_subscriptions` and `reply_send_slots` tables. */
export class KyselySubscriptions implements SubscriptionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(subscription: NewSubscription): Promise<ReplySubscription | undefined> {
    // Not a foreign-key error to read: a comment deleted meanwhile simply inserts nothing.
    await this.db
      .insertInto('reply_subscriptions')
      .columns(['id', 'comment_id', 'address_hash', 'sealed_address', 'created_at', 'confirmed_at'])
      .expression((eb) =>
        eb
          .selectFrom('comments')
          .select([
            eb.val(subscription.id).as('id'),
            'id as comment_id',
            eb.val(subscription.addressHash).as('address_hash'),
            eb.val(subscription.sealedAddress).as('sealed_address'),
            eb.val(subscription.createdAt).as('created_at'),
            eb.val(null).as('confirmed_at'),
          ])
          .where('id', '=', subscription.commentId),
      )
      .onConflict((conflict) => conflict.column('comment_id').doNothing())
      .execute();
    return this.ofComment(subscription.commentId);
  }

  async get(id: string): Promise<ReplySubscription | undefined> {
    const row = await this.db
      .selectFrom('reply_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async ofComment(commentId: string): Promise<ReplySubscription | undefined> {
    const row = await this.db
      .selectFrom('reply_subscriptions')
      .selectAll()
      .where('comment_id', '=', commentId)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async confirm(id: string, at: string): Promise<ReplySubscription | undefined> {
    await this.db
      .updateTable('reply_subscriptions')
      .set({ confirmed_at: at })
      .where('id', '=', id)
      .where('confirmed_at', 'is', null)
      .execute();
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('reply_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async purge(unconfirmedBefore: string, slotsBefore: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // A held comment's confirmation goes out when it is approved: its subscription waits for the moderator.
      const unconfirmed = await trx
        .deleteFrom('reply_subscriptions')
        .where('confirmed_at', 'is', null)
        .where('comment_id', 'in', (eb) =>
          eb
            .selectFrom('comments')
            .select('id')
            .where('status', '!=', 'pending')
            .where((row) => row.fn.coalesce('moderated_at', 'created_at'), '<', unconfirmedBefore),
        )
        .executeTakeFirst();
      // A placeholder's author deleted it: its address is wiped, and so is the subscription's.
      const ofPlaceholders = await trx
        .deleteFrom('reply_subscriptions')
        .where('comment_id', 'in', (eb) => eb.selectFrom('comments').select('id').where('deleted', '=', 1))
        .executeTakeFirst();
      await trx.deleteFrom('reply_send_slots').where('used_at', '<', slotsBefore).execute();
      return Number(unconfirmed.numDeletedRows) + Number(ofPlaceholders.numDeletedRows);
    });
  }

  async takeSlot(addressHash: string, limit: number, freeBefore: string, now: string): Promise<boolean> {
    for (let attempt = 0; attempt < limit + extraSlotTries; attempt++) {
      // Made as needed: a raised limit adds slots, and a purge may have taken unused ones away.
      await this.db
        .insertInto('reply_send_slots')
        .values(
          Array.from({ length: limit }, (_, slot) => ({
            address_hash: addressHash,
            slot,
            used_at: neverUsed,
          })),
        )
        .onConflict((conflict) => conflict.columns(['address_hash', 'slot']).doNothing())
        .execute();
      const free = await this.db
        .selectFrom('reply_send_slots')
        .select(['slot', 'used_at'])
        .where('address_hash', '=', addressHash)
        .where('slot', '<', limit)
        .where('used_at', '<', freeBefore)
        .orderBy('used_at')
        .orderBy('slot')
        .executeTakeFirst();
      if (!free) return false;
      // Taken only if nobody took it meanwhile, as a delivery's claim is.
      const result = await this.db
        .updateTable('reply_send_slots')
        .set({ used_at: now })
        .where('address_hash', '=', addressHash)
        .where('slot', '=', free.slot)
        .where('used_at', '=', free.used_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return true;
    }
    return false;
  }

  async busySlots(addressHash: string, limit: number, freeBefore: string): Promise<string[]> {
    const busy = await this.db
      .selectFrom('reply_send_slots')
      .select('used_at')
      .where('address_hash', '=', addressHash)
      .where('slot', '<', limit)
      .where('used_at', '>=', freeBefore)
      .orderBy('used_at')
      .execute();
    return busy.map((row) => row.used_at);
  }
}
