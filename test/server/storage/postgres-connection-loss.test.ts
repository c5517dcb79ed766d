// PostgreSQL ends its sessions when it shuts down or restarts ("terminating connection due to administrator
// command"), whatever they are doing: one the store holds between two statements of a transaction too. The store
// must turn each such loss into StoreUnavailableError for that call, never into a crash of the process, and work
// again once connections can be made.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { StoreUnavailableError } from '../../../src/server/storage/errors.js';
import { openPostgresStore } from '../../../src/server/storage/postgres/open-postgres.js';
import type { NewStoredComment } from '../../../src/server/storage/store.js';
import { postgresBackendFromEnvironment, postgresSkipMessage, postgresUrlVariable } from './backends.js';

const backend = postgresBackendFromEnvironment();

/** A published comment of `thread`, as the server would store it. */
function aComment(thread: string): NewStoredComment {
  const createdAt = new Date().toISOString();
  return {
    id: randomBytes(12).toString('base64url'),
    thread,
    parent: null,
    authorName: 'Ada',
    authorEmail: null,
    authorUrl: null,
    text: 'Said while the database went away.',
    status: 'published',
    createdAt,
    secretHash: createHash('sha256').update(randomBytes(24)).digest('base64url'),
    editableUntil: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
  };
}

describe(
  'PostgreSQL store: connections terminated under load',
  { skip: !backend && postgresSkipMessage },
  () => {
    it('fails the calls they carried with StoreUnavailableError, keeps the process up, and works again', async () => {
      const database = await backend!.makeDatabase();
      // Named, so that only this store's sessions are terminated: other test files share the server.
      const name = `natter_loss_${randomBytes(6).toString('hex')}`;
      const location = new URL(database.location);
      location.searchParams.set('application_name', name);
      const store = await openPostgresStore(location.href);
      const admin = new pg.Client({ connectionString: process.env[postgresUrlVariable] });
      await admin.connect();
      try {
        let isLoading = true;
        let unavailable = 0;
        let succeeded = 0;
        const others: unknown[] = [];
        const worker = async (index: number) => {
          while (isLoading) {
            try {
              await store.insertComment(aComment(`/loss/${index % 4}`));
              await store.getThread(`/loss/${index % 4}`);
              succeeded++;
            } catch (error) {
              if (error instanceof StoreUnavailableError) unavailable++;
              else others.push(error);
            }
          }
        };
        const workers = Array.from({ length: 16 }, (_, index) => worker(index));
        let terminated = 0;
        for (let round = 0; round < 20; round++) {
          await sleep(25);
          const { rowCount } = await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
            [name],
          );
          terminated += rowCount ?? 0;
        }
        isLoading = false;
        await Promise.all(workers);
        assert.deepEqual(others, []);
        assert.ok(
          terminated > 0 && unavailable > 0,
          `${terminated} sessions terminated, ${unavailable} calls failed`,
        );

        const thread = '/loss/after';
        assert.equal(await store.insertComment(aComment(thread)), 'inserted');
        assert.equal((await store.getThread(thread)).listedCount, 1);
        assert.ok(succeeded > 0);
      } finally {
        await admin.end();
        await store.close();
        await database.cleanup();
      }
    });
  },
);
