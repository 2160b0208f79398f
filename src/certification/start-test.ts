/**
 * A checked-in candidate starts the certification test: challenges are drawn once from their
 * highest validated skills and stored, so that a test cut short (a restart, a closed chat) resumes
 * with the same ones, within the session's time. Starting again resumes; after the end, refused.
 */
import type { CertificationDeps } from './deps.js';
import { CERTIFIABLE_COMPETENCES, eligibilityOf } from './eligibility.js';
import { NotEligibleError, SecondAttemptError, SessionClosedError, UnknownCandidateError } from './errors.js';
import { drawCertificationChallenges } from './selection.js';
import { certificationStep, type CertificationStep } from './test-step.js';

export async function startCertificationTest({ userId, candidateId, deps }: { userId: string; candidateId: string; deps: CertificationDeps }): Promise<CertificationStep> {
  const candidate = await deps.candidates.byId(candidateId);
  if (!candidate || candidate.userId !== userId) throw new UnknownCandidateError();
  if (candidate.state === 'ended') throw new SecondAttemptError();
  if (candidate.state === 'checked_in') {
    // Checked in, then the session was finalised without them: absent, no test any more.
    const session = await deps.sessions.byId(candidate.sessionId);
    if (session?.status !== 'created') throw new SessionClosedError(session?.status ?? 'closed');
    const knowledge = await deps.knowledge(userId);
    const eligibility = eligibilityOf({ framework: deps.framework, knowledge: knowledge.values(), highestLevel: deps.settings.highestLevel });
    if (!eligibility.eligible) throw new NotEligibleError(eligibility.certifiable.length, CERTIFIABLE_COMPETENCES);
    const scores = new Map(eligibility.certifiable.map((c) => [c.competenceId, c]));
    const challenges = drawCertificationChallenges({
      framework: deps.framework,
      competenceIds: [...scores.keys()],
      knowledge,
      seen: await deps.candidates.seenChallenges(userId),
      random: deps.random ?? Math.random,
    });
    const now = deps.clock();
    const deadline = new Date(now.getTime() + deps.settings.durationMinutes * 60_000);
    const drawn = challenges.map((c) => ({ challengeId: c.id, competenceId: c.competenceId, profileLevel: scores.get(c.competenceId)!.level, profilePix: scores.get(c.competenceId)!.pix }));
    // Two starts at once (a double click): one draws, the other resumes the same test.
    await deps.candidates.start(candidate.id, drawn, deadline, now);
  }
  return certificationStep(deps, (await deps.candidates.byId(candidate.id))!);
}

/** Where the candidate's test stands, after a restart or a closed chat. */
export async function resumeCertificationTest({ userId, deps }: { userId: string; deps: CertificationDeps }): Promise<CertificationStep | null> {
  const candidate = await deps.candidates.current(userId);
  if (!candidate || candidate.state !== 'started') return null;
  return certificationStep(deps, candidate);
}
