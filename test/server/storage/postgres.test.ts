import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loopbackPostgresUrl, postgresBackendFromEnvironment, postgresSkipMessage } from './backends.js';
import { runImportStoreTests } from './import-suite.js';
import { runMentionStoreTests } from './mention-suite.js';
import { runOpeningTests, runStoreTests } from './store-suite.js';
import { runSubscriptionStoreTests } from './subscription-suite.js';

describe('PostgreSQL test URL', () => {
  for (const url of [
    'postgres://natter:natter@127.0.0.1:5432/natter_test',
    'postgresql://natter@localhost/natter_test',
    'postgres://natter@[::1]:5433/natter_test?sslmode=disable',
  ]) {
    it(`accepts ${url}`, () => assert.equal(loopbackPostgresUrl(url), url));
  }

  for (const url of [
    'postgres://natter:natter@db.example.com:5432/natter',
    'postgres://natter@10.0.0.5/natter',
    'postgres://natter@localhost.example.com/natter',
    'postgres://natter@127.0.0.1/natter?host=db.example.com',
    'postgres://natter@/natter',
    'mysql://natter@127.0.0.1/natter',
    'natter.db',
  ]) {
    it(`refuses ${url}`, () => assert.throws(() => loopbackPostgresUrl(url), /NATTER_TEST_POSTGRES_URL/));
  }
});

// Throws, failing this file, when the variable names a server on another machine.
const postgres = postgresBackendFromEnvironment();

if (postgres) {
  runStoreTests('PostgreSQL store', postgres.makeStore);
  runMentionStoreTests('PostgreSQL store', postgres.makeStore);
  runImportStoreTests('PostgreSQL store', postgres.makeStore);
  runSubscriptionStoreTests('PostgreSQL store', postgres.makeStore);
  runOpeningTests('PostgreSQL store: opening a schema', postgres.makeDatabase);

  describe('PostgreSQL schemas', () => {
    it('keeps two natters in two schemas of one database apart', async () => {
      const [first, second] = [await postgres.makeDatabase(), await postgres.makeDatabase()];
      try {
        const firstStore = await first.open();
        const secondStore = await second.open().catch(async (error: unknown) => {
          await firstStore.close();
          throw error;
        });
        try {
          await firstStore.setThreadLocked('/shared-key', true);
          assert.deepEqual(await secondStore.getThread('/shared-key'), {
            key: '/shared-key',
            listedCount: 0,
            isLocked: false,
            moderation: null,
            referenceCount: 0,
          });
        } finally {
          await Promise.all([firstStore.close(), secondStore.close()]);
        }
        assert.deepEqual(await second.appliedMigrations(), await first.appliedMigrations());
      } finally {
        await Promise.all([first.cleanup(), second.cleanup()]);
      }
    });

    it('opens a schema while other natters’ schemas of the database are dropped', async () => {
      // Kysely's own introspector, which its migrator asks on every start, reads every schema's tables; one
      // dropped mid-read failed the opening at random ("schema, relation or column … does not exist").
      const doomed = await Promise.all(Array.from({ length: 12 }, () => postgres.makeDatabase()));
      for (const database of doomed) await (await database.open()).close();
      const fresh = await Promise.all(Array.from({ length: 6 }, () => postgres.makeDatabase()));
      try {
        const [opened] = await Promise.all([
          Promise.allSettled(fresh.map((database) => database.open())),
          ...doomed.map((database) => database.cleanup()),
        ]);
        const failures = opened.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
        await Promise.all(
          opened.map((result) => (result.status === 'fulfilled' ? result.value.close() : null)),
        );
        assert.deepEqual(failures, []);
      } finally {
        await Promise.all(fresh.map((database) => database.cleanup()));
      }
    });
  });
} else {
  describe('PostgreSQL store', { skip: postgresSkipMessage }, () => {});
}
