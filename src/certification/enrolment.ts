/**
 * Who may enrol into a session: the host school's referent, or, when the session is open to the
 * network, the referent of a school of the same network (a setting of each school); each enrols
 * only students of their own school. Checked before anything is written.
 */
import { formatCalendarDate } from '../i18n/dates.js';
import { referentOf, type CertificationDeps } from './deps.js';
import { OutsideNetworkError, SessionClosedError, SessionNotFoundError } from './errors.js';
import type { Session } from './model.js';
import { compareDivisions } from '../schools/division-order.js';
import type { Membership } from '../schools/model.js';
import { notifyUsers } from './notify.js';
import { parisDay } from './window.js';

export interface EnrolmentAccess {
  session: Session;
  referent: Membership;
  /** The referent is of a partner school: the host's referents are told of the enrolment. */
  partner: boolean;
}

/** closed: also a session that no longer takes enrolments (to read its candidates). */
export async function enrolmentAccess(deps: CertificationDeps, userId: string, sessionId: string, uaj?: string, { closed = false } = {}): Promise<EnrolmentAccess> {
  const referent = await referentOf(deps, userId, uaj);
  const session = await deps.sessions.byId(sessionId);
  if (!session) throw new SessionNotFoundError();
  if (!closed && (session.status !== 'created' || session.date < parisDay(deps.clock()))) throw new SessionClosedError(session.status);
  if (session.schoolId === referent.school.id) return { session, referent, partner: false };
  const [host, own] = await Promise.all([deps.sessions.settings(session.schoolId), deps.sessions.settings(referent.school.id)]);
  if (!session.openToNetwork || !host.network || host.network !== own.network) throw new OutsideNetworkError();
  return { session, referent, partner: true };
}

/** What the enrolment form offers: the referent's own classes (school order), once the rights are checked. */
export async function enrolmentChoices({ userId, sessionId, uaj, deps }: { userId: string; sessionId: string; uaj?: string; deps: CertificationDeps }) {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj);
  const divisions = await deps.schoolDeps.schools.students.divisions(access.referent.school.id);
  return { ...access, divisions: divisions.map((d) => d.division).sort(compareDivisions) };
}

/** After a partner school's enrolment: the host's referents hear of it. */
export async function tellHost(deps: CertificationDeps, access: EnrolmentAccess, added: number): Promise<void> {
  if (!access.partner || added === 0) return;
  const now = deps.clock();
  await notifyUsers(deps, {
    userIds: await deps.sessions.referentsOf(access.session.schoolId),
    kind: 'certification-partner-enrolment',
    key: (userId) => `certification:partner-enrolment:${access.session.id}:${access.referent.school.id}:${now.toISOString()}:${userId}`,
    text: (t, lang) => t.partnerEnrolled(access.referent.school.name, added, formatCalendarDate(access.session.date, { lang })),
  });
}
