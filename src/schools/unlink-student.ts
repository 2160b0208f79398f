/**
 * A referent detaches a Teams account from a student's record: the wrong person linked it, or the
 * student changed accounts. Results belong to the account, not to the record: the account keeps its
 * own test history, now unlinked; whoever links the record next brings their own. The unlink is
 * recorded (who, when, which account), and that account may not link itself back to the record.
 */
import { StudentNotLinkedError, UnknownStudentError } from './errors.js';
import type { LinkedRecord, School } from './model.js';
import { staffMembership, type SchoolDeps } from './schools.js';

/** The referent right first, then a student of that school only: an id from another school is unknown. */
async function linkedRecord({ userId, studentId, uaj, deps }: { userId: string; studentId: string; uaj?: string; deps: SchoolDeps }) {
  const { school } = await staffMembership({ userId, uaj, role: 'referent', deps });
  const student = await deps.schools.students.studentOfSchool(school.id, studentId);
  if (!student) throw new UnknownStudentError();
  if (!student.userId) throw new StudentNotLinkedError(student.firstName, student.lastName);
  return { school, student: student as LinkedRecord & { userId: string } };
}

/** What the referent confirms before unlinking: the record and the account linked to it. */
export async function accountLinkToUnlink(args: { userId: string; studentId: string; uaj?: string; deps: SchoolDeps }): Promise<{ school: School; student: LinkedRecord }> {
  return linkedRecord(args);
}

export async function unlinkStudentAccount(args: { userId: string; studentId: string; uaj?: string; deps: SchoolDeps }): Promise<{ school: School; student: LinkedRecord }> {
  const { school, student } = await linkedRecord(args);
  const done = await args.deps.schools.students.unlink({
    schoolId: school.id,
    studentId: student.id,
    userId: student.userId,
    linkedAt: student.linkedAt,
    by: args.userId,
    now: args.deps.clock(),
  });
  if (!done) throw new StudentNotLinkedError(student.firstName, student.lastName);
  return { school, student };
}
