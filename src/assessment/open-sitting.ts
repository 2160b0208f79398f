/**
 * `découvrir`, `positionnement`: a running sitting resumes on its question; otherwise nothing starts
 * yet, the student reads first what the sitting is (the intro), or, after a positioning that ended,
 * is asked whether to see its result again or start a new one.
 */
import type { AssessmentDeps } from './deps.js';
import { UnknownCompetenceError } from './errors.js';
import type { Assessment } from './model.js';
import { currentStep, type TestStep } from './test-step.js';

export type SittingOpening = { kind: 'resume'; step: TestStep } | { kind: 'intro' } | { kind: 'again'; last: Assessment };

export async function openSitting({ userId, kind, deps }: { userId: string; kind: 'discovery' | 'positioning'; deps: AssessmentDeps }): Promise<SittingOpening> {
  if (kind === 'positioning' && !deps.positioning) throw new UnknownCompetenceError('positioning');
  const running = await deps.assessments.running(userId, kind, null);
  if (running) return { kind: 'resume', step: await currentStep(deps, running, true) };
  const last = kind === 'positioning' ? await deps.assessments.lastCompleted(userId, kind) : null;
  return last ? { kind: 'again', last } : { kind: 'intro' };
}
