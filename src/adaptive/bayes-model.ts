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
 * - Slip and guess come from noise profiles whose weights the answers update (a careful and a
 *   careless profile can be given; one typical profile by default).
 *
 * Everything is exact Bayesian computation on small grids (21 values of θ × 9 states per tube), so
 * the same answers always give the same posterior: nothing is kept between two turns.
 */
import { isAskable, PIX_PER_LEVEL, type Challenge, type Framework } from '../framework/model.js';
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
  /** Spacing of the θ grid, from −1.5 to 8.5: finer is more exact, coarser is faster. */
  thetaStep: number;
  priorMean: number;
  priorSd: number;
  /**
   * Share of the prior spread evenly over the grid: the population prior helps the typical student
   * but must not talk the best (or weakest) student out of what every answer says.
   */
  priorFloor: number;
  /** Highest reachable level (spec §3, config): nothing above it changes the score. */
  highestLevel: number;
}

/**
 * Fixed design values, the same whatever the students: one strategy runs in all the simulator's
 * noise settings. They describe a typical student (slip 0.1, guessing at the type's chance rate),
 * which is also the simulator's middle setting: say so when reading its figures.
 */
export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  // One profile: a careful/careless mixture was tried and measured no better on the simulator, at twice the cost.
  profiles: [{ weight: 1, slip: 0.1, guessFactor: 1 }],
  tubeSpread: 0.8,
  thetaStep: 0.5,
  priorMean: 2.5,
  priorSd: 1.5,
  priorFloor: 0.1,
  highestLevel: 5,
};

/** Pix are fractions PIX_PER_LEVEL/N; in units of 1/2520 pix (2520 = lcm(1…10)) their sums are exact integers. */
export const PIX_UNIT = 2520;
const LEVEL_UNITS = PIX_PER_LEVEL * PIX_UNIT;
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

export function modelGrid(settings: ModelSettings): ModelGrid {
  const theta = uniformGrid(-1.5, 8.5, settings.thetaStep);
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
  const floor = grid.settings.priorFloor;
  return gaussianOnGrid(grid.theta, mean, sd).map((p) => (1 - floor) * p + floor / grid.theta.length);
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
  /** The same in bins of the competence (see CompetenceIndex.binUnits). */
  binByState: Int32Array;
  /** Same in pix, for moments. */
  pixByState: Float64Array;
}

export interface CompetenceIndex {
  competenceId: string;
  tubes: TubeEntry[];
  tubeIndexOf: Map<string, number>;
  /** Highest level a perfect student reaches in this bank, capped by the setting. */
  bankLevel: number;
  /**
   * Pix sums are counted in bins of binUnits units, the greatest common divisor of the skills' pix
   * in this competence (exact), and everything from the highest level up shares the last bin.
   */
  binUnits: number;
  lastBin: number;
  /** Level of each bin. */
  levelOfBin: Int8Array;
}

/** Bins beyond this would make the level computation slow; a coarser bin then rounds pix sums a little. */
const MAX_BINS = 600;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
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
    tubes.push({ name: tubeName, skills, unitsByState, pixByState, binByState: new Int32Array(STATE_COUNT) });
  }
  const fullUnits = tubes.reduce((sum, t) => sum + t.unitsByState[MAX_STATE]!, 0);
  const capUnits = LEVEL_UNITS * highestLevel;
  let binUnits = 0;
  for (const t of tubes) for (const s of t.skills) binUnits = gcd(binUnits, Math.round(s.pixValue * PIX_UNIT));
  binUnits = Math.max(binUnits, Math.ceil(capUnits / MAX_BINS), 1);
  const lastBin = Math.ceil(capUnits / binUnits);
  for (const t of tubes) for (let k = 0; k < STATE_COUNT; k++) t.binByState[k] = Math.min(Math.round(t.unitsByState[k]! / binUnits), lastBin);
  const levelOfBin = new Int8Array(lastBin + 1);
  for (let b = 0; b <= lastBin; b++) levelOfBin[b] = b === lastBin ? highestLevel : levelOfUnits(b * binUnits, highestLevel);
  return {
    competenceId,
    tubes,
    tubeIndexOf: new Map(tubes.map((t, i) => [t.name, i])),
    bankLevel: levelOfUnits(fullUnits, highestLevel),
    binUnits,
    lastBin,
    levelOfBin,
  };
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

/** P(tube state k | answers) under one profile: the tube's marginal posterior. */
export function tubeStatePosterior(grid: ModelGrid, posterior: CompetencePosterior, tube: number): Float64Array {
  const l = posterior.evidence[tube]!.likelihood;
  const m = posterior.marginal[tube]!;
  const out = new Float64Array(STATE_COUNT);
  for (let g = 0; g < grid.theta.length; g++) {
    const pg = posterior.theta[g]!;
    if (pg === 0 || !(m[g]! > 0)) continue;
    const scale = pg / m[g]!;
    for (let k = 0; k < STATE_COUNT; k++) out[k]! += scale * grid.stateGivenTheta[g * STATE_COUNT + k]! * l[k]!;
  }
  return normalize(out);
}
