/**
 * Certification season (issue 13): each school's certification settings (its network, its holiday
 * zone), sessions, their candidates, each candidate's drawn challenges (so that a test resumes
 * with the same ones), the certified result per competence, and who turned reminders off.
 */
import type { Kysely, Migration } from 'kysely';

export function certificationMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('certification_school_settings')
        .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
        .addColumn('network', 'text')
        .addColumn('holiday_zone', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('certification_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('examiners', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('access_code', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('open_to_network', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finalised_at', 'text')
        .addColumn('published_at', 'text')
        .execute();
      await db.schema.createIndex('certification_sessions_school_idx').on('certification_sessions').columns(['school_id', 'date']).execute();
      await db.schema
        .createTable('certification_candidates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('certification_sessions.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
        .addColumn('enrolled_by', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('checked_in_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('deadline_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('note', 'text')
        .addColumn('reproducibility_rate', 'integer')
        .addColumn('total_pix', 'integer')
        .addColumn('outcome', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // No duplicate enrolment: a student is a candidate of a session once.
      await db.schema.createIndex('certification_candidates_once_idx').on('certification_candidates').columns(['session_id', 'student_id']).unique().execute();
      await db.schema.createIndex('certification_candidates_student_idx').on('certification_candidates').columns(['student_id']).execute();
      await db.schema
        .createTable('certification_challenges')
        .addColumn('candidate_id', 'text', (c) => c.notNull().references('certification_candidates.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('challenge_id', 'text', (c) => c.notNull())
        .addColumn('competence_id', 'text', (c) => c.notNull())
        .addColumn('profile_level', 'integer', (c) => c.notNull())
        .addColumn('profile_pix', 'integer', (c) => c.notNull())
        .addColumn('asked_at', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('value', 'text')
        .addColumn('status', 'text')
        .addPrimaryKeyConstraint('certification_challenges_pk', ['candidate_id', 'position'])
        .execute();
      await db.schema
        .createTable('certification_results')
        .addColumn('candidate_id', 'text', (c) => c.notNull().references('certification_candidates.id'))
        .addColumn('competence_id', 'text', (c) => c.notNull())
        .addColumn('asked', 'integer', (c) => c.notNull())
        .addColumn('correct', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('pix', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('certification_results_pk', ['candidate_id', 'competence_id'])
        .execute();
      await db.schema
        .createTable('reminder_preferences')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['reminder_preferences', 'certification_results', 'certification_challenges', 'certification_candidates', 'certification_sessions', 'certification_school_settings']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
