/**
 * Layer: scheduler + store (SQLite). A job with `due` runs only at a due moment; a moment it is not
 * due takes no lease, so that a once-a-day job started at night still runs that day, once, when due.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { JobLeases } from '../../src/jobs/leases.js';
import { parisPeriod } from '../../src/jobs/periods.js';
import { createScheduler, type Job } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/store/database.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = tempDir('partix-due-');
  store = await openStore(join(dir, 'due.sqlite'));
});
afterAll(async () => {
  await store.close();
  removeTempDir(dir);
});

test('not due at night: no run and no lease; due in the morning: one run for the day, however many kicks', async () => {
  let now = new Date('2027-05-18T01:00:00Z');
  const runs: string[] = [];
  const job: Job = {
    name: 'daytime',
    schedule: '0 0 9-17 * * 1-5',
    enabled: true,
    once: { period: parisPeriod('day'), leaseMs: 60_000 },
    due: (at) => Number(parisPeriod('hour')(at).slice(11)) >= 9,
    run: async () => void runs.push(now.toISOString()),
  };
  const scheduler = createScheduler({ jobs: [job], logger: createLogger('silent'), leases: new JobLeases(store.db), clock: () => now });
  await scheduler.kick('daytime');
  expect(runs).toEqual([]);
  expect(await store.db.selectFrom('job_leases').selectAll().execute()).toEqual([]);
  now = new Date('2027-05-18T08:00:00Z');
  await scheduler.kick('daytime');
  now = new Date('2027-05-18T12:00:00Z');
  await scheduler.kick('daytime');
  expect(runs).toEqual(['2027-05-18T08:00:00.000Z']);
  await scheduler.stop();
});
