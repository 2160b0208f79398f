/**
 * The referent's sessions, each at its stage: coming (enrolments open), to finalise (held, or today),
 * to publish (finalised), published; with how many candidates each has.
 */
import { referentOf, type CertificationDeps } from './deps.js';
import type { Session } from './model.js';
import { parisDay } from './window.js';

export type SessionStage = 'coming' | 'toFinalise' | 'toPublish' | 'published';

export interface SessionView {
  session: Session;
  stage: SessionStage;
  /** Whether enrolments are open (until the session's day, included). */
  enrolOpen: boolean;
  /** Whether it may be finalised now (its day has come, not finalised yet). */
  finalisable: boolean;
  candidates: number;
  /** The referent's school hosts it (a partner school's referent only enrols and reads). */
  host: boolean;
}

export function viewOf(session: Session, today: string, candidates: number, host: boolean): SessionView {
  const created = session.status === 'created';
  const stage: SessionStage = created ? (session.date < today ? 'toFinalise' : 'coming') : session.status === 'finalised' ? 'toPublish' : 'published';
  return { session, stage, enrolOpen: created && session.date >= today, finalisable: host && created && session.date <= today, candidates, host };
}

export const STAGES: readonly SessionStage[] = ['coming', 'toFinalise', 'toPublish', 'published'];

/** The school's own sessions, and those other schools of its network opened to it (to enrol its own students). */
export async function listSessions({ userId, uaj, deps }: { userId: string; uaj?: string; deps: CertificationDeps }) {
  const referent = await referentOf(deps, userId, uaj);
  const schoolId = referent.school.id;
  const today = parisDay(deps.clock());
  const sessions = await deps.sessions.ofSchool(schoolId);
  const { network } = await deps.sessions.settings(schoolId);
  const partner = network ? await deps.sessions.openInNetwork(network, schoolId, today) : [];
  const candidates = await deps.candidates.ofSessions([...sessions, ...partner.map((p) => p.session)].map((s) => s.id));
  // A partner school counts its own candidates only.
  const count = (id: string, own: boolean) => candidates.filter((c) => c.sessionId === id && (!own || c.schoolId === schoolId)).length;
  return {
    school: referent.school,
    sessions: sessions.map((s) => viewOf(s, today, count(s.id, false), true)),
    network: partner.map(({ session, schoolName }) => ({ view: viewOf(session, today, count(session.id, true), false), schoolName })),
  };
}

/** One session as the referent sees it (host or partner), after the rights are checked by the caller's use case. */
export async function sessionView(deps: CertificationDeps, session: Session, schoolId: string): Promise<SessionView> {
  const candidates = (await deps.candidates.ofSession(session.id)).filter((c) => session.schoolId === schoolId || c.schoolId === schoolId);
  return viewOf(session, parisDay(deps.clock()), candidates.length, session.schoolId === schoolId);
}
