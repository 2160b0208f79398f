import { describe, expect, it } from 'vitest';
import { guttmanBounds, settled } from '../../src/adaptive/bayes-consistency.js';
import { competenceIndex } from '../../src/adaptive/bayes-model.js';
import type { AnsweredChallenge } from '../../src/assessment/strategy.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

// Three tubes with levels 1 to 6, each level worth 8 pix: 8/3 pix a skill.
const framework = buildFramework(regularCompetence());
const index = competenceIndex(framework, '1.1', 5);
const answer = (tube: 'alpha' | 'beta' | 'gamma', level: number, ok: boolean): AnsweredChallenge => ({
  challengeId: `${tube}11-${level}-1`,
  skillId: `@${tube}11${level}`,
  status: ok ? 'ok' : 'ko',
});
const bounds = (history: AnsweredChallenge[], floors = new Map<number, number>()) => guttmanBounds({ framework, index, history, floors, highestLevel: 5 });

describe('the noise-free reading of the answers (by hand)', () => {
  it('knows nothing before the first answer: every level from 0 to the highest is open', () => {
    const b = bounds([]);
    expect(b.consistent).toBe(true);
    expect([b.lowestLevel, b.highestLevel]).toEqual([0, 5]);
    expect(settled(b)).toBe(false);
  });

  it('a success raises a tube’s floor, a failure lowers its ceiling', () => {
    const b = bounds([answer('alpha', 3, true), answer('alpha', 5, false)]);
    expect(b.low[0]).toBe(3);
    expect(b.high[0]).toBe(4);
    expect(b.low[1]).toBe(0);
    expect(b.high[1]).toBe(8);
  });

  it('settles the level once every tube is bracketed within one level: 3 + 3 + 3 skills = 24 pix, level 3', () => {
    const history = (['alpha', 'beta', 'gamma'] as const).flatMap((t) => [answer(t, 3, true), answer(t, 4, false)]);
    const b = bounds(history);
    expect([b.lowestLevel, b.highestLevel]).toEqual([3, 3]);
    expect(settled(b)).toBe(true);
  });

  it('leaves the level open while one tube could still move it', () => {
    const history = [answer('alpha', 3, true), answer('alpha', 4, false), answer('beta', 3, true), answer('beta', 4, false), answer('gamma', 3, true)];
    const b = bounds(history);
    // Gamma between 3 and 8: from 3 + 3 + 3 = 9 skills (level 3) to 3 + 3 + 6 = 12 skills (level 4).
    expect([b.lowestLevel, b.highestLevel]).toEqual([3, 4]);
    expect(settled(b)).toBe(false);
  });

  it('a success above a failure in one tube is a contradiction: nothing is settled by it', () => {
    const b = bounds([answer('alpha', 2, false), answer('alpha', 4, true)]);
    expect(b.consistent).toBe(false);
    expect(settled(b)).toBe(false);
  });

  it('starts from what an earlier pass validated', () => {
    expect(bounds([], new Map([[1, 4]])).low).toEqual([0, 4, 0]);
  });
});
