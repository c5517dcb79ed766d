import type { Kysely, Selectable } from 'kysely';
import type { Delivery, DeliveryChannel, DeliveryQueue } from './deliveries.js';
import type { Database, DeliveriesTable } from './schema.js';

function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: row.id,
    channel: row.channel as DeliveryChannel,
    payload: row.payload,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

function toRow(delivery: Omit<Delivery, 'attempts' | 'lastError'>) {
  return {
    id: delivery.id,
    channel: delivery.channel,
    payload: delivery.payload,
    next_attempt_at: delivery.nextAttemptAt,
    created_at: delivery.createdAt,
    last_error: null,
    delivered_at: null,
  };
}

/** The notification queue in the `deliveries` table. */
export class KyselyDeliveries implements DeliveryQueue {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(delivery: Omit<Delivery, 'attempts' | 'lastError'>): Promise<void> {
    await this.db.insertInto('deliveries').values(toRow(delivery)).execute();
  }

  async enqueueOnce(delivery: Omit<Delivery, 'attempts' | 'lastError'>): Promise<boolean> {
    const result = await this.db
      .insertInto('deliveries')
      .values(toRow(delivery))
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async claim(
    now: string,
    leaseUntil: string,
    limit: number,
    channels?: readonly DeliveryChannel[],
  ): Promise<Delivery[]> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('deliveries')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<=', now);
      if (channels) query = query.where('channel', 'in', [...channels]);
      const due = await query.orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
      const claimed: Delivery[] = [];
      for (const row of due) {
        // Taken only if nobody took it meanwhile: another instance may have claimed the same row.
        const result = await trx
          .updateTable('deliveries')
          .set({ next_attempt_at: leaseUntil })
          .where('id', '=', row.id)
          .where('next_attempt_at', '=', row.next_attempt_at)
          .where('delivered_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) claimed.push(toDelivery(row));
      }
      return claimed;
    });
  }

  async markDelivered(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({ delivered_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string, retryAt: string | null): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 1000),
        // Given up: kept for the record, marked as delivered never.
        next_attempt_at: retryAt ?? '9999-12-31T23:59:59.999Z',
      }))
      .where('id', '=', id)
      .execute();
  }

  async postpone(id: string, until: string): Promise<void> {
    await this.db.updateTable('deliveries').set({ next_attempt_at: until }).where('id', '=', id).execute();
  }

  async pending(): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toDelivery);
  }
}
