/** Layer: pure domain. The levels a positioning result shows a student, from its level distribution. */
import { describe, expect, test } from 'vitest';
import { likelyLevels } from '../../src/assessment/level-range.js';

describe('likely levels', () => {
  test('one level when it holds 80 % alone', () => {
    expect(likelyLevels([0, 0.05, 0.85, 0.1, 0, 0])).toEqual({ low: 2, high: 2 });
    expect(likelyLevels([0, 0, 0, 0, 0.1, 0.9])).toEqual({ low: 5, high: 5 });
  });

  test('two adjacent levels when no single one does: the pair that holds most', () => {
    // "niveau 5 (sûr à 44 %)" of the old card: the student now reads "niveau 4 ou 5".
    expect(likelyLevels([0, 0, 0.05, 0.12, 0.39, 0.44])).toEqual({ low: 4, high: 5 });
    expect(likelyLevels([0.5, 0.4, 0.1, 0, 0, 0])).toEqual({ low: 0, high: 1 });
    // 2–3 holds 0.8, 3–4 only 0.6.
    expect(likelyLevels([0, 0.05, 0.35, 0.45, 0.15, 0])).toEqual({ low: 2, high: 3 });
  });

  test('a wider run when two levels are not enough ("entre 1 et 3")', () => {
    expect(likelyLevels([0.05, 0.3, 0.3, 0.3, 0.05, 0])).toEqual({ low: 1, high: 3 });
  });

  test('exactly 80 % counts, whatever the rounding of the probabilities', () => {
    expect(likelyLevels([0.1, 0.8, 0.1 - 1e-12, 0, 0, 0])).toEqual({ low: 1, high: 1 });
    // Not normalised: read as proportions.
    expect(likelyLevels([0, 8, 2, 0, 0, 0])).toEqual({ low: 1, high: 1 });
  });

  test('nothing known reads as every level', () => {
    expect(likelyLevels([0, 0, 0, 0, 0, 0])).toEqual({ low: 0, high: 5 });
  });
});
