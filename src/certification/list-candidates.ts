/**
 * The referent sees a session's candidates and who is eligible: the host's referent every one of
 * them, a partner school's referent only their own students.
 */
import type { CertificationDeps } from './deps.js';
import { enrolmentAccess } from './enrolment.js';
import { eligibilityOf } from './eligibility.js';
import type { EnrolledStudent } from './model.js';

export interface CandidateLine {
  candidate: EnrolledStudent;
  /** False too when no account is linked to the record: nothing is known of the student yet. */
  eligible: boolean;
  certifiable: number;
}

export async function listCandidates({ userId, sessionId, uaj, deps }: { userId: string; sessionId: string; uaj?: string; deps: CertificationDeps }): Promise<CandidateLine[]> {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj, { closed: true });
  const candidates = (await deps.candidates.ofSession(access.session.id)).filter((c) => !access.partner || c.schoolId === access.referent.school.id);
  return Promise.all(
    candidates.map(async (candidate) => {
      const knowledge = candidate.linkedUserId ? await deps.knowledge(candidate.linkedUserId) : new Map();
      const eligibility = eligibilityOf({ framework: deps.framework, knowledge: knowledge.values(), highestLevel: deps.settings.highestLevel });
      return { candidate, eligible: eligibility.eligible, certifiable: eligibility.certifiable.length };
    }),
  );
}
