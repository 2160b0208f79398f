import { describe, expect, it } from 'vitest';
import { createPositioning } from '../../src/adaptive/positioning.js';
import { playPositioning, profileCohort, simulatePositioning } from '../../src/simulation/positioning-simulation.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import { DEFAULT_POPULATION, NOISE_SETTINGS } from '../../src/simulation/simulated-population.js';
import type { AnsweredChallenge } from '../../src/assessment/strategy.js';
import { syntheticFramework } from '../../src/simulation/synthetic-bank.js';

const framework = syntheticFramework({ seed: 4 });
const positioning = createPositioning();

describe('whole-profile positioning', () => {
  it('places every competence within one level for most students, in one sitting of at most 48 challenges', () => {
    const students = profileCohort({ framework, population: DEFAULT_POPULATION, noise: NOISE_SETTINGS['slip-0.1']!, students: 12, seed: 3 });
    const figures = simulatePositioning({ framework, strategy: positioning, students, seed: 3, highestLevel: 5 });
    expect(figures.maxAsked).toBeLessThanOrEqual(48);
    expect(figures.withinOneRate).toBeGreaterThanOrEqual(0.8);
  });

  it('never asks a competence again before two other challenges, while another can be asked', () => {
    const [student] = profileCohort({ framework, population: DEFAULT_POPULATION, noise: NOISE_SETTINGS.none!, students: 1, seed: 8 });
    const { history } = playPositioning({ framework, strategy: positioning, student: student!, seed: 8 });
    const competenceOf = (a: AnsweredChallenge) => framework.challenges.get(a.challengeId)!.competenceId;
    for (let i = 1; i < history.length; i++) {
      expect(competenceOf(history[i]!)).not.toBe(competenceOf(history[i - 1]!));
      if (i >= 2) expect(competenceOf(history[i]!)).not.toBe(competenceOf(history[i - 2]!));
    }
    expect(new Set(history.map(competenceOf)).size).toBe(16);
  });

  it('is stateless, and its knowledge elements score to its estimates', () => {
    const [student] = profileCohort({ framework, population: DEFAULT_POPULATION, noise: NOISE_SETTINGS['slip-0.1']!, students: 1, seed: 5 });
    const { history, estimates } = playPositioning({ framework, strategy: positioning, student: student!, seed: 5 });
    const ctx = { framework, history, random: seededRandom(1) };
    expect(createPositioning().estimate(ctx)).toEqual(estimates);
    const elements = positioning.conclude({ ...ctx, knowledge: new Map() }, new Date(0));
    for (const [competenceId, estimate] of estimates) {
      const score = scoreCompetence({ framework, competenceId, knowledge: elements.filter((e) => framework.skills.get(e.skillId)!.competenceId === competenceId), maxLevel: 5 });
      expect(score.level).toBe(estimate.level);
      expect(estimate.levelProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('ends cleanly when nothing is left to ask', () => {
    const tiny = syntheticFramework({ seed: 4 });
    const short = createPositioning({ competenceIds: ['1.1'], maxLength: 64, withinOneTarget: 1.1 });
    const history: AnsweredChallenge[] = [];
    for (let guard = 0; guard < 100; guard++) {
      const c = short.next({ framework: tiny, history, random: seededRandom(guard) });
      if (!c) break;
      history.push({ challengeId: c.id, skillId: c.skillId, status: 'ok' });
    }
    const askable = [...tiny.challenges.values()].filter((c) => c.competenceId === '1.1').length;
    expect(history).toHaveLength(askable);
    expect(short.estimate({ framework: tiny, history, random: seededRandom(0) }).get('1.1')!.level).toBeGreaterThan(0);
  });
});
