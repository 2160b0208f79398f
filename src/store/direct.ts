/**
 * SQLite runs in the process and better-sqlite3 is synchronous: a compiled query of the hot path can
 * run on it directly, without Kysely's asynchronous executor around it (its connection lock, its
 * promises, a tenth of an answer turn's CPU), and an answer's transaction can be one synchronous
 * better-sqlite3 transaction that nothing else can interleave with. Only while no Kysely transaction
 * is open on the connection: a statement run then would join that transaction, so it goes through
 * Kysely and waits for its turn as before. PostgreSQL has no such path.
 */
import type { QueryResult } from 'kysely';
import type SQLite from 'better-sqlite3';

export interface Direct {
  /** The query's result, or null when a Kysely transaction is open (go through Kysely). */
  run(sql: string, parameters: readonly unknown[]): QueryResult<unknown> | null;
  /** fn in one immediate transaction, or null when a Kysely transaction is open; fn's throw rolls it back. */
  transaction<T>(fn: () => T): { value: T } | null;
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
