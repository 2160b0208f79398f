/**
 * On the day, a candidate types the session's access code and confirms who they are: names and
 * birth date must match one enrolled candidate of that session (accents, case and spaces aside).
 */
import { minutesToWait, windowStart } from '../schools/attempts.js';
import { TooManyCodeAttemptsError } from '../schools/errors.js';
import { normalizeName } from '../schools/reconciliation.js';
import { normalizeAccessCode } from './access-code.js';
import type { CertificationDeps } from './deps.js';
import { CandidateNotEnrolledError, ExpiredAccessCodeError, IdentityMismatchError, InvalidAccessCodeError, SecondAttemptError } from './errors.js';
import type { EnrolledStudent, Session } from './model.js';
import { parisDay } from './window.js';

export interface Identity {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

function matches(candidate: EnrolledStudent, identity: Identity): boolean {
  const first = normalizeName(identity.firstName);
  const last = normalizeName(identity.lastName);
  const firsts = [candidate.firstName, candidate.secondFirstName, candidate.thirdFirstName].filter((n): n is string => !!n).map(normalizeName);
  const lasts = [candidate.lastName, candidate.usageName].filter((n): n is string => !!n).map(normalizeName);
  return first !== '' && last !== '' && candidate.birthDate === identity.birthDate.trim() && firsts.includes(first) && lasts.includes(last);
}

/**
 * The session an access code opens today, or the refusal. A wrong code counts with the user's wrong
 * one-time codes of the hour (CODE_ATTEMPTS_PER_HOUR), so that codes cannot be tried in a loop.
 */
export async function sessionOfCode(deps: CertificationDeps, userId: string, accessCode: string): Promise<Session> {
  const { schools, settings } = deps.schoolDeps;
  const now = deps.clock();
  const wait = minutesToWait(await schools.attempts.failedCodeAttempts(userId, windowStart(now)), settings.codeAttemptsPerHour, now);
  if (wait > 0) throw new TooManyCodeAttemptsError(wait);
  const session = await deps.sessions.byCode(normalizeAccessCode(accessCode));
  if (!session) {
    await schools.attempts.recordCodeAttempt(userId, 'invalid', now);
    throw new InvalidAccessCodeError();
  }
  if (session.status !== 'created' || session.date !== parisDay(deps.clock())) throw new ExpiredAccessCodeError(session.date);
  return session;
}

export async function checkIn({ userId, accessCode, identity, deps }: { userId: string; accessCode: string; identity: Identity; deps: CertificationDeps }) {
  const session = await sessionOfCode(deps, userId, accessCode);
  const candidates = await deps.candidates.ofSession(session.id);
  const found = candidates.filter((c) => matches(c, identity));
  const candidate = found.length === 1 ? found[0]! : null;
  // Someone else's identity: the record is linked to another account.
  if (!candidate || (candidate.linkedUserId !== null && candidate.linkedUserId !== userId)) {
    const own = await deps.schoolDeps.schools.students.studentsOfUser(userId);
    const ownEnrolled = own.some((s) => candidates.some((c) => c.studentId === s.id));
    if (own.length > 0 && !ownEnrolled) throw new CandidateNotEnrolledError();
    throw new IdentityMismatchError();
  }
  if (candidate.state === 'ended' || (candidate.userId !== null && candidate.userId !== userId)) throw new SecondAttemptError();
  if (candidate.state === 'enrolled' || candidate.state === 'checked_in') {
    if (!(await deps.candidates.checkIn(candidate.id, userId, deps.clock()))) throw new SecondAttemptError();
  }
  return { session, candidate: (await deps.candidates.byId(candidate.id))! };
}
