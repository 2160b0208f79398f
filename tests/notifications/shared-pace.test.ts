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

/** One worker on a SQLite file delivers `total` messages, one per user, at `perSecond` with `concurrency` sends at once: its tally, and the texts and times of the sends. */
async function soloDelivery({ total, perSecond, concurrency, clock, sleep, onSend }: { total: number; perSecond: number; concurrency: number; clock: () => Date; sleep?: (ms: number) => Promise<void>; onSend?: () => Promise<void> }) {
  const database = await sqliteDatabase();
  const store = await openStore(database.url);
  try {
    const outbox = new Outbox(store.db);
    for (let i = 0; i < total; i++) await outbox.enqueue({ idempotencyKey: `solo-${i}`, userId: `user-${i}`, kind: 'test', payload: { text: `Message ${i}` }, now: clock() });
    const sent: Array<{ at: number; text: string }> = [];
    const sender: Sender = {
      send: async (_reference, payload) => {
        sent.push({ at: clock().getTime(), text: 'text' in payload ? payload.text : '' });
        await onSend?.();
        return { ok: true };
      },
    };
    const tally = await deliverDue({
      outbox,
      sender,
      references: { conversationReference: async (userId) => ({ ...reference, userId, conversationId: `a:conv-${userId}` }) },
      logger: createLogger('silent'),
      clock,
      settings: { maxAttempts: 3, baseDelayMs: 1000, batchSize: 100, perSecond, concurrency },
      ...(sleep ? { sleep } : {}),
    });
    return { tally, texts: sent.map((s) => s.text).sort(), times: sent.map((s) => s.at).sort((x, y) => x - y) };
  } finally {
    await store.close();
    await database.drop();
  }
}

const messages = (total: number) => Array.from({ length: total }, (_, i) => `Message ${i}`).sort();
const busiestSecond = (times: number[]) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));

test('answers that take 300 ms do not slow the pace: several sends are on the wire at once, never more than the concurrency', async () => {
  let onWire = 0;
  let mostOnWire = 0;
  const onSend = async () => {
    mostOnWire = Math.max(mostOnWire, ++onWire);
    await new Promise((ok) => setTimeout(ok, 300));
    onWire--;
  };
  const { tally, texts, times } = await soloDelivery({ total: 30, perSecond: 10, concurrency: 4, clock: () => new Date(), onSend });
  expect(tally).toEqual({ sent: 30, retried: 0, failed: 0, deferred: 0 });
  expect(texts).toEqual(messages(30));
  expect(mostOnWire).toBeGreaterThan(1);
  expect(mostOnWire).toBeLessThanOrEqual(4);
  expect(busiestSecond(times)).toBeLessThanOrEqual(10);
  // One at a time, 30 answers of 300 ms would take 9 s; at the pace it is 2.9 s (and a little more: the margin).
  expect(times.at(-1)! - times[0]!).toBeLessThan(1.5 * 2900);
});

/**
 * Virtual time for one worker with several sends waiting at once: it moves to the earliest wake-up
 * once nothing else can run (better-sqlite3 answers at once, so a macrotask later everything
 * runnable has run). Once, at `stallAt`, it jumps `stallMs` further: the process was held up.
 */
class StallingTime {
  private ms = Date.parse('2026-03-02T09:00:00Z');
  private readonly start = this.ms;
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  private scheduled = false;
  private stalled = false;
  constructor(
    private readonly stallAt: number,
    private readonly stallMs: number,
  ) {}
  clock = () => new Date(this.ms);
  sleep = (ms: number) =>
    new Promise<void>((wake) => {
      this.sleepers.push({ at: this.ms + ms, wake });
      this.schedule();
    });
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.sleepers.length === 0) return;
      this.sleepers.sort((x, y) => x.at - y.at);
      const next = this.sleepers.shift()!;
      this.ms = Math.max(this.ms, next.at);
      if (!this.stalled && this.ms - this.start >= this.stallAt) {
        this.stalled = true;
        this.ms += this.stallMs;
      }
      next.wake();
      this.schedule();
    });
  }
}

test('after the process was held up, the sends whose slots went by take new ones: no burst over the rate', async () => {
  const time = new StallingTime(2000, 600);
  const { tally, texts, times } = await soloDelivery({ total: 40, perSecond: 10, concurrency: 4, clock: time.clock, sleep: time.sleep });
  expect(tally).toEqual({ sent: 40, retried: 0, failed: 0, deferred: 0 });
  expect(texts).toEqual(messages(40));
  expect(busiestSecond(times)).toBeLessThanOrEqual(10);
  // The stall is lost, nothing more: 39 gaps at the pace (and its margin), plus 600 ms, and a little.
  expect(times.at(-1)! - times[0]!).toBeLessThan((39 * 100) / 0.96 + 600 + 500);
});
