/**
 * Layer: whole processes. A campaign's push to 1,000 students, delivered by the bots' own delivery
 * job against a connector that enforces Teams' limits; one bot is killed (SIGKILL) in the middle of
 * the push and started again. On SQLite one bot; on PostgreSQL two, sharing the rows and the pace.
 * Nothing is lost and nothing is sent twice: every message is received once, except those that were
 * on the wire when their process died (SEND_CONCURRENCY at most), left "sending" (never sent again).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SEND_CONCURRENCY } from '../../src/notifications/delivery.js';
import { openStore } from '../../src/store/database.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { LimitedConnector } from '../helpers/limited-connector.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { BotProcesses, exited, type RunningBot } from '../helpers/process.js';
import { seedPush } from '../helpers/push.js';
import { tempDir } from '../helpers/temp.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the two-instance push is not tested');

const bots = new BotProcesses();
afterAll(() => bots.cleanUp());

const STUDENTS = 1000;

describe.each([
  ['SQLite, one bot', 1, false],
  ['PostgreSQL, two bots', 2, true],
] as const)('a push to 1,000 students on %s, one bot killed mid-push', (_name, instances, postgres) => {
  test.skipIf(postgres && !pgUp)('every message is received once; only those on the wire at the kill may be left, never resent', async () => {
    const dir = tempDir('partix-push-crash-');
    const content = buildTestContent();
    bots.own(dir, content);
    const database = postgres ? await freshDatabase('partix_push') : { url: join(dir, 'partix.sqlite'), drop: async () => undefined };
    const connector = new LimitedConnector(50);
    const serviceUrl = await connector.start();
    const store = await openStore(database.url);
    try {
      const keys = await seedPush({ db: store.db, students: STUDENTS, serviceUrl, campaign: 'crash' });
      const env = (i: number) => ({ DATABASE_URL: database.url, UPLOAD_DIR: join(dir, `uploads-${i}`), CONTENT_DIR: content, OUTBOX_RATE_PER_SECOND: '50' });
      const running: RunningBot[] = [];
      for (let i = 0; i < instances; i++) running.push(await bots.start(env(i)));

      await connector.reached(300);
      await exited(running[0]!.child, 'SIGKILL');
      running[0] = await bots.start(env(0));

      let counts = await store.db.selectFrom('outbox').select('state').execute();
      for (let i = 0; i < 900 && counts.some((r) => r.state === 'pending'); i++) {
        await new Promise((ok) => setTimeout(ok, 100));
        counts = await store.db.selectFrom('outbox').select('state').execute();
      }
      const rows = await store.db.selectFrom('outbox').select(['idempotency_key', 'state']).execute();
      const sending = rows.filter((r) => r.state === 'sending');
      expect(sending.length).toBeLessThanOrEqual(SEND_CONCURRENCY);
      expect(rows.filter((r) => r.state === 'sent')).toHaveLength(STUDENTS - sending.length);
      for (const row of rows) {
        const received = connector.received.get(row.idempotency_key) ?? 0;
        if (row.state === 'sent') expect(received, row.idempotency_key).toBe(1);
        else expect(received, row.idempotency_key).toBeLessThanOrEqual(1);
      }
      expect(connector.tally(keys).duplicated).toBe(0);
      for (const bot of running) expect(await exited(bot.child, 'SIGTERM')).toBe(0);
    } finally {
      await store.close();
      await bots.cleanUp();
      await connector.stop();
      await database.drop();
    }
  }, 150_000);
});
