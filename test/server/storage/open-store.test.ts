import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPostgresUrl, openStore } from '../../../src/server/storage/open-store.js';
import { backends } from './backends.js';

describe('openStore', () => {
  for (const location of [
    'postgres://natter@127.0.0.1/natter',
    'postgresql://natter@localhost/natter',
    'POSTGRES://h/d',
  ]) {
    it(`reads ${location} as a PostgreSQL server`, () => assert.equal(isPostgresUrl(location), true));
  }
  for (const location of [
    'natter.db',
    './data/natter.db',
    '/var/lib/postgres/natter.db',
    'postgres.db',
    ':memory:',
  ]) {
    it(`reads ${location} as a SQLite file`, () => assert.equal(isPostgresUrl(location), false));
  }

  for (const backend of backends()) {
    it(`opens ${backend.name} from its location`, async () => {
      const database = await backend.makeDatabase();
      try {
        const store = await openStore(database.location);
        await store.setThreadLocked('/opened', true);
        assert.equal((await store.getThread('/opened')).isLocked, true);
        await store.close();
      } finally {
        await database.cleanup();
      }
    });
  }
});
