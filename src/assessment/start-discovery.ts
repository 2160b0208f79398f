/** "Découvrir": a short test across competences that stores nothing in the profile. */
import type { AssessmentDeps } from './deps.js';
import { startSitting, type TestStep } from './test-step.js';

export async function startDiscovery({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<TestStep> {
  return startSitting({ userId, kind: 'discovery', deps });
}
