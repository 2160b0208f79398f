/**
 * Lookups and writes by key that come in the same turn of the event loop, sent to PostgreSQL as one
 * statement instead of one each. A round trip costs the bot's process and the server more than the
 * work of the statement itself; under load (a class answering at once) many turns reach the same
 * query in one turn of the loop, and they then share one round trip. Alone, a call waits only for
 * the end of the current turn of the loop (setImmediate), a few microseconds.
 *
 * dataloader does the coalescing (no cache: every call reads the database anew).
 */
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { CompiledStatement } from './compiled-query.js';
import { directOf } from './direct.js';
import type { Database } from './schema.js';

/** At most this many keys per statement: a bounded parameter array and a bounded reply. */
export const MAX_BATCH = 200;

/**
 * `run` is given the distinct keys of one turn of the loop and gives back what it found per key;
 * each caller gets its key's value, or undefined when there is none. An Error as a key's value fails
 * that call alone; `run`'s failure fails them all.
 */
export function batched<K, V>(run: (keys: K[]) => Promise<Map<K, V | Error>>): (key: K) => Promise<V | undefined> {
  const loader = new DataLoader<K, V | undefined>(
    async (keys) => {
      const found = await run([...new Set(keys)]);
      return keys.map((key) => found.get(key));
    },
    { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (callback) => setImmediate(callback) },
  );
  return (key) => loader.load(key);
}

/**
 * A read of one row by key: on PostgreSQL the keys of one turn of the event loop in one statement
 * (`many`, given them as `param`), elsewhere `one` at once (SQLite, where a statement costs no round
 * trip, or a database without a direct path).
 */
export function readByKey<R>(
  db: Kysely<Database>,
  statements: { one: CompiledStatement<R>; oneParam: string; many: CompiledStatement<R>; manyParam: string; keyOf: (row: R) => string },
): (key: string) => Promise<R | undefined> {
  const { one, oneParam, many, manyParam, keyOf } = statements;
  if (!directOf(db)?.batches) return (key) => one.first(db, { [oneParam]: key });
  return batched(async (keys: string[]) => new Map((await many.rows(db, { [manyParam]: keys })).map((row) => [keyOf(row), row])));
}
