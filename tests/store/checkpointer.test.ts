/**
 * Layer: store over SQLite. The server's store checkpoints its log from a worker thread: its own
 * commits never copy the log into the database file (nor pause the event loop to sync it), and the
 * worker does it within a second or two; closed, it leaves the file whole for the next start.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { CHECKPOINT_EVERY_MS } from '../../src/store/checkpointer.js';
import { openStore, type Store } from '../../src/store/database.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

interface Notes {
  notes: { id: number; body: string };
}

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) removeTempDir(d);
});

async function storeWithRows(checkpointInBackground: boolean) {
  const dir = tempDir('partix-checkpoint-');
  dirs.push(dir);
  const file = join(dir, 'store.sqlite');
  const store = await openStore(file, { checkpointInBackground });
  stores.push(store);
  const db = store.db as unknown as Kysely<Notes>;
  await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('body', 'text', (c) => c.notNull()).execute();
  await new Promise((ok) => setTimeout(ok, CHECKPOINT_EVERY_MS * 1.5));
  const before = statSync(file).size;
  // About 3 MB in 1,500 commits: past SQLite's own checkpoint mark (1,000 pages) many times.
  for (let i = 0; i < 1500; i++) await db.insertInto('notes').values({ id: i, body: 'x'.repeat(2000) }).execute();
  return { file, store, db, before, after: statSync(file).size };
}

describe('checkpoints', () => {
  test('the server’s store leaves them to its worker, which makes them within the second', async () => {
    const { file, store, before, after } = await storeWithRows(true);
    expect(after).toBe(before);
    await new Promise((ok) => setTimeout(ok, CHECKPOINT_EVERY_MS * 2.5));
    expect(statSync(file).size).toBeGreaterThan(before + 2_000_000);
    await store.close();
    stores.pop();
    const again = await openStore(file);
    stores.push(again);
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(again.db)).rows[0]?.n).toBe(1500);
  }, 20_000);

  test('a command’s store (no worker) checkpoints by itself', async () => {
    const { before, after } = await storeWithRows(false);
    expect(after).toBeGreaterThan(before + 2_000_000);
  }, 20_000);
});
