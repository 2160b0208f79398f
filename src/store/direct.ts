/**
 * The hot path's compiled queries run on the database's driver directly, without Kysely's
 * asynchronous executor around them (its connection provider, its promises: a tenth of an answer
 * turn's CPU).
 *
 * SQLite runs in the process and better-sqlite3 is synchronous: a query runs at once, and the
 * answers written in one turn of the event loop share one synchronous transaction (one commit, the
 * most costly step of an answer there) that nothing else can interleave with, each in a savepoint.
 * Only while no Kysely transaction is open on the connection: a statement run then would join that
 * transaction, so it goes through Kysely and waits for its turn as before.
 *
 * PostgreSQL: a query takes a connection of the pool for itself, as Kysely does outside a
 * transaction (a transaction holds a connection of its own); no direct transaction.
 */
import type { QueryResult } from 'kysely';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { queryNamed, type StatementNames } from './prepared-pool.js';

export interface Direct {
  /** The query's result, or null when it must go through Kysely (SQLite: a Kysely transaction is open). */
  run(sql: string, parameters: readonly unknown[]): QueryResult<unknown> | Promise<QueryResult<unknown>> | null;
  /**
   * SQLite: fn in the immediate transaction shared by the writes of this turn of the event loop,
   * each in a savepoint of its own (fn's throw rolls back fn's writes alone and fails its promise):
   * one commit for them all instead of one each. Null when a Kysely transaction is open when they
   * run (the caller then runs its own). PostgreSQL: always null.
   */
  transaction<T>(fn: () => T): Promise<{ value: T } | null>;
  /**
   * PostgreSQL: a round trip costs more than the statement, so the hot path's lookups and writes of
   * one turn of the event loop go as one statement (batch.ts). SQLite: false, a query runs at once.
   */
  readonly batches: boolean;
}

/** What Kysely's PostgreSQL driver makes of a pg result. */
export function postgresDirect(pool: pg.Pool, names: StatementNames): Direct {
  return {
    async run(sql, parameters) {
      // pg's pool closes a connection whose query failed, a stale plan's too.
      const { command, rowCount, rows } = await queryNamed(pool, names, sql, [...parameters]);
      const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
      return { rows: rows ?? [], ...(changed ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}) };
    },
    transaction: async () => null,
    batches: true,
  };
}

const registry = new WeakMap<object, Direct>();

export function registerDirect(db: object, direct: Direct): void {
  registry.set(db, direct);
}

/** The direct path of a database (never of a Kysely transaction on it), if it has one. */
export function directOf(db: object): Direct | undefined {
  return registry.get(db);
}

export function sqliteDirect(sqlite: SQLite.Database, statements: { prepare(sql: string): SQLite.Statement }): Direct {
  /** Run with no Kysely transaction open: what Kysely's SQLite driver does with a query, synchronously. */
  const execute = (sql: string, parameters: readonly unknown[]): QueryResult<unknown> => {
    const statement = statements.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  };
  // While the shared transaction runs, synchronous: whatever runs meanwhile is its own.
  let own = false;
  type Job = { fn: () => unknown; done: (outcome: { value: unknown } | null) => void; fail: (error: unknown) => void };
  // better-sqlite3's transactions: the inner one, called inside the outer, is a savepoint that a
  // throw rolls back alone.
  const alone = sqlite.transaction((fn: () => unknown) => fn());
  const together = sqlite.transaction((jobs: Job[]) =>
    jobs.map((job): { value: unknown } | { error: unknown } => {
      try {
        return { value: alone(job.fn) };
      } catch (error) {
        return { error };
      }
    }),
  );
  let queue: Job[] = [];
  const flush = () => {
    const jobs = queue;
    queue = [];
    // A Kysely transaction opened meanwhile: each write goes its own way, after it.
    if (sqlite.inTransaction) return jobs.forEach((job) => job.done(null));
    own = true;
    try {
      const outcomes = together.immediate(jobs);
      outcomes.forEach((outcome, i) => ('error' in outcome ? jobs[i]!.fail(outcome.error) : jobs[i]!.done(outcome)));
    } catch (error) {
      // The commit itself failed (disk full…): nothing of them was written.
      jobs.forEach((job) => job.fail(error));
    } finally {
      own = false;
    }
  };
  return {
    batches: false,
    run: (sql, parameters) => (sqlite.inTransaction && !own ? null : execute(sql, parameters)),
    transaction<T>(fn: () => T) {
      return new Promise<{ value: T } | null>((done, fail) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ fn, done: done as Job['done'], fail });
      });
    },
  };
}
