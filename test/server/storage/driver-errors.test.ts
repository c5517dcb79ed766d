// What each backend makes of its driver's real errors: the store's callers see StoreUnavailableError for a storage
// that is busy or out of reach, and never a driver's own codes.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { classifyPostgresError } from '../../../src/server/storage/postgres/driver-errors.js';
import { postgresBackendFromEnvironment, postgresSkipMessage, postgresUrlVariable } from './backends.js';

/** The error a real query gets, or fails the test if it succeeds. */
async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  assert.fail('the query succeeded');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PostgreSQL driver errors', () => {
  it('reads a server that refuses connections as unavailable', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort(), user: 'natter' });
    const error = await errorOf(() => client.connect());
    assert.equal((error as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(classifyPostgresError(error), 'unavailable');
  });

  const backend = postgresBackendFromEnvironment();
  const url = process.env[postgresUrlVariable];
  it(
    'reads a connection the server terminated as unavailable',
    { skip: !backend && postgresSkipMessage },
    async () => {
      const victim = new pg.Client({ connectionString: url });
      const admin = new pg.Client({ connectionString: url });
      victim.on('error', () => {});
      await Promise.all([victim.connect(), admin.connect()]);
      try {
        const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
        const sleeping = errorOf(() => victim.query('select pg_sleep(10)'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        const error = await sleeping;
        assert.equal((error as { code?: string }).code, '57P01');
        assert.equal(classifyPostgresError(error), 'unavailable');
        // The dead client's next query fails without a code; that too is a storage out of reach.
        const after = await errorOf(() => victim.query('select 1'));
        assert.equal(classifyPostgresError(after), 'unavailable', String(after));
      } finally {
        await Promise.allSettled([victim.end(), admin.end()]);
      }
    },
  );

  it(
    'reads a broken foreign key as such, and a syntax error as a fault',
    { skip: !backend && postgresSkipMessage },
    async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('create temporary table parents (id int primary key)');
        await client.query('create temporary table children (parent int references parents (id))');
        const broken = await errorOf(() => client.query('insert into children values (1)'));
        assert.equal(classifyPostgresError(broken), 'broken_reference');
        const fault = await errorOf(() => client.query('selec 1'));
        assert.equal(classifyPostgresError(fault), 'other');
      } finally {
        await client.end();
      }
    },
  );
});
