/**
 * Persistence of certification sessions, the schools' certification settings, and what the
 * use cases read around them (referents, classes, the languages of the people told). Dialect-neutral.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Student } from '../schools/model.js';
import type { Database } from '../store/schema.js';
import type { CertificationSessionsTable } from '../store/schema-certification.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { newAccessCode } from './access-code.js';
import type { SchoolCertificationSettings, Session } from './model.js';

const toSession = (r: CertificationSessionsTable): Session => ({
  id: r.id,
  schoolId: r.school_id,
  site: r.site,
  room: r.room,
  date: r.date,
  time: r.time,
  examiners: r.examiners,
  description: r.description,
  accessCode: r.access_code,
  status: r.status,
  durationMinutes: r.duration_minutes,
  openToNetwork: r.open_to_network === 1,
  createdBy: r.created_by,
});

/** creationKey: the request that asks for it (see src/teams/creation-key.ts); null without one. */
export type NewSession = Omit<Session, 'id' | 'accessCode' | 'status'> & { creationKey?: string | null };

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores the session with a fresh access code; a code already taken is drawn again. With a
   * creation key already used (a second click on one form, a line redelivered), nothing is written
   * and the session that key created is returned.
   */
  async create(session: NewSession, now: Date, draw: () => string = newAccessCode): Promise<Session> {
    for (let attempt = 0; ; attempt++) {
      const row: CertificationSessionsTable = {
        id: randomUUID(),
        school_id: session.schoolId,
        site: session.site,
        room: session.room,
        date: session.date,
        time: session.time,
        examiners: session.examiners,
        description: session.description,
        access_code: draw(),
        status: 'created',
        duration_minutes: session.durationMinutes,
        open_to_network: session.openToNetwork ? 1 : 0,
        created_by: session.createdBy,
        created_at: now.toISOString(),
        finalised_at: null,
        published_at: null,
        creation_key: session.creationKey ?? null,
      };
      try {
        await this.db.insertInto('certification_sessions').values(row).execute();
        return toSession(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The key's index or the code's: the key's session, when there is one, tells which.
        const already = session.creationKey ? await this.byCreationKey(session.creationKey) : null;
        if (already) return already;
        if (attempt >= 20) throw error;
      }
    }
  }

  async byId(id: string): Promise<Session | null> {
    const row = await this.db.selectFrom('certification_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  /** The session a request created (its creation key), if it did. */
  async byCreationKey(key: string): Promise<Session | null> {
    const row = await this.db.selectFrom('certification_sessions').selectAll().where('creation_key', '=', key).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async byCode(code: string): Promise<Session | null> {
    const row = await this.db.selectFrom('certification_sessions').selectAll().where('access_code', '=', code).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async ofSchool(schoolId: string): Promise<Session[]> {
    const rows = await this.db.selectFrom('certification_sessions').selectAll().where('school_id', '=', schoolId).orderBy('date').orderBy('time').execute();
    return rows.map(toSession);
  }

  /** Sessions of the other schools of this network that are open to it and still take enrolments, with their school's name. */
  async openInNetwork(network: string, exceptSchoolId: string, sinceDay: string): Promise<Array<{ session: Session; schoolName: string }>> {
    const rows = await this.db
      .selectFrom('certification_sessions')
      .innerJoin('certification_school_settings', 'certification_school_settings.school_id', 'certification_sessions.school_id')
      .innerJoin('schools', 'schools.id', 'certification_sessions.school_id')
      .selectAll('certification_sessions')
      .select('schools.name as school_name')
      .where('certification_school_settings.network', '=', network)
      .where('certification_sessions.school_id', '!=', exceptSchoolId)
      .where('certification_sessions.open_to_network', '=', 1)
      .where('certification_sessions.status', '=', 'created')
      .where('certification_sessions.date', '>=', sinceDay)
      .orderBy('certification_sessions.date')
      .orderBy('certification_sessions.time')
      .execute();
    return rows.map(({ school_name, ...r }) => ({ session: toSession(r), schoolName: school_name }));
  }

  /** Every session not published yet, and the published ones from `sinceDay`: what reminders read. */
  async active(sinceDay: string): Promise<Session[]> {
    const rows = await this.db
      .selectFrom('certification_sessions')
      .selectAll()
      .where((eb) => eb.or([eb('status', '!=', 'published'), eb('date', '>=', sinceDay)]))
      .orderBy('date')
      .execute();
    return rows.map(toSession);
  }

  /** Guarded: false when the session had left `from` meanwhile (another click got there first). */
  async setStatus(id: string, from: Session['status'], to: Session['status'], now: Date): Promise<boolean> {
    const stamp = now.toISOString();
    const result = await this.db
      .updateTable('certification_sessions')
      .set(to === 'finalised' ? { status: to, finalised_at: stamp } : { status: to, published_at: stamp })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async settings(schoolId: string): Promise<SchoolCertificationSettings> {
    const row = await this.db.selectFrom('certification_school_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
    return { network: row?.network ?? null, zone: row?.holiday_zone ?? null };
  }

  async allSettings(): Promise<Map<string, SchoolCertificationSettings>> {
    const rows = await this.db.selectFrom('certification_school_settings').selectAll().execute();
    return new Map(rows.map((r) => [r.school_id, { network: r.network, zone: r.holiday_zone }]));
  }

  async saveSettings(schoolId: string, settings: SchoolCertificationSettings, now: Date): Promise<void> {
    const values = { network: settings.network, holiday_zone: settings.zone, updated_at: now.toISOString() };
    await this.db
      .insertInto('certification_school_settings')
      .values({ school_id: schoolId, ...values })
      .onConflict((oc) => oc.column('school_id').doUpdateSet(values))
      .execute();
  }

  /** The school's referents (user ids), to tell them what needs them. */
  async referentsOf(schoolId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('user_id')
      .where('school_id', '=', schoolId)
      .where('role', '=', 'referent')
      .where('revoked_at', 'is', null)
      .execute();
    return [...new Set(rows.map((r) => r.user_id))];
  }

  /** Active students of these classes of the school; and the classes that have none. */
  async studentsOfDivisions(schoolId: string, divisions: string[]): Promise<{ students: Array<Pick<Student, 'id' | 'division'>>; unknown: string[] }> {
    if (divisions.length === 0) return { students: [], unknown: [] };
    const rows = await this.db
      .selectFrom('students')
      .select(['id', 'division'])
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .where('division', 'in', divisions)
      .execute();
    const found = new Set(rows.map((r) => r.division));
    return { students: rows, unknown: divisions.filter((d) => !found.has(d)) };
  }

  /** The school's active students with their INE and names: whom a referent may enrol one by one. */
  async studentsOfSchool(schoolId: string): Promise<Array<Pick<Student, 'id' | 'ine' | 'firstName' | 'lastName' | 'usageName' | 'division'>>> {
    const rows = await this.db
      .selectFrom('students')
      .select(['id', 'ine', 'first_name', 'last_name', 'usage_name', 'division'])
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .execute();
    return rows.map((r) => ({ id: r.id, ine: r.ine, firstName: r.first_name, lastName: r.last_name, usageName: r.usage_name, division: r.division }));
  }

  async studentById(studentId: string): Promise<Pick<Student, 'id' | 'schoolId' | 'active'> | null> {
    const row = await this.db.selectFrom('students').select(['id', 'school_id', 'active']).where('id', '=', studentId).executeTakeFirst();
    return row ? { id: row.id, schoolId: row.school_id, active: row.active === 1 } : null;
  }

  /** Each user's Teams locale, for the language of what they are sent. */
  async locales(userIds: string[]): Promise<Map<string, string | null>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'locale']).where('id', 'in', userIds).execute();
    return new Map(rows.map((r) => [r.id, r.locale]));
  }
}
