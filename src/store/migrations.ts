/**
 * Versioned migrations, in code so that they ship inside the build. Add one, never edit one that has
 * run somewhere. Only portable types: text, integer, and per dialect an auto-increment id and bytes.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { schoolsMigration } from './migrations/003-schools.js';
import { importFilesMigration } from './migrations/004-import-files.js';
import { racesMigration } from './migrations/005-races.js';
import { schoolRightsMigration } from './migrations/006-school-rights.js';
import { importDownloadsMigration } from './migrations/007-import-downloads.js';
import { sharedJobsMigration } from './migrations/008-shared-jobs.js';
import { profileIndexMigration } from './migrations/009-profile-index.js';
import { campaignsMigration } from './migrations/010-campaigns.js';
import { outboxReasonsMigration } from './migrations/011-outbox-reasons.js';
import { certificationMigration } from './migrations/013-certification.js';
import { campaignCreationKeyMigration } from './migrations/014-campaign-creation-key.js';
import { userLanguageMigration } from './migrations/015-user-language.js';
import { sessionCreationKeyMigration } from './migrations/016-session-creation-key.js';
import { tableWithSerialId, type Dialect } from './migrations/tables.js';

export type { Dialect };

export function migrations(dialect: Dialect): Record<string, Migration> {
  const autoId = (db: Kysely<unknown>, table: string) => tableWithSerialId(db, table, dialect);
  return {
    '001_assessment': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('teams_user_id', 'text', (c) => c.notNull().unique())
          .addColumn('aad_object_id', 'text')
          .addColumn('tenant_id', 'text')
          .addColumn('name', 'text')
          .addColumn('locale', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('conversation_refs')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
          .addColumn('service_url', 'text', (c) => c.notNull())
          .addColumn('tenant_id', 'text')
          .addColumn('teams_user_id', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('bot_id', 'text', (c) => c.notNull())
          .addColumn('bot_name', 'text')
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('assessments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('competence_id', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('strategy', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull())
          .addColumn('pending_challenge_id', 'text')
          .addColumn('pending_since', 'text')
          .addColumn('pending_activity_id', 'text')
          .addColumn('seed', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('completed_at', 'text')
          .execute();
        await db.schema.createIndex('assessments_user_idx').on('assessments').columns(['user_id', 'kind', 'competence_id']).execute();
        await db.schema
          .createTable('answers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('challenge_id', 'text', (c) => c.notNull())
          .addColumn('skill_id', 'text', (c) => c.notNull())
          .addColumn('competence_id', 'text')
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('elapsed_seconds', 'integer')
          .addColumn('activity_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        // One answer per challenge and test: a retried delivery cannot record a second one.
        await db.schema.createIndex('answers_once_idx').on('answers').columns(['assessment_id', 'challenge_id']).unique().execute();
        await autoId(db, 'knowledge_elements')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('competence_id', 'text', (c) => c.notNull())
          .addColumn('skill_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('answer_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('dropped_at', 'text')
          .execute();
        await db.schema.createIndex('ke_user_idx').on('knowledge_elements').columns(['user_id', 'competence_id']).execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['knowledge_elements', 'answers', 'assessments', 'conversation_refs', 'users']) await db.schema.dropTable(t).execute();
      },
    },
    '002_calibration': {
      // Calibrated parameters of the challenges (partix calibrate); fractional, so the dialect's
      // own floating type (PostgreSQL's real would round them).
      async up(db: Kysely<unknown>) {
        const float = dialect === 'postgres' ? 'double precision' : 'real';
        await db.schema
          .createTable('challenge_parameters')
          .addColumn('challenge_id', 'text', (c) => c.primaryKey())
          .addColumn('discrimination', float, (c) => c.notNull())
          .addColumn('difficulty', float, (c) => c.notNull())
          .addColumn('answers_count', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('challenge_parameters').execute();
      },
    },
    '003_schools': schoolsMigration(dialect),
    '004_import_files': importFilesMigration(dialect),
    '005_races': racesMigration(),
    '006_school_rights': schoolRightsMigration(dialect),
    '007_import_downloads': importDownloadsMigration(),
    '008_shared_jobs': sharedJobsMigration(),
    '009_profile_index': profileIndexMigration(),
    '010_campaigns': campaignsMigration(),
    '011_outbox_reasons': outboxReasonsMigration(),
    '013_certification': certificationMigration(),
    '014_campaign_creation_key': campaignCreationKeyMigration(),
    '015_user_language': userLanguageMigration(),
    '016_session_creation_key': sessionCreationKeyMigration(),
  };
}

/** Quietly used by the health check: a query that every dialect answers. */
export const ping = sql`select 1 as ok`;
