/** `positionnement résultat`: the result of the latest positioning sitting that ended, read again (nothing is written). */
import type { AssessmentDeps } from './deps.js';
import { NoPositioningResultError, UnknownCompetenceError } from './errors.js';
import type { Assessment } from './model.js';
import { summarize, type TestSummary } from './test-step.js';

export async function lastPositioning({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<{ assessment: Assessment; summary: TestSummary }> {
  if (!deps.positioning) throw new UnknownCompetenceError('positioning');
  const last = await deps.assessments.lastCompleted(userId, 'positioning');
  if (!last) throw new NoPositioningResultError((await deps.assessments.running(userId, 'positioning', null)) !== null);
  return { assessment: last, summary: await summarize(deps, last, await deps.assessments.answers(last.id)) };
}
