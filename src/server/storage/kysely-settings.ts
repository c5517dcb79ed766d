import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SettingKey, SettingStore } from './settings.js';

/** Settings in the `settings` table. */
export class KyselySettings implements SettingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: SettingKey): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async set(key: SettingKey, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
      .execute();
  }

  async setIfAbsent(key: SettingKey, value: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  async delete(key: SettingKey): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
