/**
 * Leases of the jobs that run once per period across instances (migration 008). A period's row is
 * taken by one holder until `until`; a finished run keeps it for good, so that no instance runs that
 * period again; a failed run hands it back at once; a holder that stopped loses it at `until`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

type Lease = { job: string; period: string; holder: string; now: Date };

/** Finished periods older than this are deleted: a period key never comes back. */
const KEEP_FINISHED_MS = 30 * 24 * 3600 * 1000;

export class JobLeases {
  constructor(private readonly db: Kysely<Database>) {}

  /** True when this holder may run the period: nobody had it, or its holder stopped before the end. */
  async take({ job, period, holder, now, leaseMs }: Lease & { leaseMs: number }): Promise<boolean> {
    const stamp = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const inserted = await this.db
      .insertInto('job_leases')
      .values({ job_name: job, period_key: period, holder, until, finished_at: null })
      .onConflict((oc) => oc.columns(['job_name', 'period_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    // Guarded: of two instances that find it lapsed at once, one takes it.
    const taken = await this.db
      .updateTable('job_leases')
      .set({ holder, until })
      .where('job_name', '=', job)
      .where('period_key', '=', period)
      .where('finished_at', 'is', null)
      .where('until', '<=', stamp)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async finish({ job, period, holder, now }: Lease): Promise<void> {
    const stamp = now.toISOString();
    await this.db
      .updateTable('job_leases')
      .set({ finished_at: stamp })
      .where('job_name', '=', job)
      .where('period_key', '=', period)
      .where('holder', '=', holder)
      .execute();
    await this.db
      .deleteFrom('job_leases')
      .where('job_name', '=', job)
      .where('finished_at', '<', new Date(now.getTime() - KEEP_FINISHED_MS).toISOString())
      .execute();
  }

  /** After a failed run: the period is free for the next tick, here or on another instance. */
  async release({ job, period, holder, now }: Lease): Promise<void> {
    await this.db
      .updateTable('job_leases')
      .set({ until: now.toISOString() })
      .where('job_name', '=', job)
      .where('period_key', '=', period)
      .where('holder', '=', holder)
      .where('finished_at', 'is', null)
      .execute();
  }
}
