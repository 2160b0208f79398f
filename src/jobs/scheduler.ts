/**
 * Scheduled jobs as a declarative list: each `run` calls a use case, so a job is testable with a
 * fake clock by calling `run` directly. node-cron fires them (Europe/Paris); a job never overlaps
 * itself, and `kick` runs one now (a new upload need not wait for the next tick).
 *
 * Every instance runs every job: most (delivery, imports) claim their rows with guarded updates and
 * are safe to. A job marked `once` runs once per period across instances: whoever takes the
 * period's lease in the database runs it, the others skip it (node-cron's own `distributed` option
 * covers only its ticks, not a kick or the run at start, and knows no period).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { JobLeases } from './leases.js';

export interface Job {
  name: string;
  /** node-cron expression, seconds allowed (six fields), in Europe/Paris time. */
  schedule: string;
  enabled: boolean;
  run: () => Promise<unknown>;
  /**
   * Whether `start` runs it at once (default: yes, a poll need not wait for its first tick). A job
   * of a fixed hour (a reminder at 8:00) says no, or it would run at every deployment.
   */
  runAtStart?: boolean;
  /**
   * Once per period across instances. `period` names the period a run belongs to (e.g. the Paris
   * day); `leaseMs` must exceed the longest run: after it, another instance takes a run whose
   * instance stopped. A run that fails gives the period back, to be tried again at the next tick.
   */
  once?: { period: (now: Date) => string; leaseMs: number };
  /**
   * Whether a tick, kick or start at this moment runs the job: e.g. never at night. A moment it is
   * not due takes no lease, so that the period is still run at its first due moment (at start,
   * that is how a run missed while the process was down is caught up, once).
   */
  due?: (now: Date) => boolean;
}

export interface Scheduler {
  /** Arms every enabled job and runs each now (unless runAtStart is false); refuses a bad list before arming any. */
  start(): void;
  /** Runs the job now (or right after the run in flight); resolves when that run has ended. */
  kick(name: string): Promise<void>;
  /** Stops the schedules and waits for the runs in flight; nothing runs after. */
  stop(): Promise<void>;
}

export class InvalidScheduleError extends Error {
  constructor(
    readonly job: string,
    readonly problems: string[],
  ) {
    super(`job ${job}: ${problems.join('; ')}`);
    this.name = 'InvalidScheduleError';
  }
}

function problemsOf(job: Job, names: Set<string>, leases: JobLeases | undefined): string[] {
  const problems = cron.validateDetailed(job.schedule).errors.map((e) => `invalid schedule "${job.schedule}": ${e.message}`);
  if (names.has(job.name)) problems.push('another job has the same name');
  if (job.once && !leases) problems.push('runs once across instances, but the scheduler has no lease store');
  if (job.once && !(job.once.leaseMs > 0)) problems.push(`lease of ${job.once.leaseMs} ms`);
  return problems;
}

export function createScheduler({
  jobs,
  logger,
  leases,
  clock = () => new Date(),
  holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
}: {
  jobs: Job[];
  logger: Logger;
  leases?: JobLeases;
  clock?: () => Date;
  /** Who holds a lease, for the operator reading job_leases: this process. */
  holder?: string;
}): Scheduler {
  const running = new Map<string, Promise<void>>();
  const queued = new Map<string, Promise<void>>();
  const tasks: ScheduledTask[] = [];
  let stopped = false;

  async function runOnce(job: Job & { once: NonNullable<Job['once']> }) {
    const period = job.once.period(clock());
    if (!(await leases!.take({ job: job.name, period, holder, now: clock(), leaseMs: job.once.leaseMs }))) {
      logger.debug({ job: job.name, period }, 'job already run or running elsewhere for this period');
      return;
    }
    try {
      await job.run();
    } catch (error) {
      await leases!.release({ job: job.name, period, holder, now: clock() });
      throw error;
    }
    await leases!.finish({ job: job.name, period, holder, now: clock() });
  }

  async function execute(job: Job) {
    if (job.due && !job.due(clock())) return;
    try {
      if (job.once) await runOnce({ ...job, once: job.once });
      else await job.run();
    } catch (error) {
      logger.error({ err: error, job: job.name }, 'job failed');
    }
  }

  const fire = (job: Job): Promise<void> => {
    if (stopped) return Promise.resolve();
    const current = running.get(job.name);
    if (current) {
      // A tick or kick during a run is not lost: one more run follows this one, however many came.
      let next = queued.get(job.name);
      if (!next) {
        next = current.then(() => {
          queued.delete(job.name);
          return fire(job);
        });
        queued.set(job.name, next);
      }
      return next;
    }
    const run = execute(job).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };

  return {
    start() {
      const names = new Set<string>();
      for (const job of jobs) {
        const problems = problemsOf(job, names, leases);
        if (problems.length > 0) throw new InvalidScheduleError(job.name, problems);
        names.add(job.name);
      }
      for (const job of jobs.filter((j) => j.enabled)) {
        tasks.push(cron.schedule(job.schedule, () => void fire(job), { timezone: 'Europe/Paris', name: job.name }));
        if (job.runAtStart !== false) void fire(job);
      }
    },
    kick(name) {
      const job = jobs.find((j) => j.name === name && j.enabled);
      return job ? fire(job) : Promise.resolve();
    },
    async stop() {
      stopped = true;
      for (const task of tasks.splice(0)) await task.destroy();
      await Promise.all([...running.values(), ...queued.values()]);
    },
  };
}
