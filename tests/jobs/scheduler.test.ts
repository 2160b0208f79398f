/**
 * Layer: the scheduler, on node-cron with vitest's fake timers (clock and timeouts): no overlap,
 * kick, stop, Paris time, and a job list that cannot run refused at start before anything is armed.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createScheduler, InvalidScheduleError, type Job, type Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger('silent');
let scheduler: Scheduler | null = null;
/** Every run held by heldJob, whatever its job: the end of a test lets them all end. */
const held: Array<() => void> = [];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00.500Z') });
});
afterEach(async () => {
  for (const end of held.splice(0)) end();
  const stopping = scheduler?.stop();
  scheduler = null;
  await vi.runOnlyPendingTimersAsync();
  await stopping;
  vi.useRealTimers();
});

/** A job whose runs are counted and each held until the test lets it end. */
function heldJob(over: Partial<Job> = {}) {
  const runs = { started: 0, ended: 0, inFlight: 0, mostAtOnce: 0 };
  const job: Job = {
    name: 'held',
    schedule: '*/2 * * * * *',
    enabled: true,
    run: async () => {
      runs.started++;
      runs.inFlight++;
      runs.mostAtOnce = Math.max(runs.mostAtOnce, runs.inFlight);
      await new Promise<void>((ok) => held.push(ok));
      runs.inFlight--;
      runs.ended++;
    },
    ...over,
  };
  const endRuns = async () => {
    for (const end of held.splice(0)) end();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { job, runs, endRuns };
}

test('a run still going is not started again: the ticks it outlasts make one run after it, never two at once', async () => {
  const { job, runs, endRuns } = heldJob();
  scheduler = createScheduler({ jobs: [job], logger });
  scheduler.start();
  expect(runs.started).toBe(1);
  // Five ticks of "every 2 s" while the first run is held.
  await vi.advanceTimersByTimeAsync(10_000);
  expect(runs).toMatchObject({ started: 1, inFlight: 1 });
  await endRuns();
  expect(runs).toMatchObject({ started: 2, ended: 1, inFlight: 1 });
  await endRuns();
  expect(runs.started).toBe(2);
  await vi.advanceTimersByTimeAsync(2000);
  expect(runs.started).toBe(3);
  expect(runs.mostAtOnce).toBe(1);
});

test('kick runs the job now, not at its next tick, and resolves when that run has ended', async () => {
  const { job, runs, endRuns } = heldJob({ name: 'nightly', schedule: '0 0 3 * * *' });
  scheduler = createScheduler({ jobs: [job, { ...heldJob().job, name: 'off', enabled: false }], logger });
  scheduler.start();
  await endRuns();
  let ended = false;
  const kicked = scheduler.kick('nightly').then(() => (ended = true));
  expect(runs.started).toBe(2);
  await vi.advanceTimersByTimeAsync(0);
  expect(ended).toBe(false);
  await endRuns();
  await kicked;
  expect(ended).toBe(true);
  // A disabled or unknown job is not run by a kick.
  await scheduler.kick('off');
  await scheduler.kick('nobody');
  expect(runs.started).toBe(2);
});

test('stop waits for the run in flight, and nothing runs after it: no tick, no kick, no run left waiting', async () => {
  const { job, runs, endRuns } = heldJob();
  const running = createScheduler({ jobs: [job], logger });
  running.start();
  void running.kick('held'); // waits behind the run in flight
  let stopped = false;
  const stopping = running.stop().then(() => (stopped = true));
  await vi.advanceTimersByTimeAsync(5000);
  expect(stopped).toBe(false);
  await endRuns();
  await stopping;
  expect(stopped).toBe(true);
  await vi.advanceTimersByTimeAsync(60_000);
  await running.kick('held');
  expect(runs).toMatchObject({ started: 1, ended: 1, inFlight: 0 });
});

test('a job that fails is logged and runs again at its next tick', async () => {
  const lines: string[] = [];
  let calls = 0;
  const failing: Job = {
    name: 'flaky',
    schedule: '*/2 * * * * *',
    enabled: true,
    run: async () => {
      if (++calls === 1) throw new Error('database gone');
    },
  };
  scheduler = createScheduler({ jobs: [failing], logger: createLogger('error', { write: (l: string) => void lines.push(l) }) });
  scheduler.start();
  await vi.advanceTimersByTimeAsync(2000);
  expect(calls).toBe(2);
  expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ job: 'flaky', msg: 'job failed', err: expect.objectContaining({ message: 'database gone' }) })]);
});

test('schedules are read in Paris time: "8:00" is 07:00 UTC in winter and 06:00 UTC in summer', async () => {
  const { job, runs, endRuns } = heldJob({ schedule: '0 0 8 * * *' });
  vi.setSystemTime(new Date('2026-03-02T06:59:59Z'));
  scheduler = createScheduler({ jobs: [job], logger });
  scheduler.start();
  await endRuns();
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs.started).toBe(2);
  await endRuns();
  await scheduler.stop();

  vi.setSystemTime(new Date('2026-06-01T05:59:59Z'));
  scheduler = createScheduler({ jobs: [job], logger });
  scheduler.start();
  await endRuns();
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs.started).toBe(4);
  await endRuns();
});

test('a job of a fixed hour that does not run at start waits for its hour', async () => {
  const { job, runs, endRuns } = heldJob({ schedule: '0 0 8 * * *', runAtStart: false });
  vi.setSystemTime(new Date('2026-03-02T06:00:00Z'));
  scheduler = createScheduler({ jobs: [job], logger });
  scheduler.start();
  await vi.advanceTimersByTimeAsync(3600_000 - 1000);
  expect(runs.started).toBe(0);
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs.started).toBe(1);
  await endRuns();
});

test.each([
  ['a malformed schedule', { schedule: 'every minute' }, /job broken: invalid schedule "every minute": expected 5 or 6 fields but got 2/],
  ['an impossible second', { schedule: '61 * * * * *' }, /job broken: invalid schedule "61 \* \* \* \* \*": 61 is a invalid expression for second/],
  ['a bad schedule on a disabled job', { schedule: '* * *', enabled: false }, /job broken: invalid schedule "\* \* \*"/],
  ['a job run once across instances with no lease store', { once: { period: () => 'p', leaseMs: 1000 } }, /job broken: runs once across instances, but the scheduler has no lease store/],
  ['two jobs of one name', { name: 'good' }, /job good: another job has the same name/],
])('%s is refused at start, before any job is armed or run', async (_case, over, message) => {
  const good = heldJob({ name: 'good' });
  const broken = heldJob({ name: 'broken', ...over });
  scheduler = createScheduler({ jobs: [good.job, broken.job], logger });
  expect(() => scheduler!.start()).toThrow(InvalidScheduleError);
  expect(() => scheduler!.start()).toThrow(message);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(good.runs.started + broken.runs.started).toBe(0);
});
