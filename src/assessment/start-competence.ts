/** "Commencer": starts a competence's test, or resumes the one running on the same question. */
import { competenceScoreOf, randomSeed, requireCompetence, type AssessmentDeps } from './deps.js';
import { daysRemaining } from './delays.js';
import { CompetenceFinishedError } from './errors.js';
import { canImprove } from './scoring.js';
import { currentStep, type TestStep } from './test-step.js';

export async function startCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<TestStep> {
  requireCompetence(deps, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (latest?.state === 'started') return currentStep(deps, latest, true);
  if (latest?.state === 'completed') {
    const score = await competenceScoreOf(deps, userId, competenceId);
    const last = (await deps.assessments.lastAnswerAt(userId, competenceId)) ?? latest.completedAt ?? deps.clock();
    throw new CompetenceFinishedError(competenceId, daysRemaining(last, deps.settings.improveDelayDays, deps.clock()), !canImprove(score, deps.settings.highestLevel));
  }
  const { assessment, created } = await deps.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: deps.defaultStrategy,
    pass: 1,
    seed: randomSeed(deps),
    now: deps.clock(),
  });
  // A click that lost the race to another resumes the test the winner started: same question.
  return currentStep(deps, assessment, !created, created);
}
