/** "Remettre à zéro": every knowledge element of the competence is forgotten (answers stay as history). */
import { assertResettable } from './assert-resettable.js';
import type { AssessmentDeps } from './deps.js';
import { ResetNotAvailableError } from './errors.js';

export async function resetCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<void> {
  const latest = await assertResettable({ userId, competenceId, deps });
  // A second confirmation racing the first finds the test reset already, as it would a moment later.
  if (!(await deps.assessments.reset({ userId, competenceId, assessment: latest, now: deps.clock() }))) {
    throw new ResetNotAvailableError(competenceId, 'nothing_to_reset');
  }
}
