/** "certification": whether the student may be certified and, if not, the competences closest to level 1. */
import type { CertificationDeps } from './deps.js';
import { eligibilityOf, type Eligibility } from './eligibility.js';

export async function checkEligibility({ userId, deps }: { userId: string; deps: CertificationDeps }): Promise<Eligibility> {
  const knowledge = await deps.knowledge(userId);
  return eligibilityOf({ framework: deps.framework, knowledge: knowledge.values(), highestLevel: deps.settings.highestLevel });
}
