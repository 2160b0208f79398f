/**
 * Where a student is in a test, for the counter of its question cards: "Question 3 sur environ 6"
 * (a competence test, a campaign), "Question 2 sur 5" (discovery), "Question 12 sur 48 au plus"
 * (positioning). Every test's counter is one of these three.
 */
import type { AssessmentDeps } from './deps.js';
import { discoveryChallenges } from './discovery.js';
import type { TestStep } from './test-step.js';

export type QuestionPosition = { n: number; about: number } | { n: number; of: number } | { n: number; atMost: number };

/**
 * The README's figure: partix-bayes asks 5.8 to 6.3 challenges per competence on average, smart
 * random 6.7 to 6.8; "environ N" is what is left of that.
 */
export const EXPECTED_PER_COMPETENCE = 6;

/** The README's figure: the positioning sitting asks 35 to 38 challenges on average (48 at most). */
export const POSITIONING_EXPECTED_LENGTH = 40;

/**
 * "About" how many questions a test of `expected` questions will have, `answered` of them answered:
 * what is answered, and at least the question shown (never less than n).
 */
export function aboutTotal(answered: number, expected: number): number {
  return answered + Math.max(1, expected - answered);
}

/** How many questions a discovery test asks: one per competence that has an easy challenge, DISCOVERY_LENGTH at most. */
export function discoveryLength(deps: AssessmentDeps): number {
  return discoveryChallenges(deps.framework, 0, deps.settings.discoveryLength).length;
}

/** The position of the question a step shows (the answered ones, plus this one). */
export function questionPosition(deps: AssessmentDeps, step: TestStep): QuestionPosition {
  const n = step.answered + 1;
  if (step.assessment.kind === 'discovery') return { n, of: Math.max(n, discoveryLength(deps)) };
  if (step.assessment.kind === 'positioning' && deps.positioning) return { n, atMost: Math.max(n, deps.positioning.maxLength) };
  return { n, about: aboutTotal(step.answered, EXPECTED_PER_COMPETENCE) };
}
