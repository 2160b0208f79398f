/** The referent enrols one student of their school. */
import type { CertificationDeps } from './deps.js';
import { enrolmentAccess, tellHost } from './enrolment.js';
import { AlreadyEnrolledError, OutsideNetworkError } from './errors.js';

export async function enrolStudent({ userId, sessionId, studentId, uaj, deps }: { userId: string; sessionId: string; studentId: string; uaj?: string; deps: CertificationDeps }) {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj);
  const student = await deps.sessions.studentById(studentId);
  if (!student || !student.active || student.schoolId !== access.referent.school.id) throw new OutsideNetworkError();
  const added = await deps.candidates.enrol(access.session.id, [student.id], userId, deps.clock());
  if (added === 0) throw new AlreadyEnrolledError();
  await tellHost(deps, access, added);
  return { session: access.session };
}
