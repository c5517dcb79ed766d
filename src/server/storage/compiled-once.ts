import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.js';

/** Stands for a value while a query is compiled: no value natter stores begins with U+0000. */
const placeholder = '\u0000natter:';

/** Where each parameter of a compiled query comes from: a value by its name, or what the query itself said. */
type ParameterSource = { name: string } | { constant: unknown };

/**
 * A query of the hot path that Kysely builds and compiles once, on its first use, and that later uses run with other
 * values: building and compiling cost Kysely several times what SQLite takes to run an insert (12 µs against 1.4 µs
 * each, measured), and a post runs half a dozen (Kysely's recipe "splitting query building and execution"). `build`
 * must give a query of the same shape whatever the values: it is given placeholders, never the values themselves.
 * One per store, since the SQL depends on the dialect.
 */
export class CompiledOnce<Values extends Record<string, unknown>, Row = unknown> {
  readonly #build: (db: Kysely<Database>, values: Values) => Compilable<Row>;
  #compiled?: { query: CompiledQuery<Row>; sources: ParameterSource[]; names: ReadonlySet<string> };

  constructor(build: (db: Kysely<Database>, values: Values) => Compilable<Row>) {
    this.#build = build;
  }

  /** Runs the query on `db` (the store's, or a transaction) with `values`. */
  execute(db: Kysely<Database>, values: Values): Promise<QueryResult<Row>> {
    const { query, sources, names } = (this.#compiled ??= this.#compile(db, Object.keys(values)));
    // Kysely leaves out a column whose value is undefined, and a query compiled with other names would drop or miss
    // values: either is a bug of the caller, said at once rather than stored wrong.
    for (const name in values) {
      if (values[name] === undefined || !names.has(name))
        return Promise.reject(
          new Error(`CompiledOnce: ${name} is undefined or was not given when the query was compiled`),
        );
    }
    if (Object.keys(values).length !== names.size)
      return Promise.reject(new Error('CompiledOnce: a value is missing'));
    const parameters = sources.map((source) => ('name' in source ? values[source.name] : source.constant));
    return db.executeQuery<Row>({ ...query, parameters });
  }

  #compile(db: Kysely<Database>, names: readonly string[]) {
    const placeholders = Object.fromEntries(names.map((name) => [name, `${placeholder}${name}`])) as Values;
    const query = this.#build(db, placeholders).compile();
    const sources = query.parameters.map((parameter): ParameterSource =>
      typeof parameter === 'string' && parameter.startsWith(placeholder)
        ? { name: parameter.slice(placeholder.length) }
        : { constant: parameter },
    );
    return { query, sources, names: new Set(names) };
  }
}
