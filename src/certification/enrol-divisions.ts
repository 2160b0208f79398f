/** The referent enrols whole classes (e.g. every 3e and terminale): students already enrolled are left as they are. */
import type { CertificationDeps } from './deps.js';
import { enrolmentAccess, tellHost } from './enrolment.js';
import { UnknownDivisionsError } from './errors.js';

export async function enrolDivisions({ userId, sessionId, divisions, uaj, deps }: { userId: string; sessionId: string; divisions: string[]; uaj?: string; deps: CertificationDeps }) {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj);
  const wanted = [...new Set(divisions.map((d) => d.trim()).filter((d) => d !== ''))];
  const { students, unknown } = await deps.sessions.studentsOfDivisions(access.referent.school.id, wanted);
  if (wanted.length === 0 || unknown.length > 0) throw new UnknownDivisionsError(unknown);
  const added = await deps.candidates.enrol(access.session.id, students.map((s) => s.id), userId, deps.clock());
  await tellHost(deps, access, added);
  return { session: access.session, added, already: students.length - added };
}
