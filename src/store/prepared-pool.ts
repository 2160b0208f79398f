/**
 * PostgreSQL parses and plans every statement it is sent unnamed, as Kysely's driver sends them: on
 * the answer turn that was most of the database server's CPU. This pool names the statements it is
 * given (a name per SQL text), so that each connection has the server parse and plan a statement
 * once and then only binds and runs it. Only queries are named (select, insert, update, delete,
 * with): transaction control and DDL go as they came. The names are bounded: past MAX_NAMED
 * distinct texts (lists of varying length make new ones), the new ones go unnamed. Naming starts once
 * the store is migrated: a `select *` prepared before a migration adds a column would fail after it
 * ("cached plan must not change result type").
 */
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export const MAX_NAMED = 500;

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

export class StatementNames {
  private readonly names = new Map<string, string>();
  private started = false;

  constructor(private readonly max = MAX_NAMED) {}

  /** From now on, queries are named (the schema no longer changes). */
  start(): void {
    this.started = true;
  }

  /** The statement's name, or null when it goes unnamed. */
  nameOf(sql: string): string | null {
    if (!this.started) return null;
    const known = this.names.get(sql);
    if (known !== undefined) return known;
    if (this.names.size >= this.max || !PREPARABLE.test(sql)) return null;
    const name = `partix_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    this.names.set(sql, name);
    return name;
  }
}

/**
 * Another instance's migration may change a table under a statement this connection prepared:
 * PostgreSQL then refuses a `select *` whose rows changed shape ("cached plan must not change result
 * type", 0A000). The query is run again unnamed, and the connection, whose plans are stale, is
 * closed when released (the pool opens a fresh one).
 */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown }).code === '0A000' && /cached plan/i.test(String((error as { message?: unknown }).message));
}

/** What pg's client and pool both have: a query by text or by config. */
interface Queryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
  query(text: string, values: unknown[]): Promise<pg.QueryResult>;
}

/** The query, named when it may be; a stale plan runs it again unnamed and calls `onStale`. */
export function queryNamed(target: Queryable, names: StatementNames, sql: string, values: unknown[], onStale: () => void = () => {}): Promise<pg.QueryResult> {
  const name = names.nameOf(sql);
  if (!name) return target.query(sql, values);
  return target.query({ name, text: sql, values }).catch((error: unknown) => {
    if (!isStalePlan(error)) throw error;
    onStale();
    return target.query(sql, values);
  });
}

/** Kysely's pool, over pg's, with its queries sent as named (prepared) statements. */
export function preparingPool(pool: pg.Pool, names: StatementNames): PostgresPool {
  // Kysely keys its connections by client object: one wrapper per pg client, kept as long as it is.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      let stale = false;
      wrapper = {
        query: ((sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
          if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
          // The connection's plans are stale: it is closed when released.
          return queryNamed(client, names, sqlOrCursor, parameters ? [...parameters] : [], () => (stale = true));
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => {
          if (stale) wrappers.delete(client);
          client.release(destroy || stale);
        },
      };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
