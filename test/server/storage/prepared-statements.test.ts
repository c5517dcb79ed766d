import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { preparingPool } from '../../../src/server/storage/postgres/prepared-statements.js';
import { postgresBackendFromEnvironment, postgresSkipMessage } from './backends.js';

const backend = postgresBackendFromEnvironment();

/** A pool of one connection on a fresh schema, prepared; and the names its session has prepared. */
async function onePreparingConnection() {
  const database = await backend!.makeDatabase();
  const pool = new pg.Pool({ connectionString: database.location, max: 1 });
  const preparing = preparingPool(pool);
  const client = await preparing.connect();
  const query = (text: string, values: unknown[] = []) =>
    (client.query as unknown as (text: string, values: unknown[]) => Promise<pg.QueryResult>)(text, values);
  const preparedNames = async () => {
    const { rows } = await query('select statement from pg_prepared_statements order by statement');
    return rows.map((row: { statement: string }) => row.statement);
  };
  return {
    query,
    preparedNames,
    async close() {
      client.release();
      await preparing.end();
      await database.cleanup();
    },
  };
}

describe('PostgreSQL statements prepared by name', { skip: !backend && postgresSkipMessage }, () => {
  it('prepares each query text once per connection, and neither DDL nor transaction control', async () => {
    const connection = await onePreparingConnection();
    try {
      await connection.query('create table things (id integer primary key, name text)');
      await connection.query('begin');
      await connection.query('insert into things (id, name) values ($1, $2)', [1, 'one']);
      await connection.query('insert into things (id, name) values ($1, $2)', [2, 'two']);
      await connection.query('commit');
      const { rows } = await connection.query('select name from things where id = $1', [2]);
      assert.deepEqual(rows, [{ name: 'two' }]);
      assert.deepEqual(await connection.preparedNames(), [
        'insert into things (id, name) values ($1, $2)',
        'select name from things where id = $1',
        'select statement from pg_prepared_statements order by statement',
      ]);
    } finally {
      await connection.close();
    }
  });

  it('prepares at most 500 texts, and runs the rest as they are', async () => {
    const connection = await onePreparingConnection();
    try {
      for (let index = 0; index < 520; index++) {
        const { rows } = await connection.query(`select $1::integer + ${index} as sum`, [1]);
        assert.equal(rows[0].sum, index + 1);
      }
      // The listing's own query took one of the 500.
      assert.equal((await connection.preparedNames()).length, 500);
    } finally {
      await connection.close();
    }
  });

  it('runs a select * unnamed once its table changed its columns under it, after failing it once', async () => {
    const connection = await onePreparingConnection();
    try {
      await connection.query('create table things (id integer primary key)');
      await connection.query('insert into things (id) values ($1)', [1]);
      assert.deepEqual((await connection.query('select * from things')).rows, [{ id: 1 }]);
      await connection.query('alter table things add column name text');
      await assert.rejects(
        connection.query('select * from things'),
        /cached plan must not change result type/,
      );
      assert.deepEqual((await connection.query('select * from things')).rows, [{ id: 1, name: null }]);
    } finally {
      await connection.close();
    }
  });
});
