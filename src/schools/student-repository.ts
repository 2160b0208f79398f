/**
 * Persistence of a school's students: the records a SIECLE export sets, the Teams account linked to
 * each, and the unlinks a referent made. Every query is scoped to a school where staff read it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { StudentsTable } from '../store/schema-schools.js';
import type { ImportCounts, LinkedRecord, Student } from './model.js';
import type { SiecleStudent } from './siecle/types.js';

type NameColumns = Pick<StudentsTable, 'school_id' | 'first_name' | 'second_first_name' | 'third_first_name' | 'last_name' | 'usage_name' | 'birth_date' | 'division'>;

/** A student row's school, names, birth date and class, as the domain names them (also read by certification's candidates). */
export const studentNamesOf = (r: NameColumns) => ({
  schoolId: r.school_id,
  firstName: r.first_name,
  secondFirstName: r.second_first_name,
  thirdFirstName: r.third_first_name,
  lastName: r.last_name,
  usageName: r.usage_name,
  birthDate: r.birth_date,
  division: r.division,
});

const toStudent = (r: StudentsTable): Student => ({
  id: r.id,
  ine: r.ine,
  ...studentNamesOf(r),
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

export class StudentRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
