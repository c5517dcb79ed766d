import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** The most texts prepared by name; further texts run unnamed, so that no sequence of queries grows this. */
const maxNamedStatements = 500;

/** PostgreSQL's answer to a prepared `select *` whose table changed its columns since (another server migrated). */
const changedResultType = 'cached plan must not change result type';

/** What a prepared statement may be (PostgreSQL's PREPARE): DDL, `begin` and `commit` run unnamed. */
const preparable = /^\s*(?:select|insert|update|delete|with|values)\b/i;

/**
 * The name each SQL text is prepared under, the same on every connection. A text given up on keeps its slot, so that
 * its name never goes to another text: node-postgres refuses a name prepared with another text on a connection.
 */
class StatementNames {
  readonly #names = new Map<string, string | undefined>();

  nameOf(text: string): string | undefined {
    if (this.#names.has(text)) return this.#names.get(text);
    if (!preparable.test(text)) return undefined;
    if (this.#names.size >= maxNamedStatements) return undefined;
    const name = `natter_${this.#names.size}`;
    this.#names.set(text, name);
    return name;
  }

  giveUp(text: string): void {
    this.#names.set(text, undefined);
  }
}

type Query = (config: string | pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * A pool over `pool` whose clients run the queries Kysely sends (`query(text, values)`) as named prepared
 * statements: a connection parses and plans a text the first time it runs it, then only binds and executes it,
 * where an unnamed query is parsed and planned every time. A thread page's queries took 70–100 µs a round trip
 * prepared against 150–360 µs unnamed (node-postgres, loopback, PostgreSQL 15). Other calls (a cursor) pass as they
 * are. A prepared `select *` whose table changed its columns under it (a newer server migrated the database) fails
 * once, and its text runs unnamed from then on.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new StatementNames();
  const preparing = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      if (preparing.has(client)) return client as unknown as PostgresPoolClient;
      preparing.add(client);
      const query = client.query.bind(client) as Query;
      // Not async: a call passed on (a cursor object) returns what node-postgres returns, as it returns it.
      const prepared = (text: string | pg.QueryConfig, values?: unknown[]) => {
        const name = typeof text === 'string' ? names.nameOf(text) : undefined;
        if (name === undefined) return query(text, values);
        return query({ name, text: text as string, values }).catch((error: unknown) => {
          if (error instanceof Error && error.message.includes(changedResultType))
            names.giveUp(text as string);
          throw error;
        });
      };
      client.query = prepared as typeof client.query;
      return client as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
