/**
 * Partix's model of a student on one competence, the ground of the "partix-bayes" method.
 *
 * - θ, the student's ability on the competence, on the level scale, with a Gaussian prior.
 * - In each tube, a state k ∈ {0, …, 8}: the highest level mastered (the tube's skills are ordered,
 *   as in Pix's inference). Given θ, k = round(θ + η) clamped to 0…8, η ~ N(0, spread²): tubes of one
 *   competence go together but not in lockstep.
 * - A challenge is answered right with P = guess + (1 − slip − guess)·σ(a·(k − δ)), δ = level − 0.5
 *   and a steep slope until calibrated: a slip no longer invalidates a whole tube, a lucky guess no
 *   longer validates one.
 * - Students differ in carefulness: slip and guess come from a few noise profiles (careful,
 *   careless) whose weights the answers update, so a student whose answers hang together is
 *   believed sooner than one whose answers contradict each other.
 *
 * Everything is exact Bayesian computation on small grids (41 values of θ × 9 states per tube), so
 * the same answers always give the same posterior: nothing is kept between two turns.
 */
import { isAskable, type Challenge, type Framework } from '../framework/model.js';
import { normalCdf, gaussianOnGrid, normalize, sigmoid, uniformGrid } from './irt.js';
import { guessRate, itemParametersOf, type ItemParameterLookup } from './item-parameters.js';

/** Tube states: k = 0 (nothing mastered) … 8 (the highest level of the framework). */
export const STATE_COUNT = 9;
export const MAX_STATE = STATE_COUNT - 1;

export interface NoiseProfile {
  /** Prior share of students with this profile. */
  weight: number;
  /** Probability of failing a mastered challenge. */
  slip: number;
  /** Multiplies the guess rate of the challenge's type (1: a student who does not know picks at random). */
  guessFactor: number;
}

export interface ModelSettings {
  profiles: readonly NoiseProfile[];
  /** Standard deviation of a tube's level around the competence ability, in levels. */
  tubeSpread: number;
  priorMean: number;
  priorSd: number;
  /** Highest reachable level (spec §3, config): nothing above it changes the score. */
  highestLevel: number;
}

/**
 * Fixed design values, the same whatever the students: they are not tuned to the simulator's noise
 * settings (the simulator runs the same strategy in all of them).
 */
export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  profiles: [
    { weight: 0.5, slip: 0.02, guessFactor: 0.25 },
    { weight: 0.5, slip: 0.15, guessFactor: 1 },
  ],
  tubeSpread: 0.8,
  priorMean: 2.5,
  priorSd: 1.5,
  highestLevel: 5,
};

/** Pix are fractions 8/N; in units of 1/2520 pix (2520 = lcm(1…10)) their sums are exact integers. */
export const PIX_UNIT = 2520;
const LEVEL_UNITS = 8 * PIX_UNIT;
/** Rounding slack for competences with more than 10 skills at one level (8/11 is not a whole unit). */
const UNIT_SLACK = 16;

export function levelOfUnits(units: number, highestLevel: number): number {
  return Math.min(Math.floor((units + UNIT_SLACK) / LEVEL_UNITS), highestLevel);
}

export interface ModelGrid {
  settings: ModelSettings;
  theta: Float64Array;
  /** P(tube state k | θ), row-major: [θ index × STATE_COUNT + k]. */
  stateGivenTheta: Float64Array;
}

export const THETA_GRID = uniformGrid(-1.5, 8.5, 0.25);

export function modelGrid(settings: ModelSettings): ModelGrid {
  const theta = THETA_GRID;
  const stateGivenTheta = new Float64Array(theta.length * STATE_COUNT);
  for (let g = 0; g < theta.length; g++) {
    for (let k = 0; k < STATE_COUNT; k++) {
      const upper = k === MAX_STATE ? 1 : normalCdf((k + 0.5 - theta[g]!) / settings.tubeSpread);
      const lower = k === 0 ? 0 : normalCdf((k - 0.5 - theta[g]!) / settings.tubeSpread);
      stateGivenTheta[g * STATE_COUNT + k] = upper - lower;
    }
  }
  return { settings, theta, stateGivenTheta };
}

export function thetaPrior(grid: ModelGrid, mean = grid.settings.priorMean, sd = grid.settings.priorSd): Float64Array {
  return gaussianOnGrid(grid.theta, mean, sd);
}

export interface SkillEntry {
  skillId: string;
  level: number;
  pixValue: number;
  /** Askable challenges, framework order (so seeded draws reproduce). */
  challenges: Challenge[];
}

export interface TubeEntry {
  name: string;
  skills: SkillEntry[];
  /** Pix (exact units) earned in state k: the skills of level ≤ k. */
  unitsByState: Int32Array;
  /** Same in pix, for moments. */
  pixByState: Float64Array;
}

export interface CompetenceIndex {
  competenceId: string;
  tubes: TubeEntry[];
  tubeIndexOf: Map<string, number>;
  /** Highest level a perfect student reaches in this bank, capped by the setting. */
  bankLevel: number;
}

/** The competence's tubes and skills in the shape the model reads. Depends on the framework only. */
export function competenceIndex(framework: Framework, competenceId: string, highestLevel: number): CompetenceIndex {
  const competence = framework.competences.get(competenceId);
  const tubes: TubeEntry[] = [];
  for (const tubeName of competence?.tubeNames ?? []) {
    const tube = framework.tubes.get(tubeName);
    if (!tube) continue;
    const skills: SkillEntry[] = [];
    for (const skillId of tube.skillIds) {
      const skill = framework.skills.get(skillId);
      if (!skill) continue;
      const challenges = skill.challengeIds.map((id) => framework.challenges.get(id)).filter((c): c is Challenge => c !== undefined && isAskable(c));
      skills.push({ skillId, level: skill.level, pixValue: skill.pixValue, challenges });
    }
    const unitsByState = new Int32Array(STATE_COUNT);
    const pixByState = new Float64Array(STATE_COUNT);
    for (let k = 0; k < STATE_COUNT; k++) {
      for (const s of skills) {
        if (s.level <= k) {
          unitsByState[k]! += Math.round(s.pixValue * PIX_UNIT);
          pixByState[k]! += s.pixValue;
        }
      }
    }
    tubes.push({ name: tubeName, skills, unitsByState, pixByState });
  }
  const fullUnits = tubes.reduce((sum, t) => sum + t.unitsByState[MAX_STATE]!, 0);
  return { competenceId, tubes, tubeIndexOf: new Map(tubes.map((t, i) => [t.name, i])), bankLevel: levelOfUnits(fullUnits, highestLevel) };
}

/** P(right answer | tube state k) for k = 0 … 8, for one noise profile. */
export function responseRow(challenge: Challenge, profile: NoiseProfile, parameters?: ItemParameterLookup): Float64Array {
  const { discrimination, difficulty } = itemParametersOf(challenge, parameters);
  const guess = guessRate(challenge) * profile.guessFactor;
  const row = new Float64Array(STATE_COUNT);
  for (let k = 0; k < STATE_COUNT; k++) row[k] = guess + (1 - profile.slip - guess) * sigmoid(discrimination * (k - difficulty));
  return row;
}

/** One answer as the model reads it: its tube, P(right | state) per noise profile, the outcome. */
export interface Observation {
  tube: number;
  rows: readonly Float64Array[];
  success: boolean;
}

export interface TubeEvidence {
  /** Likelihood of the tube's answers for each state, scaled so that its maximum is 1… */
  likelihood: Float64Array;
  /** …and the log of that scale, which comparing noise profiles needs. */
  logScale: number;
}

/**
 * Likelihood per tube state under noise profile `profile`; `floors` (from earlier passes: successes
 * stay) rule out the states below.
 */
export function tubeEvidence(args: {
  observations: readonly Observation[];
  tubeCount: number;
  profile: number;
  floors?: ReadonlyMap<number, number>;
}): TubeEvidence[] {
  const { observations, tubeCount, profile, floors } = args;
  const evidence = Array.from({ length: tubeCount }, () => ({ likelihood: new Float64Array(STATE_COUNT).fill(1), logScale: 0 }));
  for (const o of observations) {
    const e = evidence[o.tube]!;
    const row = o.rows[profile]!;
    for (let k = 0; k < STATE_COUNT; k++) e.likelihood[k]! *= o.success ? row[k]! : 1 - row[k]!;
    e.logScale += rescale(e.likelihood);
  }
  for (const [tube, floor] of floors ?? []) {
    const e = evidence[tube];
    if (!e) continue;
    for (let k = 0; k < Math.min(floor, STATE_COUNT); k++) e.likelihood[k] = 0;
    e.logScale += rescale(e.likelihood);
  }
  return evidence;
}

/** Keeps a product of many probabilities away from underflow; returns the log of the factor taken out. */
function rescale(values: Float64Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (!(max > 0)) return 0;
  for (let i = 0; i < values.length; i++) values[i]! /= max;
  return Math.log(max);
}

/**
 * The posterior of one competence. Per θ, tubes are independent: `marginal[t][g]` is the likelihood of
 * tube t's answers given θ, and `meanPix[t][g]`, `secondPix[t][g]` the conditional moments of the pix
 * the tube earns, which is what choosing the next challenge needs.
 */
export interface CompetencePosterior {
  /** P(θ | answers) on the grid. */
  theta: Float64Array;
  /** log P(answers): how well this noise profile explains them. */
  logEvidence: number;
  evidence: TubeEvidence[];
  marginal: Float64Array[];
  meanPix: Float64Array[];
  secondPix: Float64Array[];
}

export function competencePosterior(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  prior: Float64Array;
  evidence: TubeEvidence[];
}): CompetencePosterior {
  const { index, grid, prior, evidence } = args;
  const G = grid.theta.length;
  const theta = Float64Array.from(prior);
  const marginal: Float64Array[] = [];
  const meanPix: Float64Array[] = [];
  const secondPix: Float64Array[] = [];
  index.tubes.forEach((tube, t) => {
    const l = evidence[t]!.likelihood;
    const m = new Float64Array(G);
    const e = new Float64Array(G);
    const s = new Float64Array(G);
    for (let g = 0; g < G; g++) {
      let sum = 0;
      let first = 0;
      let second = 0;
      for (let k = 0; k < STATE_COUNT; k++) {
        const w = grid.stateGivenTheta[g * STATE_COUNT + k]! * l[k]!;
        const pix = tube.pixByState[k]!;
        sum += w;
        first += w * pix;
        second += w * pix * pix;
      }
      m[g] = sum;
      e[g] = sum > 0 ? first / sum : 0;
      s[g] = sum > 0 ? second / sum : 0;
      theta[g]! *= sum;
    }
    marginal.push(m);
    meanPix.push(e);
    secondPix.push(s);
  });
  let total = 0;
  for (const v of theta) total += v;
  const logEvidence = Math.log(total) + evidence.reduce((sum, e) => sum + e.logScale, 0);
  normalize(theta);
  return { theta, logEvidence, evidence, marginal, meanPix, secondPix };
}

/** θ values whose posterior weight is below this are left out of the level computation. */
const NEGLIGIBLE = 1e-9;
/** Past this many partial sums, equal sums are merged (only large competences get there). */
const MERGE_ABOVE = 512;

/**
 * The joint posterior of each tube's state and the competence level: `joint[t][k·(H+1) + L]` =
 * P(tube t in state k, level L | answers), L = 0 … H (highest level). Exact: per θ the tubes are
 * independent, so the pix of the other tubes are convolved and every state of tube t is added to them.
 *
 * This one table is all that choosing the next challenge needs: for a challenge of tube t answered
 * right with probability r(k) in state k, P(right, level L) = Σ_k r(k)·joint[t][k, L].
 */
export function levelJoint(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  posterior: CompetencePosterior;
  highestLevel: number;
}): { joint: Float64Array[]; levels: Float64Array } {
  const { index, grid, posterior, highestLevel } = args;
  const H1 = highestLevel + 1;
  const T = index.tubes.length;
  const joint = index.tubes.map(() => new Float64Array(STATE_COUNT * H1));
  const levels = new Float64Array(H1);
  if (T === 0) {
    levels[0] = 1;
    return { joint, levels };
  }
  const stateProb = index.tubes.map(() => new Float64Array(STATE_COUNT));
  const histogram = new Float64Array(H1);
  for (let g = 0; g < grid.theta.length; g++) {
    const pg = posterior.theta[g]!;
    if (pg < NEGLIGIBLE) continue;
    const distributions = index.tubes.map((tube, t) => {
      const l = posterior.evidence[t]!.likelihood;
      const m = posterior.marginal[t]![g]!;
      const probs = stateProb[t]!;
      const values: number[] = [];
      const weights: number[] = [];
      for (let k = 0; k < STATE_COUNT; k++) {
        const w = m > 0 ? (grid.stateGivenTheta[g * STATE_COUNT + k]! * l[k]!) / m : 0;
        probs[k] = w;
        if (w <= 0) continue;
        const u = tube.unitsByState[k]!;
        // unitsByState never decreases with k: equal pix are neighbours.
        const at = values.length - 1;
        if (at >= 0 && values[at] === u) weights[at]! += w;
        else {
          values.push(u);
          weights.push(w);
        }
      }
      return { values, weights };
    });
    for (let t = 0; t < T; t++) {
      let sums = [0];
      let probs = [1];
      for (let o = 0; o < T; o++) {
        if (o === t) continue;
        const d = distributions[o]!;
        const nextSums: number[] = [];
        const nextProbs: number[] = [];
        for (let i = 0; i < sums.length; i++) {
          for (let j = 0; j < d.values.length; j++) {
            nextSums.push(sums[i]! + d.values[j]!);
            nextProbs.push(probs[i]! * d.weights[j]!);
          }
        }
        [sums, probs] = nextSums.length > MERGE_ABOVE ? merged(nextSums, nextProbs) : [nextSums, nextProbs];
      }
      const tube = index.tubes[t]!;
      const p = stateProb[t]!;
      const jt = joint[t]!;
      let lastUnits = -1;
      for (let k = 0; k < STATE_COUNT; k++) {
        if (p[k]! <= 0) continue;
        const u = tube.unitsByState[k]!;
        if (u !== lastUnits) {
          histogram.fill(0);
          for (let i = 0; i < sums.length; i++) histogram[levelOfUnits(sums[i]! + u, highestLevel)]! += probs[i]!;
          lastUnits = u;
        }
        const w = pg * p[k]!;
        for (let L = 0; L < H1; L++) jt[k * H1 + L]! += w * histogram[L]!;
      }
    }
  }
  const first = joint[0]!;
  for (let k = 0; k < STATE_COUNT; k++) for (let L = 0; L < H1; L++) levels[L]! += first[k * H1 + L]!;
  let total = 0;
  for (const v of levels) total += v;
  if (total > 0) {
    for (const jt of joint) for (let i = 0; i < jt.length; i++) jt[i]! /= total;
    for (let L = 0; L < H1; L++) levels[L]! /= total;
  }
  return { joint, levels };
}

function merged(sums: number[], probs: number[]): [number[], number[]] {
  const map = new Map<number, number>();
  for (let i = 0; i < sums.length; i++) map.set(sums[i]!, (map.get(sums[i]!) ?? 0) + probs[i]!);
  return [[...map.keys()], [...map.values()]];
}

/** Mean and sd of the competence's pix (uncapped), from the per-tube conditional moments. */
export function pixMoments(grid: ModelGrid, posterior: CompetencePosterior): { pixMean: number; pixSd: number } {
  let mean = 0;
  let second = 0;
  for (let g = 0; g < grid.theta.length; g++) {
    const pg = posterior.theta[g]!;
    if (pg === 0) continue;
    let m = 0;
    let v = 0;
    for (let t = 0; t < posterior.meanPix.length; t++) {
      const e = posterior.meanPix[t]![g]!;
      m += e;
      v += posterior.secondPix[t]![g]! - e * e;
    }
    mean += pg * m;
    second += pg * (v + m * m);
  }
  return { pixMean: mean, pixSd: Math.sqrt(Math.max(0, second - mean * mean)) };
}

/** The most probable level; ties go to the lower one (the student sees no level they may not have). */
export function mostProbableLevel(levels: Float64Array): number {
  let best = 0;
  for (let l = 1; l < levels.length; l++) if (levels[l]! > levels[best]! + 1e-12) best = l;
  return best;
}
