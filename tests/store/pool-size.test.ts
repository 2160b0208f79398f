/**
 * Layer: app over PostgreSQL. DATABASE_POOL_SIZE bounds the connections one instance opens, so that
 * several instances fit the server's max_connections. Skipped, with a warning, without PostgreSQL.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/chat.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the pool size test is skipped');

describe.skipIf(!pgUp)('DATABASE_POOL_SIZE', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let bot: TestBot;
  let watcher: pg.Client;

  beforeAll(async () => {
    database = await freshDatabase('partix_pool');
    bot = await startTestBot({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3' });
    watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
  });

  afterAll(async () => {
    await watcher?.end();
    await bot?.close();
    await database?.drop();
  });

  test('an instance under load opens no more connections than the setting', async () => {
    // Eight slow queries at once: each holds its connection, the rest wait for one.
    const slow = Array.from({ length: 8 }, () => sql`select pg_sleep(0.3)`.execute(bot.app.store.db));
    await new Promise((ok) => setTimeout(ok, 150));
    const { rows } = await watcher.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%pg_sleep%'`,
    );
    await Promise.all(slow);
    expect(Number(rows[0]!.n)).toBe(3);
  });
});
