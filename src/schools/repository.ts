/**
 * Persistence of schools and their one-time codes. A school's staff, students and rate-limited
 * attempts have their own repositories, reached from here so that a use case is given one store.
 * Dialect-neutral queries.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { AttemptRepository } from './attempt-repository.js';
import type { School, StaffRole } from './model.js';
import { StaffRepository } from './staff-repository.js';
import { StudentRepository } from './student-repository.js';

const toSchool = (r: { id: string; uaj: string; name: string; tenant_id: string | null }): School => ({
  id: r.id,
  uaj: r.uaj,
  name: r.name,
  tenantId: r.tenant_id,
});

export class SchoolRepository {
  readonly staff: StaffRepository;
  readonly students: StudentRepository;
  readonly attempts: AttemptRepository;

  constructor(private readonly db: Kysely<Database>) {
    this.staff = new StaffRepository(db);
    this.students = new StudentRepository(db);
    this.attempts = new AttemptRepository(db);
  }

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
    return { schoolId: row.school_id, kind: row.kind, createdBy: row.created_by };
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
}
