/**
 * Layer: delivery worker + store. Two delivery workers (two instances, each its own connection) on
 * one database send at most OUTBOX_RATE_PER_SECOND together, as Teams counts an app's messages per
 * tenant. Time is virtual: it moves only when both workers wait, so the figures are exact.
 * SQLite file, and PostgreSQL when reachable. Teams is the only edge replaced (the Sender).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { deliverDue, type Sender } from '../../src/notifications/delivery.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { openStore, type Store } from '../../src/store/database.js';
import type { ConversationReference } from '../../src/users/conversation-reference.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the shared pace is tested on SQLite only');

/** A clock and a sleep shared by several workers: time jumps to the earliest wake-up once every worker sleeps. */
class VirtualTime {
  private ms = Date.parse('2026-03-02T09:00:00Z');
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  private active = 0;
  clock = () => new Date(this.ms);
  sleep = (ms: number) =>
    new Promise<void>((wake) => {
      this.sleepers.push({ at: this.ms + ms, wake });
      this.advance();
    });
  async all<T>(workers: Array<() => Promise<T>>): Promise<T[]> {
    this.active = workers.length;
    return Promise.all(
      workers.map((work) =>
        work().finally(() => {
          this.active--;
          this.advance();
        }),
      ),
    );
  }
  private advance() {
    if (this.sleepers.length === 0 || this.sleepers.length < this.active) return;
    this.sleepers.sort((x, y) => x.at - y.at);
    const next = this.sleepers.shift()!;
    this.ms = Math.max(this.ms, next.at);
    next.wake();
  }
}

const reference: ConversationReference = {
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  tenantId: 'tenant',
  userId: '29:reader',
  conversationId: 'a:conv',
  botId: '28:partix',
  botName: 'Partix',
};

async function sqliteDatabase() {
  const dir = tempDir('partix-pace-');
  return { url: join(dir, 'shared.sqlite'), drop: async () => removeTempDir(dir) };
}

describe.each([
  ['SQLite file', sqliteDatabase, true],
  ['PostgreSQL', () => freshDatabase('partix_pace'), pgUp],
] as const)('two delivery workers on one %s database', (_name, makeDatabase, available) => {
  const cleanUp: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
  });

  test.skipIf(!available)('send at most the rate per second together, and every message once', async () => {
    const database = await makeDatabase();
    cleanUp.push(database.drop);
    const stores: Store[] = [];
    for (let i = 0; i < 2; i++) stores.push(await openStore(database.url));
    cleanUp.push(async () => void (await Promise.all(stores.map((s) => s.close()))));

    const time = new VirtualTime();
    const total = 60;
    const perSecond = 10;
    for (let i = 0; i < total; i++) {
      await new Outbox(stores[0]!.db).enqueue({ idempotencyKey: `notice-${i}`, userId: `user-${i}`, kind: 'test', payload: { text: `Message ${i}` }, now: time.clock() });
    }
    const sent: Array<{ worker: number; at: number; text: string }> = [];
    const worker = (index: number) => {
      const sender: Sender = {
        send: async (_reference, payload) => {
          sent.push({ worker: index, at: time.clock().getTime(), text: 'text' in payload ? payload.text : '' });
          return { ok: true };
        },
      };
      const outbox = new Outbox(stores[index]!.db, stores[index]!.dialect);
      // As its scheduled job does: a pass, then the next poll, until nothing is left to send. Small
      // batches, so that each worker has its share of the rows and both send at the same time.
      return async () => {
        for (;;) {
          await deliverDue({
            outbox,
            sender,
            references: { conversationReference: async (userId) => ({ ...reference, userId, conversationId: `a:conv-${userId}` }) },
            logger: createLogger('silent'),
            clock: time.clock,
            // One send at a time per worker: the virtual time moves when each worker has one sleeper.
            settings: { maxAttempts: 3, baseDelayMs: 1000, batchSize: 10, perSecond, concurrency: 1 },
            sleep: time.sleep,
          });
          if (!(await outbox.counts()).pending) return;
          await time.sleep(200);
        }
      };
    };
    await time.all([worker(0), worker(1)]);

    expect(sent.map((s) => s.text).sort()).toEqual(Array.from({ length: total }, (_, i) => `Message ${i}`).sort());
    expect(new Set(sent.map((s) => s.worker))).toEqual(new Set([0, 1]));
    // In any second, whichever worker sent them: at most the rate.
    const times = sent.map((s) => s.at).sort((x, y) => x - y);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBe(perSecond);
    // And not much slower than the rate allows: the budget is shared, not lost.
    expect(times.at(-1)! - times[0]!).toBeLessThan(1.1 * ((total - 1) * 1000) / perSecond);
  });

  test.skipIf(!available)('claiming at the same moment, two workers take different rows, and both get a full batch', async () => {
    const database = await makeDatabase();
    cleanUp.push(database.drop);
    const stores: Store[] = [];
    for (let i = 0; i < 2; i++) stores.push(await openStore(database.url));
    cleanUp.push(async () => void (await Promise.all(stores.map((s) => s.close()))));
    const now = new Date('2026-03-02T09:00:00Z');
    const first = new Outbox(stores[0]!.db, stores[0]!.dialect);
    for (let i = 0; i < 200; i++) await first.enqueue({ idempotencyKey: `campaign:c:push:${i}`, userId: `user-${i}`, kind: 'campaign', payload: { text: `${i}` }, now });
    const outboxes = stores.map((s) => new Outbox(s.db, s.dialect));
    // Several rounds, since one claim may well end before the other starts.
    const claims = await Promise.all(outboxes.flatMap((o) => [o.claimDue(now, 50, 10_000), o.claimDue(now, 50, 10_000)]));
    const ids = claims.flatMap((c) => c.messages.map((m) => m.id));
    expect(claims.map((c) => c.messages.length)).toEqual([50, 50, 50, 50]);
    expect(new Set(ids).size).toBe(200);
  });
});

test('a slot set far ahead by a clock ahead of ours is not waited for; a near one is', async () => {
  const database = await sqliteDatabase();
  const store = await openStore(database.url);
  try {
    const outbox = new Outbox(store.db);
    const now = new Date('2026-03-02T09:00:00Z');
    const aheadBy = async (ms: number) => {
      await store.db.deleteFrom('outbox_budget').execute();
      await store.db.insertInto('outbox_budget').values({ name: 'outbox', next_slot_at: new Date(now.getTime() + ms).toISOString() }).execute();
      return (await outbox.reserveSlot(now, 50)).getTime() - now.getTime();
    };
    expect(await aheadBy(3600_000)).toBe(0);
    expect(await aheadBy(1500)).toBe(1500);
    expect(await aheadBy(-60_000)).toBe(0);
  } finally {
    await store.close();
    await database.drop();
  }
});

test('answers that take 300 ms do not slow the pace: several sends are on the wire at once, never more than the concurrency', async () => {
  const database = await sqliteDatabase();
  const store = await openStore(database.url);
  try {
    const outbox = new Outbox(store.db);
    const total = 30;
    const perSecond = 10;
    for (let i = 0; i < total; i++) await outbox.enqueue({ idempotencyKey: `slow-${i}`, userId: `user-${i}`, kind: 'test', payload: { text: `Message ${i}` }, now: new Date() });
    const sent: Array<{ at: number; text: string }> = [];
    let onWire = 0;
    let mostOnWire = 0;
    const sender: Sender = {
      send: async (_reference, payload) => {
        mostOnWire = Math.max(mostOnWire, ++onWire);
        sent.push({ at: performance.now(), text: 'text' in payload ? payload.text : '' });
        await new Promise((ok) => setTimeout(ok, 300));
        onWire--;
        return { ok: true };
      },
    };
    const tally = await deliverDue({
      outbox,
      sender,
      references: { conversationReference: async (userId) => ({ ...reference, userId, conversationId: `a:conv-${userId}` }) },
      logger: createLogger('silent'),
      clock: () => new Date(),
      settings: { maxAttempts: 3, baseDelayMs: 1000, batchSize: 100, perSecond, concurrency: 4 },
    });
    expect(tally).toEqual({ sent: total, retried: 0, failed: 0, deferred: 0 });
    expect(sent.map((s) => s.text).sort()).toEqual(Array.from({ length: total }, (_, i) => `Message ${i}`).sort());
    expect(mostOnWire).toBeGreaterThan(1);
    expect(mostOnWire).toBeLessThanOrEqual(4);
    const times = sent.map((s) => s.at);
    expect(Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length))).toBeLessThanOrEqual(perSecond);
    // One at a time, 30 answers of 300 ms would take 9 s; at the pace it is 2.9 s (and a little more: the margin).
    expect(times.at(-1)! - times[0]!).toBeLessThan(1.5 * ((total - 1) * 1000) / perSecond);
  } finally {
    await store.close();
    await database.drop();
  }
});
