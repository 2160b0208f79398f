/**
 * A file sent in chat is fetched by its import job, not inside the turn (Teams wants an answer
 * within about 15 s): the job keeps the file's download URL until it ends. Teams redelivers a
 * message it thinks unanswered with the same activity id: the unique index makes the second
 * delivery find the first request instead of starting a second download. Imports run from the
 * command line have neither (null run_by and activity_id never collide).
 */
import type { Kysely, Migration } from 'kysely';

export function importDownloadsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('imports').addColumn('download_url', 'text').execute();
      await db.schema.alterTable('imports').addColumn('activity_id', 'text').execute();
      await db.schema.createIndex('imports_activity_idx').on('imports').columns(['run_by', 'activity_id']).unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('imports_activity_idx').execute();
      await db.schema.alterTable('imports').dropColumn('activity_id').execute();
      await db.schema.alterTable('imports').dropColumn('download_url').execute();
    },
  };
}
