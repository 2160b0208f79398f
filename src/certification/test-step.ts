/**
 * Where a certification test stands: the pending challenge (the first unanswered, asked again after
 * a restart with its timer still running from its first showing), or the end. Past the deadline,
 * or with every challenge answered, the test ends and is scored; it never resumes after that.
 */
import type { Challenge } from '../framework/model.js';
import type { CertificationDeps } from './deps.js';
import type { DrawnChallenge, EnrolledStudent } from './model.js';
import { scoreCertification, type CompetenceSitting } from './scoring.js';

export type CertificationStep =
  | { ended: false; candidateId: string; challenge: Challenge; position: number; total: number; deadline: Date; askedAt: Date }
  | { ended: true; candidateId: string };

export async function endTest(deps: CertificationDeps, candidateId: string, drawn: DrawnChallenge[]): Promise<void> {
  const sittings = new Map<string, CompetenceSitting>();
  for (const d of drawn) {
    const sitting = sittings.get(d.competenceId) ?? { competenceId: d.competenceId, level: d.profileLevel, pix: d.profilePix, outcomes: [] };
    sitting.outcomes.push(d.status === 'ok');
    sittings.set(d.competenceId, sitting);
  }
  const score = scoreCertification({ sittings: [...sittings.values()], highestLevel: deps.settings.highestLevel });
  await deps.candidates.end(candidateId, score, deps.clock());
}

export async function certificationStep(deps: CertificationDeps, candidate: EnrolledStudent): Promise<CertificationStep> {
  if (candidate.state === 'ended') return { ended: true, candidateId: candidate.id };
  const drawn = await deps.candidates.drawn(candidate.id);
  const now = deps.clock();
  const pending = drawn.find((d) => d.status === null);
  const deadline = candidate.deadlineAt ?? now;
  if (!pending || now.getTime() > deadline.getTime()) {
    await endTest(deps, candidate.id, drawn);
    return { ended: true, candidateId: candidate.id };
  }
  if (!pending.askedAt) await deps.candidates.markAsked(candidate.id, pending.position, now);
  return {
    ended: false,
    candidateId: candidate.id,
    challenge: deps.framework.challenges.get(pending.challengeId)!,
    position: pending.position,
    total: drawn.length,
    deadline,
    askedAt: pending.askedAt ?? now,
  };
}
