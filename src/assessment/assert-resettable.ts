/**
 * Whether the competence may be reset now; throws the reason when not. Asked before the student
 * confirms, and again when they do.
 */
import { requireCompetence, type AssessmentDeps } from './deps.js';
import { daysRemaining } from './delays.js';
import { ResetNotAvailableError } from './errors.js';
import type { Assessment } from './model.js';

export async function assertResettable({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<Assessment> {
  requireCompetence(deps, competenceId);
  const last = await deps.assessments.lastAnswerAt(userId, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (!last || !latest || latest.state === 'reset') throw new ResetNotAvailableError(competenceId, 'nothing_to_reset');
  const remaining = daysRemaining(last, deps.settings.resetDelayDays, deps.clock());
  if (remaining > 0) throw new ResetNotAvailableError(competenceId, 'too_early', remaining);
  return latest;
}
