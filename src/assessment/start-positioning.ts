/** The end-of-year positioning: one sitting that estimates all 16 competences. */
import type { AssessmentDeps } from './deps.js';
import { UnknownCompetenceError } from './errors.js';
import { startSitting, type TestStep } from './test-step.js';

export async function startPositioning({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<TestStep> {
  if (!deps.positioning) throw new UnknownCompetenceError('positioning');
  return startSitting({ userId, kind: 'positioning', deps });
}
