/**
 * Typed one-time codes are counted per user, as account links are, so that a code cannot be guessed
 * in a loop; and a referent's unlinking of a student's account is kept, for the record and so that
 * the same account cannot link itself straight back.
 */
import type { Kysely, Migration } from 'kysely';
import { tableWithSerialId, type Dialect } from './tables.js';

export function schoolRightsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await tableWithSerialId(db, 'code_attempts', dialect)
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('code_attempts_user_idx').on('code_attempts').columns(['user_id', 'created_at']).execute();
      await tableWithSerialId(db, 'student_unlinks', dialect)
        .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text')
        .addColumn('unlinked_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('student_unlinks_student_idx').on('student_unlinks').columns(['student_id', 'user_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['student_unlinks', 'code_attempts']) await db.schema.dropTable(t).execute();
    },
  };
}
