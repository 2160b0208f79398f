/**
 * Layer: scheduler + store. A job that must run once per period, in two instances (two schedulers,
 * each with its own connection) on one database: SQLite file, and PostgreSQL when reachable.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JobLeases } from '../../src/jobs/leases.js';
import { parisPeriod } from '../../src/jobs/periods.js';
import { createScheduler, type Job, type Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/store/database.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the once-across-instances tests run on SQLite only');

const logger = createLogger('silent');
const HOUR = 3600 * 1000;

async function sqliteDatabase() {
  const dir = tempDir('partix-leases-');
  return { url: join(dir, 'shared.sqlite'), drop: async () => removeTempDir(dir) };
}

describe.each([
  ['SQLite file', sqliteDatabase, true],
  ['PostgreSQL', () => freshDatabase('partix_leases'), pgUp],
] as const)('two instances on one %s database', (_name, makeDatabase, available) => {
  let database: { url: string; drop: () => Promise<void> };
  let stores: Store[] = [];
  let now = new Date('2026-03-02T07:00:00Z');
  const clock = () => now;
  /** Who ran which period: a run is held until the test lets it end, so that runs overlap. */
  const runs: Array<{ instance: string; period: string }> = [];
  let failNext = false;

  function instance(name: string, store: Store): Scheduler {
    const digest: Job = {
      name: 'morning-digest',
      schedule: '0 0 8 * * *',
      enabled: true,
      once: { period: parisPeriod('day'), leaseMs: HOUR },
      run: async () => {
        // Both instances are in here at once if the lease lets them: the other's take happens meanwhile.
        await new Promise((ok) => setTimeout(ok, 20));
        if (failNext) {
          failNext = false;
          throw new Error('connector down');
        }
        runs.push({ instance: name, period: parisPeriod('day')(now) });
      },
    };
    return createScheduler({ jobs: [digest], logger, leases: new JobLeases(store.db), clock, holder: name });
  }
  let a: Scheduler;
  let b: Scheduler;
  const both = () => Promise.all([a.kick('morning-digest'), b.kick('morning-digest')]);

  beforeAll(async () => {
    if (!available) return;
    database = await makeDatabase();
    // One after the other: SQLite has no migration lock between processes (a deployment on SQLite is one instance).
    stores = [await openStore(database.url), await openStore(database.url)];
    a = instance('a', stores[0]!);
    b = instance('b', stores[1]!);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const store of stores) await store.close();
    await database?.drop();
  });

  test.skipIf(!available)('started together, then kicked together: the day is run once, by one of them', async () => {
    a.start();
    b.start();
    await both();
    await both();
    expect(runs).toEqual([{ instance: expect.stringMatching(/^[ab]$/), period: '2026-03-02' }]);
  });

  test.skipIf(!available)('the next day is a new period: run once again', async () => {
    now = new Date(now.getTime() + 24 * HOUR);
    await both();
    await both();
    expect(runs.map((r) => r.period)).toEqual(['2026-03-02', '2026-03-03']);
  });

  test.skipIf(!available)('a run that fails gives the day back: the next kick, on either instance, runs it', async () => {
    now = new Date(now.getTime() + 24 * HOUR);
    failNext = true;
    await a.kick('morning-digest');
    expect(runs).toHaveLength(2);
    await b.kick('morning-digest');
    await a.kick('morning-digest');
    expect(runs.slice(2)).toEqual([{ instance: 'b', period: '2026-03-04' }]);
  });

  test.skipIf(!available)('an instance that stopped mid-run holds the day until its lease ends, then another takes it over', async () => {
    now = new Date(now.getTime() + 24 * HOUR);
    const leases = new JobLeases(stores[0]!.db);
    expect(await leases.take({ job: 'morning-digest', period: '2026-03-05', holder: 'gone', now, leaseMs: HOUR })).toBe(true);
    await both();
    expect(runs).toHaveLength(3);
    now = new Date(now.getTime() + HOUR);
    await both();
    await both();
    expect(runs.slice(3)).toEqual([{ instance: expect.stringMatching(/^[ab]$/), period: '2026-03-05' }]);
    const row = await stores[1]!.db.selectFrom('job_leases').selectAll().where('period_key', '=', '2026-03-05').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: runs[3]!.instance, finished_at: now.toISOString() });
  });
});

test('the Paris day, hour and minute of an instant, summer time included', () => {
  expect(parisPeriod('day')(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
  expect(parisPeriod('hour')(new Date('2026-07-14T22:15:00Z'))).toBe('2026-07-15T00');
  expect(parisPeriod('minute')(new Date('2026-01-05T07:05:59Z'))).toBe('2026-01-05T08:05');
});
