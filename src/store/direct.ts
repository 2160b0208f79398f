/**
 * The hot path's compiled queries run on the database's driver directly, without Kysely's
 * asynchronous executor around them (its connection provider, its promises: a tenth of an answer
 * turn's CPU).
 *
 * SQLite runs in the process and better-sqlite3 is synchronous: a query runs at once, and an
 * answer's transaction can be one synchronous transaction that nothing else can interleave with.
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
  /** SQLite: fn in one immediate transaction, or null when a Kysely transaction is open (PostgreSQL: always null); fn's throw rolls it back. */
  transaction<T>(fn: () => T): { value: T } | null;
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
    transaction: () => null,
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
  // Inside transaction(fn), synchronous: whatever runs meanwhile is fn's.
  let own = false;
  const begin = sqlite.prepare('begin immediate');
  const commit = sqlite.prepare('commit');
  const rollback = sqlite.prepare('rollback');
  return {
    batches: false,
    run: (sql, parameters) => (sqlite.inTransaction && !own ? null : execute(sql, parameters)),
    transaction<T>(fn: () => T) {
      if (sqlite.inTransaction) return null;
      own = true;
      try {
        begin.run();
        const value = fn();
        commit.run();
        return { value };
      } catch (error) {
        if (sqlite.inTransaction) rollback.run();
        throw error;
      } finally {
        own = false;
      }
    },
  };
}
