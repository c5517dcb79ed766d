import type { Kysely } from 'kysely';
import type { RateCounter } from './rate-counts.js';
import type { Database } from './schema.js';

/** Rate-limit counts in the `rate_counts` table, incremented atomically by every instance. */
export class KyselyRateCounts implements RateCounter {
  constructor(private readonly db: Kysely<Database>) {}

  async hit(key: string, window: number): Promise<{ current: number; previous: number }> {
    await this.db
      .insertInto('rate_counts')
      .values({ key, window, count: 1 })
      .onConflict((conflict) =>
        conflict.columns(['key', 'window']).doUpdateSet((eb) => ({ count: eb('rate_counts.count', '+', 1) })),
      )
      .execute();
    const rows = await this.db
      .selectFrom('rate_counts')
      .select(['window', 'count'])
      .where('key', '=', key)
      .where('window', 'in', [window, window - 1])
      .execute();
    const countOf = (which: number) => rows.find((row) => row.window === which)?.count ?? 0;
    return { current: countOf(window), previous: countOf(window - 1) };
  }

  async prune(window: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_counts').where('window', '<', window).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
