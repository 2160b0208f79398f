import { describe, expect, it } from 'vitest';
import { createPartixBayes } from '../../src/adaptive/bayes-strategy.js';
import { askableLevels, settlingPlan, shortestExactLength } from '../../src/adaptive/bayes-plan.js';
import { competenceIndex, DEFAULT_MODEL_SETTINGS, modelGrid, PIX_UNIT, STATE_COUNT, thetaPrior, type CompetenceIndex, type ModelGrid } from '../../src/adaptive/bayes-model.js';
import type { KnowledgeElement } from '../../src/assessment/knowledge.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import type { AnsweredChallenge } from '../../src/assessment/strategy.js';
import { syntheticFramework } from '../../src/simulation/synthetic-bank.js';
import { DEFAULT_POPULATION, NOISE_SETTINGS } from '../../src/simulation/simulated-population.js';
import { cohort, runCohort } from '../../src/simulation/simulator.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import { loadFramework } from '../../src/framework/loader.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const HIGHEST = 5;

/**
 * One tube whose skills of levels 1, 2, 3 are worth 8 pix each: state k (0…3) is competence level k,
 * so settling the level means finding the state. One θ point whose state distribution is `p`.
 */
function oneTube(p: number[]): { index: CompetenceIndex; grid: ModelGrid; prior: Float64Array } {
  const unitsByState = Int32Array.from({ length: STATE_COUNT }, (_, k) => Math.min(k, 3) * 8 * PIX_UNIT);
  const tube = { name: '@t', skills: [], unitsByState, binByState: new Int32Array(STATE_COUNT), pixByState: new Float64Array(STATE_COUNT) };
  const index = { competenceId: '1.1', tubes: [tube], tubeIndexOf: new Map([['@t', 0]]), bankLevel: 3, binUnits: PIX_UNIT, lastBin: 40, levelOfBin: new Int8Array(41) };
  const stateGivenTheta = Float64Array.from({ length: STATE_COUNT }, (_, k) => p[k] ?? 0);
  return { index, grid: { settings: DEFAULT_MODEL_SETTINGS, theta: Float64Array.of(0), stateGivenTheta }, prior: Float64Array.of(1) };
}

const START = { low: [0], high: [8] };

describe('settling plan: the fewest questions that settle a flawless student’s level', () => {
  it('four equally likely levels: the middle question first, two questions whatever the answers', () => {
    const plan = settlingPlan({ ...oneTube([0.25, 0.25, 0.25, 0.25]), highestLevel: HIGHEST, askable: [[1, 2, 3]] })!;
    expect(plan.expected(START.low, START.high)).toBeCloseTo(2, 12);
    expect(plan.costOf(START.low, START.high, 0, 2)).toBeCloseTo(2, 12);
    // Level 1 first: a quarter of students are done, the rest have three levels left (5/3 questions).
    expect(plan.costOf(START.low, START.high, 0, 1)).toBeCloseTo(1 + 0.75 * (5 / 3), 12);
    expect(plan.costOf(START.low, START.high, 0, 3)).toBeCloseTo(1 + 0.75 * (5 / 3), 12);
  });

  it('most students at level 0: the easiest question first, as binary search would not', () => {
    const plan = settlingPlan({ ...oneTube([0.7, 0.1, 0.1, 0.1]), highestLevel: HIGHEST, askable: [[1, 2, 3]] })!;
    // 1 + 0.3 × 5/3; 1 + 1 (both halves hold two levels); 1 + 0.9 × (1 + 0.2/0.9).
    expect(plan.costOf(START.low, START.high, 0, 1)).toBeCloseTo(1.5, 12);
    expect(plan.costOf(START.low, START.high, 0, 2)).toBeCloseTo(2, 12);
    expect(plan.costOf(START.low, START.high, 0, 3)).toBeCloseTo(2.1, 12);
    expect(plan.expected(START.low, START.high)).toBeCloseTo(1.5, 12);
    // Once level 1 is known to be mastered, three levels are left, equally likely.
    expect(plan.expected([1], [8])).toBeCloseTo(5 / 3, 12);
  });

  it('a level already settled, or that no question left can settle, costs nothing more', () => {
    const plan = settlingPlan({ ...oneTube([0.25, 0.25, 0.25, 0.25]), highestLevel: HIGHEST, askable: [[1, 3]] })!;
    expect(plan.expected([2], [2])).toBe(0);
    // Level 2 has no challenge: states 1 and 2 cannot be told apart, the model's estimate decides.
    expect(plan.expected([1], [2])).toBe(0);
  });

  it('is refused above its budget of boxes, and the method still ends its tests on large banks', () => {
    const framework = syntheticFramework({ seed: 1, challenges: 2000 });
    const index = competenceIndex(framework, '1.1', HIGHEST);
    const grid = modelGrid(DEFAULT_MODEL_SETTINGS);
    // 4 tubes of 8 levels: 45⁴ boxes.
    expect(settlingPlan({ index, grid, prior: thetaPrior(grid), highestLevel: HIGHEST, askable: askableLevels(index) })).toBeNull();
    const strategy = createPartixBayes();
    const history: AnsweredChallenge[] = [];
    for (let turn = 0; turn < 40; turn++) {
      const c = strategy.next({ framework, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(turn) });
      if (!c) break;
      history.push({ challengeId: c.id, skillId: c.skillId, status: c.level <= 3 ? 'ok' : 'ko' });
    }
    expect(history.length).toBeGreaterThan(0);
    expect(history.length).toBeLessThan(40);
  });

  it('plans promptly from a floor no answer produces (an earlier pass validated a skill that has no challenge left)', () => {
    // Level 2 of @alpha11 has only a draft: a floor there is a box side the plan does not index.
    const framework = buildFramework({
      id: '1.1',
      tubes: [
        { name: '@alpha11', levels: [1, 2, 3, 4, 5, 6], draftLevels: [2] },
        { name: '@beta11', levels: [1, 2, 3, 4, 5, 6] },
        { name: '@gamma11', levels: [1, 2, 3, 4, 5, 6] },
      ],
    });
    const earlier = new Map<string, KnowledgeElement>([['@alpha112', { skillId: '@alpha112', status: 'validated', source: 'inferred', createdAt: new Date(0) }]]);
    const strategy = createPartixBayes();
    const history: AnsweredChallenge[] = [];
    // Before such boxes were remembered, solving the plan took minutes: the test's time limit catches it.
    for (;;) {
      const next = strategy.next({ framework, competenceId: '1.1', history, knowledge: earlier, random: seededRandom(history.length) });
      if (!next) break;
      history.push({ challengeId: next.id, skillId: next.skillId, status: next.level <= 3 ? 'ok' : 'ko' });
    }
    const truth = [...framework.skills.values()].map((s): KnowledgeElement => ({ skillId: s.id, status: s.level <= 3 ? 'validated' : 'invalidated', source: 'direct', createdAt: new Date(0) }));
    const ctx = { framework, competenceId: '1.1', history, knowledge: earlier, random: seededRandom(0) };
    expect(strategy.estimate(ctx).level).toBe(scoreCompetence({ framework, competenceId: '1.1', knowledge: truth, maxLevel: HIGHEST }).level);
  });

  it('partix-bayes keeps the plan’s promise: over all flawless students, weighted by its prior, it asks what the plan expects', () => {
    const framework = buildFramework(regularCompetence('1.1', [1, 2, 3, 4]));
    const index = competenceIndex(framework, '1.1', HIGHEST);
    const grid = modelGrid(DEFAULT_MODEL_SETTINGS);
    const prior = thetaPrior(grid);
    const plan = settlingPlan({ index, grid, prior, highestLevel: HIGHEST, askable: askableLevels(index) })!;
    // Checks after settlement are another matter (a flawless student's answers rarely leave doubt): off here.
    // The best question each time (no draw among near-best ones, see the next test).
    const strategy = createPartixBayes({ verifyBelow: 0, planTie: 1e-9 });
    let weighted = 0;
    let total = 0;
    // States above 4 answer as state 4 does: fold them in.
    for (let a = 0; a <= 4; a++)
      for (let b = 0; b <= 4; b++)
        for (let c = 0; c <= 4; c++) {
          const states = [a, b, c];
          let weight = 0;
          for (let g = 0; g < grid.theta.length; g++) {
            let p = prior[g]!;
            states.forEach((k) => {
              let mass = 0;
              for (let s = k; s <= (k === 4 ? 8 : k); s++) mass += grid.stateGivenTheta[g * STATE_COUNT + s]!;
              p *= mass;
            });
            weight += p;
          }
          const history: AnsweredChallenge[] = [];
          for (;;) {
            const next = strategy.next({ framework, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(history.length) });
            if (!next) break;
            const tube = index.tubeIndexOf.get(next.tubeName)!;
            history.push({ challengeId: next.id, skillId: next.skillId, status: next.level <= states[tube]! ? 'ok' : 'ko' });
          }
          weighted += weight * history.length;
          total += weight;
        }
    expect(weighted / total).toBeCloseTo(plan.expected([0, 0, 0], [8, 8, 8]), 9);
    // And that is fewer than half the bank's twelve skills.
    expect(weighted / total).toBeLessThan(6);
  });

  it('on the real bank, neighbours in class do not all get the same first question, each at most level 3 and within 0.05 expected challenge of the best such', () => {
    const framework = loadFramework('content');
    const grid = modelGrid(DEFAULT_MODEL_SETTINGS);
    const strategy = createPartixBayes();
    let distinct = 0;
    for (const competenceId of framework.competences.keys()) {
      const index = competenceIndex(framework, competenceId, HIGHEST);
      const plan = settlingPlan({ index, grid, prior: thetaPrior(grid), highestLevel: HIGHEST, askable: askableLevels(index) })!;
      const [low, high] = [index.tubes.map(() => 0), index.tubes.map(() => 8)];
      const gentle = index.tubes.flatMap((tube, t) => tube.skills.filter((s) => s.level <= 3 && s.challenges.length > 0).map((s) => plan.costOf(low, high, t, s.level)));
      const bestGentle = Math.min(...gentle);
      const first = new Set<string>();
      for (let seed = 1; seed <= 30; seed++) {
        const c = strategy.next({ framework, competenceId, history: [], knowledge: new Map(), random: seededRandom(seed * 7919) })!;
        first.add(c.id);
        expect(c.level).toBeLessThanOrEqual(3);
        expect(plan.costOf(low, high, index.tubeIndexOf.get(c.tubeName)!, c.level)).toBeLessThanOrEqual(bestGentle + 0.05 + 1e-12);
      }
      distinct += first.size;
    }
    // Always the single best question would give exactly 1 per competence; 1.5 measured on this
    // bank with the first question at most level 3 (1.6 and more before, with harder ones allowed).
    expect(distinct / framework.competences.size).toBeGreaterThanOrEqual(1.5);
  });

  it('the bound is met by no exact method: smart random asks more on the same flawless students', () => {
    const framework = syntheticFramework({ seed: 1 });
    const players = cohort({ framework, population: DEFAULT_POPULATION, noise: NOISE_SETTINGS.none!, students: 400, seed: 3 });
    const bound = shortestExactLength({ framework, competenceIds: players.competences, population: DEFAULT_POPULATION, highestLevel: HIGHEST })!;
    const outcomes = runCohort({ framework, strategy: smartRandom, cohort: players, seed: 3, highestLevel: HIGHEST });
    expect(outcomes.every((o) => o.level === o.trueLevel)).toBe(true);
    const smartRandomMean = outcomes.reduce((sum, o) => sum + o.asked, 0) / outcomes.length;
    expect(bound).toBeGreaterThan(3);
    expect(bound).toBeLessThan(smartRandomMean);
  });
});
