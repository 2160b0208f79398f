/**
 * The candidate answers (or skips) the pending challenge: recorded, no feedback, the next one
 * follows. A timed challenge answered after its timer (from its first showing, on the server's
 * clock) is a failure; an answer after the test's deadline ends the test unrecorded. A retried
 * delivery of an answer already recorded records nothing twice.
 */
import { answerStatus, parseAnswer, serializeAnswer, type AnswerStatus } from '../assessment/answers.js';
import type { CertificationDeps } from './deps.js';
import { CertificationChallengeNotPendingError, SecondAttemptError, UnknownCandidateError } from './errors.js';
import { certificationStep, type CertificationStep } from './test-step.js';

export async function answerCertificationChallenge({
  userId,
  candidateId,
  challengeId,
  raw,
  skip,
  deps,
}: {
  userId: string;
  candidateId: string;
  challengeId: string;
  raw: Record<string, unknown>;
  skip: boolean;
  deps: CertificationDeps;
}): Promise<CertificationStep> {
  const candidate = await deps.candidates.byId(candidateId);
  if (!candidate || candidate.userId !== userId) throw new UnknownCandidateError();
  if (candidate.state === 'ended') throw new SecondAttemptError();
  if (candidate.state !== 'started') throw new CertificationChallengeNotPendingError();
  const drawn = await deps.candidates.drawn(candidate.id);
  const now = deps.clock();
  const target = drawn.find((d) => d.challengeId === challengeId);
  if (!target) throw new CertificationChallengeNotPendingError();
  if (target.status !== null) return certificationStep(deps, candidate);
  const pending = drawn.find((d) => d.status === null)!;
  if (pending.position !== target.position || !target.askedAt) throw new CertificationChallengeNotPendingError();
  if (candidate.deadlineAt && now.getTime() > candidate.deadlineAt.getTime()) return certificationStep(deps, candidate);

  const challenge = deps.framework.challenges.get(challengeId)!;
  let status: AnswerStatus = 'skipped';
  let value = '';
  if (!skip) {
    const answer = parseAnswer(challenge, raw);
    value = serializeAnswer(answer);
    const elapsedSeconds = Math.round((now.getTime() - target.askedAt.getTime()) / 1000);
    status = answerStatus({ challenge, answer, elapsedSeconds, graceSeconds: deps.settings.timerGraceSeconds });
  }
  await deps.candidates.recordAnswer(candidate.id, target.position, value, status, now);
  return certificationStep(deps, candidate);
}
