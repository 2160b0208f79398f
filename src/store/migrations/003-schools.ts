/** Schools, staff rights, invitations, imported students, import jobs, reconciliation attempts, outbox. */
import type { Kysely, Migration } from 'kysely';
import { tableWithSerialId, type Dialect } from './tables.js';

export function schoolsMigration(dialect: Dialect): Migration {
  const serial = (db: Kysely<unknown>, table: string) => tableWithSerialId(db, table, dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('schools')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('uaj', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await serial(db, 'memberships')
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('can_create_campaigns', 'integer', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('memberships_user_idx').on('memberships').columns(['user_id', 'school_id']).execute();
      await db.schema
        .createTable('invitations')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_by', 'text')
        .addColumn('used_at', 'text')
        .execute();
      let students = db.schema
        .createTable('students')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('ine', 'text', (c) => c.notNull());
      for (const column of ['last_name', 'first_name', 'birth_date', 'division', 'groups', 'created_at', 'updated_at']) {
        students = students.addColumn(column, 'text', (c) => c.notNull());
      }
      for (const column of [
        'usage_name',
        'second_first_name',
        'third_first_name',
        'sex',
        'birth_country_code',
        'birth_department_code',
        'birth_city_code',
        'birth_city',
        'mef_code',
        'status',
        'user_id',
        'linked_at',
        'disabled_at',
      ]) {
        students = students.addColumn(column, 'text');
      }
      await students.addColumn('active', 'integer', (c) => c.notNull()).execute();
      await db.schema.createIndex('students_ine_idx').on('students').columns(['school_id', 'ine']).unique().execute();
      await db.schema.createIndex('students_birth_idx').on('students').columns(['school_id', 'birth_date']).execute();
      await db.schema.createIndex('students_user_idx').on('students').columns(['user_id']).execute();
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
        .addColumn('run_by', 'text')
        .addColumn('run_by_label', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_path', 'text')
        .addColumn('format', 'text')
        .addColumn('encoding', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('failed_step', 'text')
        .addColumn('counts', 'text')
        .addColumn('report', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await serial(db, 'reconciliation_attempts')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'next_attempt_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['outbox', 'reconciliation_attempts', 'imports', 'students', 'invitations', 'memberships', 'schools']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
