/**
 * Schools and their staff: an operator registers a school and hands its referent a one-time code;
 * the referent invites teachers and grants or revokes their right to create campaigns, and browses the
 * school's classes. Every rule about who may do what is decided here, not in the cards.
 */
import { compareDivisions } from './division-order.js';
import { minutesToWait, windowStart } from './attempts.js';
import { hashCode, newCode } from './codes.js';
import { UAJ_PATTERN } from './uaj.js';
import {
  InvalidInvitationError,
  InvalidUajError,
  NotAllowedError,
  SchoolExistsError,
  TooManyCodeAttemptsError,
  UnknownDivisionError,
  UnknownMemberError,
  UnknownSchoolError,
  WhichSchoolError,
} from './errors.js';
import type { LinkedRecord, Membership, School, StaffRole } from './model.js';
import type { SchoolRepository } from './repository.js';

export interface SchoolSettings {
  referentCodeTtlHours: number;
  invitationTtlHours: number;
  /** Wrong one-time codes a user may type per hour. */
  codeAttemptsPerHour: number;
}

export interface SchoolDeps {
  schools: SchoolRepository;
  settings: SchoolSettings;
  clock: () => Date;
}

export function normalizeUaj(uaj: string): string {
  const normalized = uaj.trim().toUpperCase();
  if (!UAJ_PATTERN.test(normalized)) throw new InvalidUajError(uaj);
  return normalized;
}

const hours = (now: Date, h: number) => new Date(now.getTime() + h * 3600 * 1000);

async function issueCode(deps: SchoolDeps, school: School, kind: StaffRole, createdBy: string | null) {
  const now = deps.clock();
  const code = newCode();
  const expiresAt = hours(now, kind === 'referent' ? deps.settings.referentCodeTtlHours : deps.settings.invitationTtlHours);
  if (kind === 'referent') await deps.schools.expireInvitations(school.id, 'referent', now);
  await deps.schools.addInvitation({ codeHash: hashCode(code), schoolId: school.id, kind, createdBy, now, expiresAt });
  return { school, code, expiresAt };
}

export async function addSchool({ uaj, name, deps }: { uaj: string; name: string; deps: SchoolDeps }) {
  const normalized = normalizeUaj(uaj);
  if (await deps.schools.schoolByUaj(normalized)) throw new SchoolExistsError(normalized);
  const school = await deps.schools.addSchool(normalized, name.trim() || normalized, deps.clock());
  return issueCode(deps, school, 'referent', null);
}

/** A new referent code for a school (the previous unused one stops working). */
export async function reissueReferentCode({ uaj, deps }: { uaj: string; deps: SchoolDeps }) {
  const school = await deps.schools.schoolByUaj(normalizeUaj(uaj));
  if (!school) throw new UnknownSchoolError(uaj);
  return issueCode(deps, school, 'referent', null);
}

export async function listSchools({ deps }: { deps: SchoolDeps }) {
  return deps.schools.listSchools();
}

/** A code typed in chat: the user becomes the school's referent, or a teacher with campaign right. */
export async function claimInvitation({ userId, code, tenantId, deps }: { userId: string; code: string; tenantId: string | null; deps: SchoolDeps }) {
  const now = deps.clock();
  // Checked before the code is even looked at: once blocked, a right code teaches nothing either.
  const wait = minutesToWait(await deps.schools.attempts.failedCodeAttempts(userId, windowStart(now)), deps.settings.codeAttemptsPerHour, now);
  if (wait > 0) throw new TooManyCodeAttemptsError(wait);
  const invitation = await deps.schools.useInvitation(hashCode(code), userId, now);
  await deps.schools.attempts.recordCodeAttempt(userId, invitation ? 'claimed' : 'invalid', now);
  if (!invitation) throw new InvalidInvitationError();
  const school = (await deps.schools.schoolById(invitation.schoolId))!;
  // The school's tenant is learned from its first referent: students of that tenant find it.
  if (invitation.kind === 'referent' && tenantId) await deps.schools.setTenant(school.id, tenantId);
  await deps.schools.staff.grant({
    schoolId: school.id,
    userId,
    role: invitation.kind,
    canCreateCampaigns: true,
    grantedBy: invitation.createdBy,
    now: deps.clock(),
  });
  return { school, role: invitation.kind };
}

/** The staff membership the action applies to: the one school, or the one named by its UAJ. */
export async function staffMembership({ userId, uaj, role, deps }: { userId: string; uaj?: string; role: 'referent' | 'staff'; deps: SchoolDeps }): Promise<Membership> {
  const all = (await deps.schools.staff.memberships(userId)).filter((m) => role === 'staff' || m.role === 'referent');
  const chosen = uaj ? all.filter((m) => m.school.uaj === uaj.trim().toUpperCase()) : all;
  if (chosen.length === 0) throw new NotAllowedError(role);
  if (chosen.length > 1) throw new WhichSchoolError(chosen.map((m) => m.school.uaj));
  return chosen[0]!;
}

export async function inviteTeacher({ userId, uaj, deps }: { userId: string; uaj?: string; deps: SchoolDeps }) {
  const referent = await staffMembership({ userId, uaj, role: 'referent', deps });
  return issueCode(deps, referent.school, 'teacher', userId);
}

/** Who a mention names: the users port the grant needs, so that schools need not know the users table. */
export interface MentionedUsers {
  findOrAdd(identity: { teamsUserId: string; name: string | null }, now: Date): Promise<{ id: string; name: string | null }>;
}

/**
 * A referent mentions teachers (group chat or channel): the right is granted at once. A mention is
 * whatever the sender typed, so the sender's right is checked before anything is written, and the
 * mention only ever adds an unknown person, never renames a known one.
 */
export async function grantCampaignRights({
  userId,
  mentioned,
  uaj,
  deps,
}: {
  userId: string;
  mentioned: Array<{ teamsUserId: string; name: string | null }>;
  uaj?: string;
  deps: SchoolDeps & { users: MentionedUsers };
}) {
  const referent = await staffMembership({ userId, uaj, role: 'referent', deps });
  const granted: Array<{ id: string; name: string | null }> = [];
  for (const m of mentioned) {
    const teacher = await deps.users.findOrAdd(m, deps.clock());
    await deps.schools.staff.grant({ schoolId: referent.school.id, userId: teacher.id, role: 'teacher', canCreateCampaigns: true, grantedBy: userId, now: deps.clock() });
    granted.push(teacher);
  }
  return { school: referent.school, granted };
}

export async function listCampaignRights({ userId, uaj, deps }: { userId: string; uaj?: string; deps: SchoolDeps }) {
  const referent = await staffMembership({ userId, uaj, role: 'referent', deps });
  return { school: referent.school, staff: await deps.schools.staff.teachers(referent.school.id) };
}

export async function revokeCampaignRight({ userId, membershipId, uaj, deps }: { userId: string; membershipId: number; uaj?: string; deps: SchoolDeps }) {
  const referent = await staffMembership({ userId, uaj, role: 'referent', deps });
  if (!(await deps.schools.staff.revokeCampaignRight(referent.school.id, membershipId, deps.clock()))) throw new UnknownMemberError();
  return { school: referent.school };
}

export async function listDivisions({ userId, uaj, deps }: { userId: string; uaj?: string; deps: SchoolDeps }) {
  const member = await staffMembership({ userId, uaj, role: 'staff', deps });
  const divisions = await deps.schools.students.divisions(member.school.id);
  return { school: member.school, divisions: divisions.sort((a, b) => compareDivisions(a.division, b.division)) };
}

/** A class's students for staff; only the referent may unlink an account from one of them. */
export async function listDivisionStudents({
  userId,
  division,
  uaj,
  deps,
}: {
  userId: string;
  division: string;
  uaj?: string;
  deps: SchoolDeps;
}): Promise<{ school: School; division: string; students: LinkedRecord[]; canUnlink: boolean }> {
  const member = await staffMembership({ userId, uaj, role: 'staff', deps });
  const divisions = await deps.schools.students.divisions(member.school.id);
  const found = divisions.find((d) => d.division.toLowerCase() === division.trim().toLowerCase());
  if (!found) throw new UnknownDivisionError(division);
  const students = await deps.schools.students.studentsOfDivision(member.school.id, found.division);
  return { school: member.school, division: found.division, students, canUnlink: member.role === 'referent' };
}
