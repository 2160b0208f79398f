/**
 * Why an outbox message was not delivered, as a value the teacher's counts can group by (blocked
 * or removed the app, conversation gone, never opened the bot…), rather than a free error text.
 * Rows failed before this migration keep a null reason.
 */
import type { Kysely, Migration } from 'kysely';

export function outboxReasonsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox').addColumn('failure_reason', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox').dropColumn('failure_reason').execute();
    },
  };
}
