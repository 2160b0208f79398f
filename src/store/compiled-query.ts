/**
 * Queries of the hot path (an answer turn, a start, a profile), built and compiled by Kysely once per
 * database and run many times with new parameters: building and compiling a query on every call was
 * half of a turn's CPU. A query is written with Kysely as usual, with `p('name')` where a value goes;
 * the compiled SQL keeps a parameter there, filled from the values given to `run`.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { directOf, type Direct } from './direct.js';
import type { Database } from './schema.js';

/** The database or a transaction on it. */
type Runner = Pick<Kysely<Database>, 'executeQuery'>;

const MARK = '\u0000partix-parameter:';

/** A named parameter of a compiled query: typed as the column it stands for. */
export type Param = <T>(name: string) => T;
const param: Param = <T>(name: string) => `${MARK}${name}` as T;

type Slot = { name: string } | { constant: unknown };

/** A statement and the values to run it with: one step of a transaction. */
export type Step = readonly [CompiledStatement<unknown>, Readonly<Record<string, unknown>>];

export class CompiledStatement<O> {
  private readonly compiled: CompiledQuery<O>;
  private readonly slots: Slot[];

  constructor(build: (p: Param) => Compilable<O>) {
    this.compiled = build(param).compile();
    this.slots = this.compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? { name: v.slice(MARK.length) } : { constant: v }));
  }

  /** Runs it on the database or transaction it was built on (the SQL is in that dialect); on SQLite, directly when it can (direct.ts). */
  async run(db: Runner, values: Readonly<Record<string, unknown>> = {}): Promise<QueryResult<O>> {
    const parameters = this.parameters(values);
    // async: SQLite's direct path throws at once (a unique index…), and the promise fails, as through Kysely.
    const direct = directOf(db)?.run(this.compiled.sql, parameters);
    if (direct) return direct as QueryResult<O> | Promise<QueryResult<O>>;
    return db.executeQuery<O>({ ...this.compiled, parameters });
  }

  /** Runs it synchronously on SQLite's direct path, inside Direct.transaction. */
  runDirect(direct: Direct, values: Readonly<Record<string, unknown>> = {}): QueryResult<O> {
    const result = direct.run(this.compiled.sql, this.parameters(values));
    if (!result || result instanceof Promise) throw new Error('compiled query: no synchronous direct path (a Kysely transaction is open, or not SQLite)');
    return result as QueryResult<O>;
  }

  private parameters(values: Readonly<Record<string, unknown>>): unknown[] {
    return this.slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      if (!(slot.name in values)) throw new Error(`compiled query: no value for ${slot.name}`);
      return values[slot.name];
    });
  }

  async rows(db: Runner, values?: Readonly<Record<string, unknown>>): Promise<O[]> {
    return (await this.run(db, values)).rows;
  }

  async first(db: Runner, values?: Readonly<Record<string, unknown>>): Promise<O | undefined> {
    return (await this.run(db, values)).rows[0];
  }

  /** Rows an update, insert or delete changed. */
  async affected(db: Runner, values?: Readonly<Record<string, unknown>>): Promise<number> {
    return Number((await this.run(db, values)).numAffectedRows ?? 0n);
  }
}
