/**
 * Layer: store over SQLite. The hot path's compiled queries run on better-sqlite3 directly, and the
 * answers of one turn of the event loop share one synchronous transaction; while a Kysely transaction is open on the
 * connection, a query neither sees its uncommitted rows nor joins it (so is not rolled back with
 * it): it waits its turn, as through Kysely.
 */
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CompiledStatement } from '../../src/store/compiled-query.js';
import { openStore, type Store } from '../../src/store/database.js';
import { directOf } from '../../src/store/direct.js';
import type { Database } from '../../src/store/schema.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

interface Notes {
  notes: { id: number; body: string };
}

describe('the direct path on SQLite', () => {
  let dir: string;
  let store: Store;
  let db: Kysely<Notes>;
  let count: CompiledStatement<{ n: number }>;
  let insert: CompiledStatement<unknown>;

  beforeAll(async () => {
    dir = tempDir('partix-direct-');
    store = await openStore(join(dir, 'direct.sqlite'));
    db = store.db as unknown as Kysely<Notes>;
    await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('body', 'text', (c) => c.notNull()).execute();
    count = new CompiledStatement((p) => db.selectFrom('notes').select((eb) => eb.fn.countAll<number>().as('n')).where('body', '=', p<string>('body')));
    insert = new CompiledStatement((p) => db.insertInto('notes').values({ id: p<number>('id'), body: p<string>('body') }));
  });

  afterAll(async () => {
    await store?.close();
    removeTempDir(dir);
  });

  const runner = () => store.db as unknown as Kysely<Database>;

  test('a query during a Kysely transaction waits for its end, sees only what was committed, and is not rolled back with it', async () => {
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const transaction = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 1, body: 'inside' }).execute();
        await held;
        throw new Error('rolled back');
      })
      .catch((error: Error) => error.message);
    await new Promise((ok) => setTimeout(ok, 20));
    // Meanwhile: a write and a read of the hot path, on the database (not the transaction).
    const write = insert.run(runner(), { id: 2, body: 'outside' });
    const read = count.first(runner(), { body: 'inside' });
    let settled = false;
    void Promise.all([write, read]).then(() => (settled = true));
    await new Promise((ok) => setTimeout(ok, 20));
    expect(settled).toBe(false);
    release();
    expect(await transaction).toBe('rolled back');
    await write;
    expect((await read)?.n).toBe(0);
    expect((await count.first(runner(), { body: 'outside' }))?.n).toBe(1);
    expect((await count.first(runner(), { body: 'inside' }))?.n).toBe(0);
  });

  test('writes of one turn of the event loop share a transaction: each is all or nothing, the others kept beside it', async () => {
    const direct = directOf(store.db)!;
    const outcomes = await Promise.allSettled([
      direct.transaction(() => {
        insert.runDirect(direct, { id: 10, body: 'first' });
        insert.runDirect(direct, { id: 10, body: 'same id' });
      }),
      direct.transaction(() => insert.runDirect(direct, { id: 11, body: 'kept' })),
      direct.transaction(() => {
        insert.runDirect(direct, { id: 12, body: 'kept' });
        return 'told';
      }),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/UNIQUE/) }) });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: { value: 'told' } });
    // The failed write left nothing; the others, written beside it, are kept.
    expect((await count.first(runner(), { body: 'first' }))?.n).toBe(0);
    expect((await count.first(runner(), { body: 'kept' }))?.n).toBe(2);
  });

  test('a shared transaction is one: a write that waits for it sees nothing of it until it is committed', async () => {
    const direct = directOf(store.db)!;
    const queued = direct.transaction(() => insert.runDirect(direct, { id: 20, body: 'queued' }));
    // Not yet run: the transaction runs once this turn of the event loop is over.
    expect((await count.first(runner(), { body: 'queued' }))?.n).toBe(0);
    expect(await queued).not.toBeNull();
    expect((await count.first(runner(), { body: 'queued' }))?.n).toBe(1);
  });

  test('while a Kysely transaction is open, the shared transaction does not run: its writes go their own way', async () => {
    const direct = directOf(store.db)!;
    await db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      expect(await direct.transaction(() => 'never')).toBeNull();
      expect(direct.run('select 1', [])).toBeNull();
    });
  });
});
