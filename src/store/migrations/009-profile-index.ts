/**
 * The profile (every welcome and "profil") asks for a student's last answer per competence, and a
 * start, improve or reset for the last answer on one: without an index on the student, PostgreSQL
 * read the whole answers table each time. With created_at last, the latest answer is the end of
 * the index range, so neither query sorts.
 */
import type { Kysely, Migration } from 'kysely';

export function profileIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('answers_user_idx').on('answers').columns(['user_id', 'competence_id', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('answers_user_idx').execute();
    },
  };
}
