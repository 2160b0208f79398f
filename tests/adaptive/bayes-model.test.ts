import { describe, expect, it } from 'vitest';
import { analyseCompetence } from '../../src/adaptive/bayes-analysis.js';
import { knowledgeForStates, statesForLevel, unitsOfStates } from '../../src/adaptive/bayes-conclusion.js';
import {
  competenceIndex,
  competencePosterior,
  DEFAULT_MODEL_SETTINGS,
  levelOfUnits,
  modelGrid,
  PIX_UNIT,
  responseRow,
  STATE_COUNT,
  thetaPrior,
  tubeEvidence,
  type ModelSettings,
  type Observation,
} from '../../src/adaptive/bayes-model.js';
import { levelJoint } from '../../src/adaptive/bayes-levels.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const profile = { weight: 1, slip: 0.1, guessFactor: 1 };
const settings: ModelSettings = { ...DEFAULT_MODEL_SETTINGS, profiles: [profile] };

describe('response row (by hand)', () => {
  const framework = buildFramework(regularCompetence());
  const level2 = framework.challenges.get('alpha11-2-1')!; // QCU, 3 proposals: guess 1/3

  it('is guess + (1 − slip − guess)·σ(12·(k − 1.5)) for a level-2 challenge', () => {
    const row = responseRow(level2, profile);
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    expect(row[2]).toBeCloseTo(1 / 3 + (0.9 - 1 / 3) * sigma(6), 12); // 0.898599
    expect(row[2]).toBeCloseTo(0.898599, 5);
    expect(row[1]).toBeCloseTo(1 / 3 + (0.9 - 1 / 3) * sigma(-6), 12);
    expect(row[8]).toBeCloseTo(0.9, 6);
    expect(row[0]).toBeCloseTo(1 / 3, 4);
  });

  it('uses calibrated parameters when given', () => {
    const row = responseRow(level2, profile, new Map([[level2.id, { discrimination: 2, difficulty: 3 }]]));
    expect(row[3]).toBeCloseTo(1 / 3 + (0.9 - 1 / 3) * 0.5, 12);
  });
});

describe('tube states given θ', () => {
  const grid = modelGrid({ ...settings, thetaStep: 0.5 });

  it('sum to 1 and follow round(θ + η), η ~ N(0, 0.8²)', () => {
    const g = grid.theta.indexOf(2);
    let total = 0;
    for (let k = 0; k < STATE_COUNT; k++) total += grid.stateGivenTheta[g * STATE_COUNT + k]!;
    expect(total).toBeCloseTo(1, 12);
    // P(k = 2 | θ = 2) = Φ(0.625) − Φ(−0.625) = 0.468028
    expect(grid.stateGivenTheta[g * STATE_COUNT + 2]).toBeCloseTo(0.468028, 5);
  });
});

describe('pix in exact units', () => {
  it('three skills of 8/3 pix make exactly one level', () => {
    const framework = buildFramework(regularCompetence('1.1', [1, 2]));
    const index = competenceIndex(framework, '1.1', 5);
    expect(index.tubes.map((t) => t.unitsByState[1])).toEqual([(8 / 3) * PIX_UNIT, (8 / 3) * PIX_UNIT, (8 / 3) * PIX_UNIT]);
    expect(levelOfUnits(unitsOfStates(index, [1, 1, 1]), 5)).toBe(1);
    expect(levelOfUnits(unitsOfStates(index, [1, 1, 0]), 5)).toBe(0);
    expect(index.bankLevel).toBe(2);
  });
});

/** Brute force over every combination of tube states, for a small competence. */
function bruteForce(framework: ReturnType<typeof buildFramework>, observations: Observation[], s: ModelSettings) {
  const grid = modelGrid(s);
  const index = competenceIndex(framework, '1.1', s.highestLevel);
  const prior = thetaPrior(grid);
  const T = index.tubes.length;
  const H1 = s.highestLevel + 1;
  const joint = index.tubes.map(() => new Float64Array(STATE_COUNT * H1));
  const theta = new Float64Array(grid.theta.length);
  let total = 0;
  const states = new Array<number>(T).fill(0);
  const visit = (g: number, t: number, weight: number) => {
    if (t === T) {
      let w = weight;
      for (const o of observations) w *= o.success ? o.rows[0]![states[o.tube]!]! : 1 - o.rows[0]![states[o.tube]!]!;
      const level = levelOfUnits(unitsOfStates(index, states), s.highestLevel);
      for (let u = 0; u < T; u++) joint[u]![states[u]! * H1 + level]! += w;
      theta[g]! += w;
      total += w;
      return;
    }
    for (let k = 0; k < STATE_COUNT; k++) {
      states[t] = k;
      visit(g, t + 1, weight * grid.stateGivenTheta[g * STATE_COUNT + k]!);
    }
  };
  for (let g = 0; g < grid.theta.length; g++) visit(g, 0, prior[g]!);
  for (const jt of joint) for (let i = 0; i < jt.length; i++) jt[i]! /= total;
  for (let g = 0; g < theta.length; g++) theta[g]! /= total;
  return { joint, theta, grid, index, prior };
}

describe('posterior and level table against brute force', () => {
  // Two tubes with levels 1, 2, 4 and 2, 3: levels hold 1, 2, 1, 1 skills (uneven pix).
  const framework = buildFramework({ id: '1.1', tubes: [{ name: '@a', levels: [1, 2, 4] }, { name: '@b', levels: [2, 3] }] });
  const s: ModelSettings = { ...settings, thetaStep: 1, highestLevel: 3 };
  const grid = modelGrid(s);
  const index = competenceIndex(framework, '1.1', s.highestLevel);
  const observe = (id: string, success: boolean): Observation => {
    const c = framework.challenges.get(id)!;
    return { tube: index.tubeIndexOf.get(c.tubeName)!, rows: [responseRow(c, profile)], success };
  };
  const observations = [observe('a-2-1', true), observe('a-4-1', false), observe('b-3-1', true)];

  it('gives the same θ posterior and P(tube state, level) as enumerating every state', () => {
    const expected = bruteForce(framework, observations, s);
    const posterior = competencePosterior({ index, grid, prior: thetaPrior(grid), evidence: tubeEvidence({ observations, tubeCount: 2, profile: 0 }) });
    for (let g = 0; g < grid.theta.length; g++) expect(posterior.theta[g]).toBeCloseTo(expected.theta[g]!, 12);
    const { joint, levels } = levelJoint({ index, grid, posterior, highestLevel: 3 });
    for (let t = 0; t < 2; t++) for (let i = 0; i < joint[t]!.length; i++) expect(joint[t]![i]).toBeCloseTo(expected.joint[t]![i]!, 9);
    const expectedLevels = [0, 1, 2, 3].map((L) => [...Array(STATE_COUNT).keys()].reduce((sum, k) => sum + expected.joint[0]![k * 4 + L]!, 0));
    for (let L = 0; L < 4; L++) expect(levels[L]).toBeCloseTo(expectedLevels[L]!, 9);
  });

  it('writes the most probable level as knowledge elements that score to that level', () => {
    const analysis = analyseCompetence({ index, grid, prior: thetaPrior(grid), observations });
    const states = statesForLevel({ index, joint: analysis.joint, targetLevel: analysis.level, highestLevel: 3, floors: new Map() });
    const elements = knowledgeForStates({ framework, index, states, history: [], knowledge: new Map(), now: new Date(0) });
    expect(scoreCompetence({ framework, competenceId: '1.1', knowledge: elements, maxLevel: 3 }).level).toBe(analysis.level);
  });

  it('reaches any level the bank allows when asked for it', () => {
    const analysis = analyseCompetence({ index, grid, prior: thetaPrior(grid), observations: [] });
    for (let target = 0; target <= 2; target++) {
      const states = statesForLevel({ index, joint: analysis.joint, targetLevel: target, highestLevel: 3, floors: new Map() });
      expect(levelOfUnits(unitsOfStates(index, states), 3)).toBe(target);
    }
  });
});
