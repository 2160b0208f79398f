/**
 * What several instances on one database share to run their jobs as one deployment: the lease of a
 * job that runs once per period, and the outbox's sending pace (one budget for every worker, since
 * Teams counts the app's messages per tenant, not per process).
 */
import type { Kysely, Migration } from 'kysely';

export function sharedJobsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_leases')
        .addColumn('job_name', 'text', (c) => c.notNull())
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('until', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('job_leases_pk', ['job_name', 'period_key'])
        .execute();
      await db.schema
        .createTable('outbox_budget')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('next_slot_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['outbox_budget', 'job_leases']) await db.schema.dropTable(t).execute();
    },
  };
}
