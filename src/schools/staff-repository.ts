/** Persistence of a school's staff: who is referent or teacher, and their campaign right. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Membership, StaffMember, StaffRole } from './model.js';

export class StaffRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
      role: r.role,
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

  async teachers(schoolId: string): Promise<StaffMember[]> {
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
      role: r.role,
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
}
