/**
 * Campaigns (issue 12): a campaign of a school, the competences it targets (each up to a level),
 * the classes it is pushed to, and the students' participations. A participation's shared result
 * is a JSON snapshot: the teacher sees what the student sent, not what their profile says later.
 */
import type { Kysely, Migration } from 'kysely';

export function campaignsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('target_name', 'text')
        .addColumn('title', 'text')
        .addColumn('landing_text', 'text')
        .addColumn('external_id_label', 'text')
        .addColumn('multiple_sendings', 'integer', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .addColumn('archived_by', 'text')
        .addColumn('pushing_since', 'text')
        .addColumn('last_reminded_at', 'text')
        .execute();
      await db.schema.createIndex('campaigns_school_idx').on('campaigns').columns(['school_id', 'owner_id']).execute();
      await db.schema
        .createTable('campaign_competences')
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('competence_id', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_competences_pk', ['campaign_id', 'competence_id'])
        .execute();
      await db.schema
        .createTable('campaign_divisions')
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('division', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_divisions_pk', ['campaign_id', 'division'])
        .execute();
      await db.schema
        .createTable('campaign_participations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('shared_at', 'text')
        .addColumn('result', 'text')
        .execute();
      // One participation per attempt: two clicks on "Commencer" (or two instances) join once.
      await db.schema.createIndex('campaign_participations_once_idx').on('campaign_participations').columns(['campaign_id', 'user_id', 'attempt']).unique().execute();
      await db.schema.createIndex('campaign_participations_user_idx').on('campaign_participations').columns(['user_id', 'campaign_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['campaign_participations', 'campaign_divisions', 'campaign_competences', 'campaigns']) await db.schema.dropTable(t).execute();
    },
  };
}
