/** "Commencer": starts a competence's test, or resumes the one running on the same question. */
import { randomSeed, requireCompetence, type AssessmentDeps } from './deps.js';
import { daysRemaining } from './delays.js';
import { CompetenceFinishedError } from './errors.js';
import { canImprove, scoreCompetence } from './scoring.js';
import { chooseNext, currentStep, type TestStep } from './test-step.js';

export async function startCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<TestStep> {
  requireCompetence(deps, competenceId);
  const now = deps.clock();
  // One read: the latest test, the knowledge of the competence and the challenges seen before now.
  const { latest, knowledge, seen } = await deps.assessments.startState(userId, competenceId, now);
  if (latest?.state === 'started') return currentStep(deps, latest, true);
  if (latest?.state === 'completed') {
    const score = scoreCompetence({ framework: deps.framework, competenceId, knowledge: knowledge.values(), maxLevel: deps.settings.highestLevel });
    const last = (await deps.assessments.lastAnswerAt(userId, competenceId)) ?? latest.completedAt ?? now;
    throw new CompetenceFinishedError(competenceId, daysRemaining(last, deps.settings.improveDelayDays, now), !canImprove(score, deps.settings.highestLevel));
  }
  // The first challenge is chosen before the test is inserted, which is then one write: inserted asking it.
  const { assessment, created } = await deps.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: deps.defaultStrategy,
    pass: 1,
    seed: randomSeed(deps),
    now,
    first: { choose: (test) => chooseNext(deps, test, [], knowledge, seen)?.id ?? null, seen },
  });
  // A click that lost the race to another resumes the test the winner started: same question.
  if (!created) return currentStep(deps, assessment, true);
  const challenge = assessment.pendingChallengeId ? deps.framework.challenges.get(assessment.pendingChallengeId) : undefined;
  if (challenge) return { assessment, challenge, answered: 0, resumed: false, summary: null };
  // No challenge to ask at all: the test ends at once, as a test does with none left.
  return currentStep(deps, assessment, false, true);
}
