/** What every certification use case is given, and the checks they share. */
import type { KnowledgeElement } from '../assessment/knowledge.js';
import { KnowledgeStore } from '../assessment/knowledge-store.js';
import type { Framework } from '../framework/model.js';
import type { Outbox } from '../notifications/outbox.js';
import type { Membership } from '../schools/model.js';
import { staffMembership, type SchoolDeps } from '../schools/schools.js';
import type { Database } from '../store/schema.js';
import type { Kysely } from 'kysely';
import type { CandidateRepository } from './candidate-repository.js';
import { SessionNotFoundError } from './errors.js';
import type { Session } from './model.js';
import type { ResultLinks } from './result-links.js';
import type { SessionRepository } from './session-repository.js';
import type { SeasonWindow } from './window.js';

export interface CertificationSettings {
  window: SeasonWindow;
  durationMinutes: number;
  highestLevel: number;
  timerGraceSeconds: number;
}

export interface CertificationDeps {
  framework: Framework;
  sessions: SessionRepository;
  candidates: CandidateRepository;
  /** The students' knowledge, as the assessment records it. */
  knowledge: (userId: string) => Promise<Map<string, KnowledgeElement>>;
  schoolDeps: SchoolDeps;
  outbox: Outbox;
  wakeOutbox: () => void;
  settings: CertificationSettings;
  /** Signed links to a class's results CSV. */
  resultLinks: ResultLinks;
  clock: () => Date;
  random?: () => number;
}

export const knowledgeReader = (db: Kysely<Database>) => {
  const store = new KnowledgeStore(db);
  return (userId: string) => store.read(userId);
};

export function referentOf(deps: CertificationDeps, userId: string, uaj?: string): Promise<Membership> {
  return staffMembership({ userId, uaj, role: 'referent', deps: deps.schoolDeps });
}

/** A session of the referent's own school: not found and another school's read the same. */
export async function hostedSession(deps: CertificationDeps, userId: string, sessionId: string, uaj?: string): Promise<{ session: Session; referent: Membership }> {
  const referent = await referentOf(deps, userId, uaj);
  const session = await deps.sessions.byId(sessionId);
  if (!session || session.schoolId !== referent.school.id) throw new SessionNotFoundError();
  return { session, referent };
}
