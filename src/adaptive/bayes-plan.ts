/**
 * The shortest way to settle a flawless student's level. While the answers agree with the noise-free
 * reading, what is known is a box: per tube, the lowest and highest state the answers allow. A
 * question on a skill of level L in tube t splits the box in two (right: state ≥ L; wrong: state < L),
 * and the test ends once every state of the box gives the same competence level.
 *
 * The expected number of questions left, E(box) = min over questions of 1 + Σ P(answer) · E(sub-box),
 * is solved exactly by dynamic programming over the boxes, with the model's prior (tubes of one
 * competence go together through θ). Asking the question that minimises it gives, on average, the
 * shortest test that is still exact for every flawless student: one step of a greedy rule (such as the
 * most informative question) cannot see that a question is only worth asking for the one after it.
 *
 * The boxes of a competence are few in a real bank (3 or 4 tubes of 3 to 5 skills: at most 47,250 in
 * ours, solved in about 0.2 s); the plan is solved once per competence, at start-up or on first use,
 * and is refused above a budget (the caller then chooses by information instead).
 */
import type { Framework } from '../framework/model.js';
import { gaussianOnGrid } from './irt.js';
import {
  competenceIndex,
  DEFAULT_MODEL_SETTINGS,
  levelOfUnits,
  MAX_STATE,
  modelGrid,
  STATE_COUNT,
  type CompetenceIndex,
  type ModelGrid,
} from './bayes-model.js';

/** Above this many boxes, the plan would take too long to build; see settlingPlan. */
export const PLAN_BOX_BUDGET = 60_000;

export interface SettlingPlan {
  /** Expected questions still to ask in this box, following the plan (0 once the level is settled). */
  expected(low: readonly number[], high: readonly number[]): number;
  /**
   * Expected questions still to ask, this one included, if the question on the skill of level
   * `level` of tube `tube` is asked now and the plan is followed afterwards.
   */
  costOf(low: readonly number[], high: readonly number[], tube: number, level: number): number;
  /** The same for several questions on one box, the box weighed once. */
  costsOf(low: readonly number[], high: readonly number[], questions: readonly { tube: number; level: number }[]): number[];
  /** Expected questions of a whole test, from no answer at all; solves every box a test can reach. */
  fromStart(): number;
}

/**
 * The plan for one competence, or null when its boxes exceed the budget. `askable[t]` lists the
 * levels of tube t that have a challenge to ask.
 */
export function settlingPlan(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  prior: Float64Array;
  highestLevel: number;
  askable: readonly (readonly number[])[];
  budget?: number;
}): SettlingPlan | null {
  const { index, grid, prior, highestLevel, askable } = args;
  const tubeCount = index.tubes.length;
  // Per tube, the box sides that answers can produce: k + 1 boundaries give (k + 1)(k + 2) / 2 intervals.
  const boxes = askable.reduce((n, levels) => n * ((levels.length + 1) * (levels.length + 2)) / 2, 1);
  if (boxes > (args.budget ?? PLAN_BOX_BUDGET) || tubeCount > 7) return null;

  const points = grid.theta.length;
  // cumulative[g · 10 + k + 1] = P(state ≤ k | θ_g); index k + 1 so that "state ≤ −1" is 0.
  const cumulative = new Float64Array(points * (STATE_COUNT + 1));
  for (let g = 0; g < points; g++) {
    let sum = 0;
    for (let k = 0; k < STATE_COUNT; k++) {
      sum += grid.stateGivenTheta[g * STATE_COUNT + k]!;
      cumulative[g * (STATE_COUNT + 1) + k + 1] = sum;
    }
  }
  /**
   * The prior mass of a box, and for each tube t the mass of the other tubes' sides at each θ
   * (others[t · points + g]): a question in tube t then weighs its half-box in one pass over θ.
   */
  const weigh = (low: readonly number[], high: readonly number[]) => {
    const sides = new Float64Array(tubeCount * points);
    for (let t = 0; t < tubeCount; t++) {
      for (let g = 0; g < points; g++) {
        const row = g * (STATE_COUNT + 1);
        sides[t * points + g] = cumulative[row + high[t]! + 1]! - cumulative[row + low[t]!]!;
      }
    }
    // others = prior × (product of the sides before t) × (product of the sides after t).
    const others = new Float64Array(tubeCount * points);
    let mass = 0;
    for (let g = 0; g < points; g++) {
      let before = prior[g]!;
      for (let t = 0; t < tubeCount; t++) {
        others[t * points + g] = before;
        before *= sides[t * points + g]!;
      }
      mass += before;
      let after = 1;
      for (let t = tubeCount - 1; t >= 0; t--) {
        others[t * points + g]! *= after;
        after *= sides[t * points + g]!;
      }
    }
    return { mass, others };
  };
  type Weights = ReturnType<typeof weigh>;
  const units = index.tubes.map((tube) => tube.unitsByState);
  const levelOf = (states: readonly number[]) => {
    let sum = 0;
    for (let t = 0; t < tubeCount; t++) sum += units[t]![states[t]!]!;
    return levelOfUnits(sum, highestLevel);
  };
  // A box as one number: per tube, its side's rank among the sides answers can produce (mixed radix).
  const sideRank = askable.map((levels) => {
    const lows = [0, ...levels];
    const highs = [...levels.map((l) => l - 1), MAX_STATE];
    const rank = new Int32Array(STATE_COUNT * STATE_COUNT).fill(-1);
    let next = 0;
    for (const l of lows) for (const h of highs) if (l <= h && rank[l * STATE_COUNT + h]! < 0) rank[l * STATE_COUNT + h] = next++;
    return { rank, count: next };
  });
  const keyOf = (low: readonly number[], high: readonly number[]): number => {
    let key = 0;
    for (let t = 0; t < tubeCount; t++) {
      const r = sideRank[t]!.rank[low[t]! * STATE_COUNT + high[t]!]!;
      if (r < 0) return -1;
      key = key * sideRank[t]!.count + r;
    }
    return key;
  };
  const memo = new Float64Array(sideRank.reduce((n, s) => n * s.count, 1)).fill(Number.NaN);
  // Sides no answer produces (a floor from an earlier pass on a skill that has no challenge left)
  // are few: kept apart, by their plain states (81 values a tube, at most 7 tubes: < 2^53).
  const rareKeyOf = (low: readonly number[], high: readonly number[]): number => {
    let key = 0;
    for (let t = 0; t < tubeCount; t++) key = key * STATE_COUNT * STATE_COUNT + low[t]! * STATE_COUNT + high[t]!;
    return key;
  };
  const rare = new Map<number, number>();
  const remember = (key: number, low: readonly number[], high: readonly number[], value: number) => {
    if (key >= 0) memo[key] = value;
    else rare.set(rareKeyOf(low, high), value);
  };

  /** Expected questions left in this box, following the plan. */
  function remaining(low: number[], high: number[]): number {
    if (levelOf(low) === levelOf(high)) return 0;
    const key = keyOf(low, high);
    const known = key >= 0 ? memo[key]! : (rare.get(rareKeyOf(low, high)) ?? Number.NaN);
    if (!Number.isNaN(known)) return known;
    const weights = weigh(low, high);
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t < tubeCount; t++) {
      for (const level of askable[t]!) {
        if (level <= low[t]! || level > high[t]!) continue;
        best = Math.min(best, split(low, high, t, level, weights));
      }
    }
    // No question left that could settle it: the test ends on the model's estimate.
    const value = Number.isFinite(best) ? best : 0;
    remember(key, low, high, value);
    return value;
  }

  /** Asks the question in place (the sides are restored before returning). */
  function split(low: number[], high: number[], tube: number, level: number, { mass, others }: Weights): number {
    let rightMass = 0;
    for (let g = 0; g < points; g++) {
      const row = g * (STATE_COUNT + 1);
      rightMass += others[tube * points + g]! * (cumulative[row + high[tube]! + 1]! - cumulative[row + level]!);
    }
    // Shares of the box; a box the prior gives no weight to is split evenly rather than divided by 0.
    const pRight = mass > 0 ? Math.min(1, rightMass / mass) : 0.5;
    let cost = 1;
    const [wasLow, wasHigh] = [low[tube]!, high[tube]!];
    if (pRight > 0) {
      low[tube] = level;
      cost += pRight * remaining(low, high);
      low[tube] = wasLow;
    }
    if (pRight < 1) {
      high[tube] = level - 1;
      cost += (1 - pRight) * remaining(low, high);
      high[tube] = wasHigh;
    }
    return cost;
  }

  const clamp = (states: readonly number[]) => states.map((k) => Math.max(0, Math.min(k, MAX_STATE)));
  const costsOf = (low: readonly number[], high: readonly number[], questions: readonly { tube: number; level: number }[]) => {
    const l = clamp(low);
    const h = clamp(high);
    const weights = weigh(l, h);
    return questions.map((q) => split(l, h, q.tube, q.level, weights));
  };
  return {
    expected: (low, high) => remaining(clamp(low), clamp(high)),
    costOf: (low, high, tube, level) => costsOf(low, high, [{ tube, level }])[0]!,
    costsOf,
    fromStart: () =>
      remaining(
        index.tubes.map(() => 0),
        index.tubes.map(() => MAX_STATE),
      ),
  };
}

/**
 * The fewest challenges, on average, that any method must ask to give every flawless student of this
 * population their exact level on this bank: the plan's expected length from an empty test, with the
 * population's own prior, averaged over the competences tested (one id per test, repeats included).
 * Null when a competence's boxes exceed the budget.
 */
export function shortestExactLength(args: {
  framework: Framework;
  competenceIds: readonly string[];
  population: { abilityMean: number; abilitySd: number; tubeSpread: number };
  highestLevel: number;
}): number | null {
  const { framework, population, highestLevel } = args;
  const grid = modelGrid({ ...DEFAULT_MODEL_SETTINGS, tubeSpread: population.tubeSpread, thetaStep: 0.25, highestLevel });
  const prior = gaussianOnGrid(grid.theta, population.abilityMean, population.abilitySd);
  const lengths = new Map<string, number>();
  for (const competenceId of new Set(args.competenceIds)) {
    const index = competenceIndex(framework, competenceId, highestLevel);
    const plan = settlingPlan({ index, grid, prior, highestLevel, askable: askableLevels(index) });
    if (!plan) return null;
    lengths.set(competenceId, plan.fromStart());
  }
  const total = args.competenceIds.reduce((sum, id) => sum + lengths.get(id)!, 0);
  return args.competenceIds.length > 0 ? total / args.competenceIds.length : 0;
}

/** Per tube, the levels that have a challenge to ask. */
export function askableLevels(index: CompetenceIndex): number[][] {
  return index.tubes.map((tube) => tube.skills.filter((s) => s.challenges.length > 0).map((s) => s.level));
}
