/**
 * Scheduled jobs as a declarative list: each `run` calls a use case, so a job is testable with a
 * fake clock by calling `run` directly. node-cron fires them (Europe/Paris); a job never overlaps
 * itself, and `kick` runs one now (a new upload need not wait for the next tick).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export interface Job {
  name: string;
  /** node-cron expression, seconds allowed (six fields). */
  schedule: string;
  enabled: boolean;
  run: () => Promise<unknown>;
}

export interface Scheduler {
  start(): void;
  kick(name: string): void;
  /** Stops the schedules and waits for the runs in flight. */
  stop(): Promise<void>;
}

export function createScheduler(jobs: Job[], logger: Logger): Scheduler {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const tasks: ScheduledTask[] = [];
  let stopped = false;

  const fire = (job: Job) => {
    if (stopped) return;
    if (running.has(job.name)) {
      again.add(job.name);
      return;
    }
    const run = (async () => {
      try {
        await job.run();
      } catch (error) {
        logger.error({ err: error, job: job.name }, 'job failed');
      } finally {
        running.delete(job.name);
        if (again.delete(job.name)) fire(job);
      }
    })();
    running.set(job.name, run);
  };

  return {
    start() {
      for (const job of jobs.filter((j) => j.enabled)) {
        if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: invalid schedule ${job.schedule}`);
        tasks.push(cron.schedule(job.schedule, () => fire(job), { timezone: 'Europe/Paris', name: job.name }));
        fire(job);
      }
    },
    kick(name) {
      const job = jobs.find((j) => j.name === name && j.enabled);
      if (job) fire(job);
    },
    async stop() {
      stopped = true;
      for (const task of tasks) await task.stop();
      await Promise.all(running.values());
    },
  };
}
