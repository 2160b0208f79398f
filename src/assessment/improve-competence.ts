/** "Retenter": a new pass on a finished competence; failures are forgotten, successes stay. */
import { competenceScoreOf, randomSeed, requireCompetence, type AssessmentDeps } from './deps.js';
import { daysRemaining } from './delays.js';
import { ImproveNotAvailableError } from './errors.js';
import { canImprove } from './scoring.js';
import { currentStep, type TestStep } from './test-step.js';

export async function improveCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<TestStep> {
  requireCompetence(deps, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (!latest) throw new ImproveNotAvailableError(competenceId, 'not_started');
  if (latest.state === 'started') throw new ImproveNotAvailableError(competenceId, 'in_progress');
  const score = await competenceScoreOf(deps, userId, competenceId);
  if (!canImprove(score, deps.settings.highestLevel)) throw new ImproveNotAvailableError(competenceId, 'highest_level');
  const now = deps.clock();
  const last = (await deps.assessments.lastAnswerAt(userId, competenceId)) ?? latest.createdAt;
  const remaining = daysRemaining(last, deps.settings.improveDelayDays, now);
  if (remaining > 0) throw new ImproveNotAvailableError(competenceId, 'too_early', remaining);
  const { assessment, created } = await deps.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: deps.defaultStrategy,
    pass: latest.pass + 1,
    seed: randomSeed(deps),
    now,
    forget: 'invalidated',
  });
  return currentStep(deps, assessment, !created, created);
}
