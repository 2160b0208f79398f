/** Persistence of schools, staff rights, invitations and students. Dialect-neutral queries. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { StudentsTable } from '../store/schema-schools.js';
import type { SiecleStudent } from './siecle/types.js';

export interface School {
  id: string;
  uaj: string;
  name: string;
  tenantId: string | null;
}

export type StaffRole = 'referent' | 'teacher';

export interface Membership {
  id: number;
  school: School;
  userId: string;
  role: StaffRole;
  canCreateCampaigns: boolean;
}

export interface Student {
  id: string;
  schoolId: string;
  ine: string;
  firstName: string;
  secondFirstName: string | null;
  thirdFirstName: string | null;
  lastName: string;
  usageName: string | null;
  birthDate: string;
  division: string;
  active: boolean;
  userId: string | null;
}

/** A student's record as staff see it: with the display name of the Teams account linked to it. */
export interface LinkedRecord extends Student {
  accountName: string | null;
  linkedAt: string | null;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  disabled: number;
}

const toSchool = (r: { id: string; uaj: string; name: string; tenant_id: string | null }): School => ({
  id: r.id,
  uaj: r.uaj,
  name: r.name,
  tenantId: r.tenant_id,
});

const toStudent = (r: StudentsTable): Student => ({
  id: r.id,
  schoolId: r.school_id,
  ine: r.ine,
  firstName: r.first_name,
  secondFirstName: r.second_first_name,
  thirdFirstName: r.third_first_name,
  lastName: r.last_name,
  usageName: r.usage_name,
  birthDate: r.birth_date,
  division: r.division,
  active: r.active === 1,
  userId: r.user_id,
});

const toLinkedRecord = (r: StudentsTable & { account_name: string | null }): LinkedRecord => ({
  ...toStudent(r),
  accountName: r.account_name,
  linkedAt: r.linked_at,
});

/** The columns a SIECLE export sets; the rest (links, activity) belongs to Partix. */
function siecleColumns(s: SiecleStudent) {
  return {
    ine: s.ine,
    last_name: s.lastName,
    usage_name: s.usageName,
    first_name: s.firstName,
    second_first_name: s.secondFirstName,
    third_first_name: s.thirdFirstName,
    birth_date: s.birthDate,
    sex: s.sex,
    birth_country_code: s.birthCountryCode,
    birth_department_code: s.birthDepartmentCode,
    birth_city_code: s.birthCityCode,
    birth_city: s.birthCity,
    mef_code: s.mefCode,
    status: s.status,
    division: s.division,
    groups: JSON.stringify(s.groups),
  };
}

const CHUNK = 400;

export class SchoolRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async addSchool(uaj: string, name: string, now: Date): Promise<School> {
    const school = { id: randomUUID(), uaj, name, tenant_id: null, created_at: now.toISOString() };
    await this.db.insertInto('schools').values(school).execute();
    return toSchool(school);
  }

  async schoolByUaj(uaj: string): Promise<School | null> {
    const row = await this.db.selectFrom('schools').selectAll().where('uaj', '=', uaj).executeTakeFirst();
    return row ? toSchool(row) : null;
  }

  async schoolById(id: string): Promise<School | null> {
    const row = await this.db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSchool(row) : null;
  }

  async schoolsOfTenant(tenantId: string): Promise<School[]> {
    return (await this.db.selectFrom('schools').selectAll().where('tenant_id', '=', tenantId).execute()).map(toSchool);
  }

  async listSchools(): Promise<Array<School & { students: number; referents: number }>> {
    const schools = await this.db.selectFrom('schools').selectAll().orderBy('uaj').execute();
    const students = await this.db
      .selectFrom('students')
      .select(['school_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('active', '=', 1)
      .groupBy('school_id')
      .execute();
    const referents = await this.db
      .selectFrom('memberships')
      .select(['school_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('role', '=', 'referent')
      .where('revoked_at', 'is', null)
      .groupBy('school_id')
      .execute();
    const count = (rows: Array<{ school_id: string; n: number }>, id: string) => Number(rows.find((r) => r.school_id === id)?.n ?? 0);
    return schools.map((s) => ({ ...toSchool(s), students: count(students, s.id), referents: count(referents, s.id) }));
  }

  async setTenant(schoolId: string, tenantId: string): Promise<void> {
    await this.db.updateTable('schools').set({ tenant_id: tenantId }).where('id', '=', schoolId).where('tenant_id', 'is', null).execute();
  }

  async addInvitation(args: { codeHash: string; schoolId: string; kind: StaffRole; createdBy: string | null; now: Date; expiresAt: Date }) {
    await this.db
      .insertInto('invitations')
      .values({
        code_hash: args.codeHash,
        school_id: args.schoolId,
        kind: args.kind,
        created_by: args.createdBy,
        created_at: args.now.toISOString(),
        expires_at: args.expiresAt.toISOString(),
        used_by: null,
        used_at: null,
      })
      .execute();
  }

  /** Uses the code once: returns the invitation, or null when unknown, expired or used. */
  async useInvitation(codeHash: string, userId: string, now: Date): Promise<{ schoolId: string; kind: StaffRole; createdBy: string | null } | null> {
    const stamp = now.toISOString();
    const used = await this.db
      .updateTable('invitations')
      .set({ used_by: userId, used_at: stamp })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', stamp)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    const row = await this.db.selectFrom('invitations').selectAll().where('code_hash', '=', codeHash).executeTakeFirstOrThrow();
    return { schoolId: row.school_id, kind: row.kind as StaffRole, createdBy: row.created_by };
  }

  /** Expires the unused referent codes of a school, so that only the newest one works. */
  async expireInvitations(schoolId: string, kind: StaffRole, now: Date): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ expires_at: now.toISOString() })
      .where('school_id', '=', schoolId)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .execute();
  }

  async memberships(userId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('schools', 'schools.id', 'memberships.school_id')
      .select(['memberships.id', 'memberships.user_id', 'memberships.role', 'memberships.can_create_campaigns', 'schools.id as sid', 'schools.uaj', 'schools.name', 'schools.tenant_id'])
      .where('memberships.user_id', '=', userId)
      .where('memberships.revoked_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      role: r.role as StaffRole,
      canCreateCampaigns: r.can_create_campaigns === 1,
      school: { id: r.sid, uaj: r.uaj, name: r.name, tenantId: r.tenant_id },
    }));
  }

  /** Grants a role (or upgrades a teacher to referent); a referent keeps their role when invited as teacher. */
  async grant(args: { schoolId: string; userId: string; role: StaffRole; canCreateCampaigns: boolean; grantedBy: string | null; now: Date }): Promise<void> {
    const existing = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('school_id', '=', args.schoolId)
      .where('user_id', '=', args.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      const role = existing.role === 'referent' ? 'referent' : args.role;
      await this.db
        .updateTable('memberships')
        .set({ role, can_create_campaigns: args.canCreateCampaigns || existing.can_create_campaigns === 1 ? 1 : 0 })
        .where('id', '=', existing.id)
        .execute();
      return;
    }
    await this.db
      .insertInto('memberships')
      .values({
        school_id: args.schoolId,
        user_id: args.userId,
        role: args.role,
        can_create_campaigns: args.canCreateCampaigns ? 1 : 0,
        granted_by: args.grantedBy,
        created_at: args.now.toISOString(),
        revoked_at: null,
      })
      .execute();
  }

  async teachers(schoolId: string): Promise<Array<{ membershipId: number; userId: string; name: string | null; role: StaffRole; canCreateCampaigns: boolean; since: string }>> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.id', 'memberships.user_id', 'users.name', 'memberships.role', 'memberships.can_create_campaigns', 'memberships.created_at'])
      .where('memberships.school_id', '=', schoolId)
      .where('memberships.revoked_at', 'is', null)
      .orderBy('users.name')
      .execute();
    return rows.map((r) => ({
      membershipId: r.id,
      userId: r.user_id,
      name: r.name,
      role: r.role as StaffRole,
      canCreateCampaigns: r.can_create_campaigns === 1,
      since: r.created_at,
    }));
  }

  async revokeCampaignRight(schoolId: string, membershipId: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('memberships')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', membershipId)
      .where('school_id', '=', schoolId)
      .where('role', '=', 'teacher')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async divisions(schoolId: string): Promise<Array<{ division: string; students: number }>> {
    const rows = await this.db
      .selectFrom('students')
      .select(['division', (eb) => eb.fn.countAll<number>().as('n')])
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .groupBy('division')
      .orderBy('division')
      .execute();
    return rows.map((r) => ({ division: r.division, students: Number(r.n) }));
  }

  /** Students of one school (never of another), each with the name of the Teams account linked to it. */
  private withLinkedAccount(schoolId: string) {
    return this.db
      .selectFrom('students')
      .leftJoin('users', 'users.id', 'students.user_id')
      .selectAll('students')
      .select('users.name as account_name')
      .where('students.school_id', '=', schoolId);
  }

  /** The class's active students, each with the Teams account linked to it, if any. */
  async studentsOfDivision(schoolId: string, division: string): Promise<LinkedRecord[]> {
    const rows = await this.withLinkedAccount(schoolId)
      .where('students.division', '=', division)
      .where('students.active', '=', 1)
      .orderBy('students.last_name')
      .orderBy('students.first_name')
      .execute();
    return rows.map(toLinkedRecord);
  }

  /** A student of this school (never of another), with its linked account. */
  async studentOfSchool(schoolId: string, studentId: string): Promise<LinkedRecord | null> {
    const row = await this.withLinkedAccount(schoolId)
      .where('students.id', '=', studentId)
      .executeTakeFirst();
    return row ? toLinkedRecord(row) : null;
  }

  /**
   * Detaches the account from the record, and keeps who did it, in one transaction; false when the
   * record is no longer linked to that account (another click got there first).
   */
  async unlink(args: { schoolId: string; studentId: string; userId: string; linkedAt: string | null; by: string; now: Date }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('students')
        .set({ user_id: null, linked_at: null, updated_at: args.now.toISOString() })
        .where('id', '=', args.studentId)
        .where('school_id', '=', args.schoolId)
        .where('user_id', '=', args.userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('student_unlinks')
        .values({ student_id: args.studentId, school_id: args.schoolId, user_id: args.userId, linked_at: args.linkedAt, unlinked_by: args.by, created_at: args.now.toISOString() })
        .execute();
      return true;
    });
  }

  /** Whether a referent once detached this account from this record. */
  async wasUnlinked(studentId: string, userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('student_unlinks').select('id').where('student_id', '=', studentId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  async activeStudentsBornOn(schoolIds: string[], birthDate: string): Promise<Student[]> {
    if (schoolIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('students')
      .selectAll()
      .where('school_id', 'in', schoolIds)
      .where('birth_date', '=', birthDate)
      .where('active', '=', 1)
      .execute();
    return rows.map(toStudent);
  }

  async studentsOfUser(userId: string): Promise<Student[]> {
    return (await this.db.selectFrom('students').selectAll().where('user_id', '=', userId).execute()).map(toStudent);
  }

  /** Links an account to a record, unless another account got there first. */
  async link(studentId: string, userId: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('students')
      .set({ user_id: userId, linked_at: now.toISOString() })
      .where('id', '=', studentId)
      .where('user_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** When the account-link attempts since `since` were made. */
  async linkAttempts(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('reconciliation_attempts')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('created_at', '>', since.toISOString())
      .execute();
    return rows.map((r) => new Date(r.created_at));
  }

  async recordAttempt(userId: string, outcome: string, now: Date): Promise<void> {
    await this.db.insertInto('reconciliation_attempts').values({ user_id: userId, outcome, created_at: now.toISOString() }).execute();
  }

  /** When the wrong one-time codes typed since `since` were typed: a code that worked is no guess. */
  async failedCodeAttempts(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('code_attempts')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('outcome', '=', 'invalid')
      .where('created_at', '>', since.toISOString())
      .execute();
    return rows.map((r) => new Date(r.created_at));
  }

  async recordCodeAttempt(userId: string, outcome: 'claimed' | 'invalid', now: Date): Promise<void> {
    await this.db.insertInto('code_attempts').values({ user_id: userId, outcome, created_at: now.toISOString() }).execute();
  }

  /**
   * Applies a validated export in one transaction: new students are added, known ones (by INE)
   * updated and re-activated, absent ones disabled — never deleted, so links and results stay.
   */
  async applyImport(schoolId: string, students: SiecleStudent[], now: Date, format: 'xml' | 'csv' = 'xml'): Promise<ImportCounts> {
    const stamp = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const existing = new Map(
        (await trx.selectFrom('students').selectAll().where('school_id', '=', schoolId).execute()).map((r) => [r.ine, r]),
      );
      const counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0, disabled: 0 };
      const inserts: StudentsTable[] = [];
      const seen = new Set<string>();
      for (const s of students) {
        seen.add(s.ine);
        const row = existing.get(s.ine);
        const columns = siecleColumns(s);
        // The CSV layout has no sex, no groups, and often no city for births abroad: a CSV re-import
        // keeps what an XML one gave rather than erase it.
        if (row && format === 'csv') Object.assign(columns, { sex: row.sex, groups: row.groups, birth_city: columns.birth_city ?? row.birth_city });
        if (!row) {
          inserts.push({ id: randomUUID(), school_id: schoolId, ...columns, active: 1, user_id: null, linked_at: null, created_at: stamp, updated_at: stamp, disabled_at: null });
          counts.imported++;
          continue;
        }
        const changed = row.active !== 1 || Object.entries(columns).some(([k, v]) => row[k as keyof StudentsTable] !== v);
        if (!changed) {
          counts.unchanged++;
          continue;
        }
        await trx.updateTable('students').set({ ...columns, active: 1, disabled_at: null, updated_at: stamp }).where('id', '=', row.id).execute();
        counts.updated++;
      }
      for (let i = 0; i < inserts.length; i += CHUNK) await trx.insertInto('students').values(inserts.slice(i, i + CHUNK)).execute();
      counts.disabled = await disableAbsent(trx, schoolId, [...existing.values()].filter((r) => r.active === 1 && !seen.has(r.ine)).map((r) => r.id), stamp);
      return counts;
    });
  }
}

async function disableAbsent(trx: Transaction<Database>, schoolId: string, ids: string[], stamp: string): Promise<number> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await trx
      .updateTable('students')
      .set({ active: 0, disabled_at: stamp, updated_at: stamp })
      .where('school_id', '=', schoolId)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
  return ids.length;
}
