/**
 * A student links their chat account to their imported school record (spec §7), the first time it
 * matters. Attempts are rate-limited: a name and birth date guessed in a loop would reveal who studies
 * where.
 */
import { z } from 'zod';
import { minutesToWait, windowStart } from './attempts.js';
import { ReconciliationError, type ReconciliationRefusal } from './errors.js';
import { reconcile } from './reconciliation.js';
import type { School, Student } from './model.js';
import type { SchoolRepository } from './repository.js';

export interface LinkSettings {
  attemptsPerHour: number;
}

export interface LinkDeps {
  schools: SchoolRepository;
  settings: LinkSettings;
  clock: () => Date;
}

const identitySchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export interface LinkedStudent {
  student: Student;
  school: School;
}

/** The school record the account is linked to, if any. */
export async function linkedStudent({ userId, deps }: { userId: string; deps: LinkDeps }): Promise<LinkedStudent | null> {
  const [student] = await deps.schools.students.studentsOfUser(userId);
  if (!student) return null;
  return { student, school: (await deps.schools.schoolById(student.schoolId))! };
}

/** Staff of any school (referent, teacher) have no student record: their account may not take one. */
export async function assertMayLink({ userId, deps }: { userId: string; deps: LinkDeps }): Promise<void> {
  if ((await deps.schools.staff.memberships(userId)).length > 0) throw new ReconciliationError('staff_account');
}

export async function linkStudentAccount({
  userId,
  tenantId,
  identity,
  deps,
}: {
  userId: string;
  tenantId: string | null;
  identity: { firstName: unknown; lastName: unknown; birthDate: unknown };
  deps: LinkDeps;
}): Promise<LinkedStudent> {
  const now = deps.clock();
  const refuse = async (reason: ReconciliationRefusal): Promise<never> => {
    await deps.schools.attempts.recordAttempt(userId, reason, now);
    throw new ReconciliationError(reason);
  };
  // A right, not a guess: refused before anything is counted or written.
  await assertMayLink({ userId, deps });
  const already = await linkedStudent({ userId, deps });
  const wait = minutesToWait(await deps.schools.attempts.linkAttempts(userId, windowStart(now)), deps.settings.attemptsPerHour, now);
  if (wait > 0) throw new ReconciliationError('too_many_attempts', wait);
  const parsed = identitySchema.safeParse(identity);
  if (!parsed.success) return refuse('invalid_input');
  const schools = tenantId ? await deps.schools.schoolsOfTenant(tenantId) : [];
  if (schools.length === 0) return refuse('no_school');
  const candidates = await deps.schools.students.activeStudentsBornOn(
    schools.map((s) => s.id),
    parsed.data.birthDate,
  );
  const result = reconcile({
    ...parsed.data,
    candidates: candidates.map((c) => ({ ...c, linkedUserId: c.userId })),
  });
  if (result.kind === 'none') return refuse('no_match');
  if (result.kind === 'ambiguous') return refuse('several_matches');
  const student = candidates.find((c) => c.id === result.candidate.id)!;
  if (already) return already.student.id === student.id ? already : refuse('account_linked_elsewhere');
  if (student.userId && student.userId !== userId) return refuse('record_linked_elsewhere');
  if (await deps.schools.students.wasUnlinked(student.id, userId)) return refuse('unlinked_by_referent');
  if (!(await deps.schools.students.link(student.id, userId, now))) return refuse('record_linked_elsewhere');
  await deps.schools.attempts.recordAttempt(userId, 'linked', now);
  return { student: { ...student, userId }, school: schools.find((s) => s.id === student.schoolId)! };
}
