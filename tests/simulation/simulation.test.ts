import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/assessment/random.js';
import { runCompetenceTest, simulatedAnswer, type SimulatedStudent } from '../../src/simulation/simulation.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import type { AdaptiveStrategy } from '../../src/assessment/strategy.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const framework = buildFramework(regularCompetence());
const challengeAt = (level: number) => framework.challenges.get(`alpha11-${level}-1`)!;
const student = (level: number, slip = 0, guess = 0): SimulatedStudent => ({
  trueLevelByTube: new Map([['@alpha11', level]]),
  slip,
  guess: () => guess,
});
const always = (value: number) => () => value;

describe('seededRandom', () => {
  it('is reproducible and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});

describe('simulatedAnswer', () => {
  it('is right on a mastered level unless the student slips', () => {
    expect(simulatedAnswer(student(3), challengeAt(3), always(0.5))).toBe(true);
    expect(simulatedAnswer(student(3, 0.2), challengeAt(1), always(0.1))).toBe(false);
    expect(simulatedAnswer(student(3, 0.2), challengeAt(1), always(0.3))).toBe(true);
  });

  it('is right above the true level only by a guess', () => {
    expect(simulatedAnswer(student(3), challengeAt(4), always(0))).toBe(false);
    expect(simulatedAnswer(student(3, 0, 0.25), challengeAt(4), always(0.2))).toBe(true);
    expect(simulatedAnswer(student(3, 0, 0.25), challengeAt(4), always(0.3))).toBe(false);
  });

  it('masters nothing in a tube it does not list', () => {
    expect(simulatedAnswer(student(6), framework.challenges.get('beta11-1-1')!, always(0.5))).toBe(false);
  });
});

describe('runCompetenceTest', () => {
  const noisy = { trueLevelByTube: new Map([['@alpha11', 2], ['@beta11', 4], ['@gamma11', 5]]), slip: 0.1, guess: () => 0.2 };

  it('is reproducible with the same seed', () => {
    const run = (seed: number) =>
      runCompetenceTest({ framework, competenceId: '1.1', strategy: smartRandom, student: noisy, random: seededRandom(seed), maxLevel: 5 });
    expect(run(9)).toEqual(run(9));
  });

  it('records each answer with its status and stops at maxChallenges', () => {
    const { asked, history } = runCompetenceTest({
      framework,
      competenceId: '1.1',
      strategy: smartRandom,
      student: noisy,
      random: seededRandom(5),
      maxLevel: 5,
      maxChallenges: 3,
    });
    expect(asked).toBe(3);
    expect(history).toHaveLength(3);
    for (const a of history) {
      expect(framework.challenges.get(a.challengeId)!.skillId).toBe(a.skillId);
      expect(['ok', 'ko']).toContain(a.status);
    }
  });

  it('guards against a strategy that never ends', () => {
    const stubborn: AdaptiveStrategy = { name: 'stubborn', next: () => challengeAt(1) };
    const { asked, score } = runCompetenceTest({ framework, competenceId: '1.1', strategy: stubborn, student: student(6), random: seededRandom(1), maxLevel: 5 });
    expect(asked).toBe(18);
    // Only the first answer on a skill counts: the knowledge of the repeated skill is already decided.
    expect(score.pix).toBe(2);
  });
});
