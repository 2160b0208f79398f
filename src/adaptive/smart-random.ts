/**
 * Pix's original adaptive method, "smart random" (spec §4 steps 1–5): no calibration data, only the
 * order of levels inside each tube. It asks where an answer decides the most untested skills given
 * the predicted level, and stops when no untested skill is within reach.
 */
import { isAskable, type Challenge, type Framework } from '../framework/model.js';
import { logistic, predictedLevel } from './predicted-level.js';
import { preferUnseen } from '../assessment/measured.js';
import { pickAtRandom } from '../assessment/random.js';
import type { AdaptiveStrategy, AssessmentContext } from '../assessment/strategy.js';

/** Candidates may sit at most this far above the predicted level (step 3). */
const MAX_LEVELS_ABOVE_PREDICTION = 2;
/** Tubes whose hardest skill is at most this level make an easy first challenge (step 1). */
const EASY_TUBE_MAX_LEVEL = 3;
/** The default starting level (step 1). */
const START_LEVEL = 2;
const REWARD_TIE = 1e-9;

export const smartRandom: AdaptiveStrategy = { name: 'smart-random', next: nextChallenge };

function nextChallenge(ctx: AssessmentContext): Challenge | null {
  const { framework, competenceId, history, knowledge, random } = ctx;
  const theta = predictedLevel({ framework, history });
  const bank = askableChallenges(framework, competenceId);
  const answered = new Set(history.map((a) => a.challengeId));
  let pool = bank.filter(
    (c) => !knowledge.has(c.skillId) && !answered.has(c.id) && c.level <= theta + MAX_LEVELS_ABOVE_PREDICTION,
  );
  if (pool.length === 0) return null;
  pool = history.length === 0 ? firstChallengePreferences(bank, pool) : noTimedAfterTimed(ctx, pool);

  const untested = bank.filter((c) => !knowledge.has(c.skillId));
  const bySkill = groupBySkill(pool);
  const scored = [...bySkill.values()].map((variants) => ({ variants, reward: reward(variants[0]!, untested, theta) }));
  const bestReward = Math.max(...scored.map((s) => s.reward));
  const best = scored.filter((s) => s.reward >= bestReward - REWARD_TIE);
  // A challenge the student saw in an earlier test comes back only when its skill has no other.
  return pickAtRandom(preferUnseen(pickAtRandom(best, random).variants, ctx.seen), random);
}

function groupBySkill(challenges: Challenge[]): Map<string, Challenge[]> {
  const bySkill = new Map<string, Challenge[]>();
  for (const c of challenges) bySkill.set(c.skillId, [...(bySkill.get(c.skillId) ?? []), c]);
  return bySkill;
}

/** Validated challenges of the competence, in framework order so that seeded draws reproduce. */
function askableChallenges(framework: Framework, competenceId: string): Challenge[] {
  const competence = framework.competences.get(competenceId);
  return (competence?.tubeNames ?? []).flatMap((tubeName) =>
    (framework.tubes.get(tubeName)?.skillIds ?? []).flatMap((skillId) =>
      (framework.skills.get(skillId)?.challengeIds ?? [])
        .map((id) => framework.challenges.get(id))
        .filter((c): c is Challenge => c !== undefined && isAskable(c)),
    ),
  );
}

/** Keep the items that satisfy a preference, unless none does: preferences never empty the pool. */
function prefer<T>(items: T[], predicate: (item: T) => boolean): T[] {
  const preferred = items.filter(predicate);
  return preferred.length > 0 ? preferred : items;
}

/**
 * Step 1: start gently, on an easy tube, without a timer, at level 2. When no level 2 is left
 * (a tube without one, or an improve pass), the nearest level is the closest thing to that intent.
 */
function firstChallengePreferences(bank: Challenge[], pool: Challenge[]): Challenge[] {
  const hardest = new Map<string, number>();
  for (const c of bank) hardest.set(c.tubeName, Math.max(hardest.get(c.tubeName) ?? 0, c.level));
  let preferred = prefer(pool, (c) => (hardest.get(c.tubeName) ?? 0) <= EASY_TUBE_MAX_LEVEL);
  preferred = prefer(preferred, (c) => c.timer === undefined);
  const distance = Math.min(...preferred.map((c) => Math.abs(c.level - START_LEVEL)));
  return preferred.filter((c) => Math.abs(c.level - START_LEVEL) === distance);
}

/** Two timed challenges in a row are stressful; avoid it whenever another candidate exists. */
function noTimedAfterTimed(ctx: AssessmentContext, pool: Challenge[]): Challenge[] {
  const last = ctx.history[ctx.history.length - 1];
  const lastWasTimed = last !== undefined && ctx.framework.challenges.get(last.challengeId)?.timer !== undefined;
  return lastWasTimed ? prefer(pool, (c) => c.timer === undefined) : pool;
}

/**
 * Step 4: expected number of skills one answer decides. A success (probability p) decides the
 * untested skills at or below d, a failure those at or above. Skills with no askable challenge are
 * left out: deciding them earns nothing and they can never be asked.
 */
function reward(candidate: Challenge, untested: Challenge[], theta: number): number {
  const p = logistic(theta - candidate.level);
  const levels = new Map(untested.filter((c) => c.tubeName === candidate.tubeName).map((c) => [c.skillId, c.level]));
  const below = [...levels.values()].filter((level) => level <= candidate.level).length;
  const above = [...levels.values()].filter((level) => level >= candidate.level).length;
  return p * below + (1 - p) * above;
}
