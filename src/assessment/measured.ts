/**
 * Which answers of a test measure something, and which challenges a student has not seen yet
 * (shared by every method). After a wrong answer the student is shown the correction of that skill:
 * another variant of the same skill asked later in the test would then test the correction they
 * just read, not what they knew, so it measures nothing there. Across tests, a challenge the student
 * has already seen comes back only when every other variant of its skill has been seen too.
 */
import type { Challenge } from '../framework/model.js';
import type { AnsweredChallenge } from './strategy.js';

/** Skills whose correction this test has shown (a wrong, skipped or late answer). */
export function correctedSkills(history: readonly AnsweredChallenge[]): Set<string> {
  return new Set(history.filter((a) => a.status !== 'ok').map((a) => a.skillId));
}

/** The answers that measure the student: an answer on a skill whose correction was shown earlier in the test is left out. */
export function measuredHistory<T extends AnsweredChallenge>(history: readonly T[]): T[] {
  const corrected = new Set<string>();
  const measured: T[] = [];
  for (const answer of history) {
    if (corrected.has(answer.skillId)) continue;
    measured.push(answer);
    if (answer.status !== 'ok') corrected.add(answer.skillId);
  }
  return measured;
}

/** A method's context with only the answers that measure the student. */
export function withMeasuredHistory<T extends { history: readonly AnsweredChallenge[] }>(ctx: T): T {
  const history = measuredHistory(ctx.history);
  return history.length === ctx.history.length ? ctx : { ...ctx, history };
}

/** The variants the student has not seen, unless they have seen them all. */
export function preferUnseen<T extends Pick<Challenge, 'id'>>(variants: readonly T[], seen: ReadonlySet<string> | undefined): T[] {
  if (!seen || seen.size === 0) return [...variants];
  const unseen = variants.filter((c) => !seen.has(c.id));
  return unseen.length > 0 ? unseen : [...variants];
}
