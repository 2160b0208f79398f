/**
 * Layer: domain (pure). Certification scoring (spec §9), one test per row of the table: the
 * reproducibility rate and its 50 and 80 thresholds, and per competence validated, lowered or not
 * certified; then the certified pix, the total and the cap.
 */
import { describe, expect, it } from 'vitest';
import { reproducibilityRate, scoreCertification, type CompetenceSitting } from '../../src/certification/scoring.js';

/** One competence per entry, at the given profile level (pix = 8 × level + 3), with this many right of `asked`. */
function sittings(...specs: Array<{ correct: number; asked?: number; level?: number }>): CompetenceSitting[] {
  return specs.map(({ correct, asked = 3, level = 3 }, i) => ({
    competenceId: `c${i + 1}`,
    level,
    pix: 8 * level + 3,
    outcomes: Array.from({ length: asked }, (_, k) => k < correct),
  }));
}
const score = (s: CompetenceSitting[], highestLevel = 5) => scoreCertification({ sittings: s, highestLevel });
const outcomes = (s: CompetenceSitting[]) => score(s).competences.map((c) => c.outcome);

describe('the reproducibility rate', () => {
  it('is round(100 × correct ÷ answered)', () => {
    expect(reproducibilityRate(14, 15)).toBe(93);
    expect(reproducibilityRate(11, 14)).toBe(79);
    expect(reproducibilityRate(1, 8)).toBe(13); // 12.5 rounds up
    expect(reproducibilityRate(0, 0)).toBe(0);
  });
});

describe('rate below 50: rejected', () => {
  it('47 (7 of 15): every competence not certified, even the one answered 3 of 3, total 0', () => {
    const result = score(sittings({ correct: 3 }, { correct: 1 }, { correct: 1 }, { correct: 1 }, { correct: 1 }));
    expect(result.reproducibilityRate).toBe(47);
    expect(result.outcome).toBe('rejected');
    expect(result.totalPix).toBe(0);
    expect(result.competences.every((c) => c.outcome === 'not_certified' && c.pix === 0 && c.level === 0)).toBe(true);
  });

  it('exactly 50 (6 of 12) is not rejected', () => {
    const result = score(sittings({ correct: 3 }, { correct: 3 }, { correct: 0 }, { correct: 0 }));
    expect(result.reproducibilityRate).toBe(50);
    expect(result.outcome).toBe('certified');
    expect(result.competences.map((c) => c.outcome)).toEqual(['validated', 'validated', 'not_certified', 'not_certified']);
  });
});

describe('per competence with 3 challenges', () => {
  it('3 correct: validated, with the profile’s level and pix', () => {
    const result = score(sittings({ correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }));
    expect(result.reproducibilityRate).toBe(100);
    expect(result.competences[0]).toEqual({ competenceId: 'c1', asked: 3, correct: 3, outcome: 'validated', level: 3, pix: 27 });
  });

  it('2 correct with a rate of 80 or more: validated (93, then exactly 80)', () => {
    const high = score(sittings({ correct: 2 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }));
    expect(high.reproducibilityRate).toBe(93);
    expect(high.competences[0]).toMatchObject({ outcome: 'validated', level: 3, pix: 27 });
    const boundary = score(sittings({ correct: 2 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 1 }));
    expect(boundary.reproducibilityRate).toBe(80);
    expect(boundary.competences.map((c) => c.outcome)).toEqual(['validated', 'validated', 'validated', 'validated', 'not_certified']);
  });

  it('2 correct with a rate below 80: the level is lowered by one, the pix by 8 (79, then 67)', () => {
    const boundary = score(sittings({ correct: 2 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 0, asked: 2 }));
    expect(boundary.reproducibilityRate).toBe(79);
    expect(boundary.competences[0]).toMatchObject({ outcome: 'lowered', level: 2, pix: 19 });
    const low = score(sittings({ correct: 2 }, { correct: 2 }, { correct: 2 }, { correct: 2 }, { correct: 2 }));
    expect(low.reproducibilityRate).toBe(67);
    expect(low.competences.map((c) => [c.outcome, c.level, c.pix])).toEqual(Array(5).fill(['lowered', 2, 19]));
    expect(low.totalPix).toBe(5 * 19);
  });

  it('1 correct: not certified, 0 pix', () => {
    expect(outcomes(sittings({ correct: 1 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }))[0]).toBe('not_certified');
    expect(score(sittings({ correct: 1 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 })).competences[0]).toMatchObject({ level: 0, pix: 0 });
  });

  it('0 correct: not certified, 0 pix', () => {
    expect(score(sittings({ correct: 0 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 })).competences[0]).toMatchObject({ outcome: 'not_certified', level: 0, pix: 0 });
  });
});

describe('certified pix and the total', () => {
  it('the total is the sum of the competences’ certified pix', () => {
    // 12 of 15 = 80: 2 of 3 is validated at this rate; 1 of 3 is not certified.
    const result = score(sittings({ correct: 3, level: 1 }, { correct: 2, level: 2 }, { correct: 3, level: 4 }, { correct: 1, level: 5 }, { correct: 3, level: 3 }));
    expect(result.reproducibilityRate).toBe(80);
    expect(result.competences.map((c) => c.pix)).toEqual([11, 19, 35, 0, 27]);
    expect(result.totalPix).toBe(11 + 19 + 35 + 27);
    expect(result.outcome).toBe('certified');
  });

  it('a level lowered from 1 leaves 3 pix at level 0', () => {
    const result = score(sittings({ correct: 2, level: 1 }, { correct: 2 }, { correct: 2 }, { correct: 2 }, { correct: 2 }));
    expect(result.competences[0]).toMatchObject({ outcome: 'lowered', level: 0, pix: 3 });
  });

  it('a total of 0 is rejected even with a rate of 50 or more', () => {
    const result = score(sittings({ correct: 2, level: 1 }, { correct: 2, level: 1 }).map((s) => ({ ...s, pix: 8 })));
    expect(result.reproducibilityRate).toBe(67);
    expect(result.totalPix).toBe(0);
    expect(result.outcome).toBe('rejected');
  });

  it('the level and pix are capped at the highest reachable level', () => {
    const result = score(sittings({ correct: 3, level: 7 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }), 5);
    expect(result.competences[0]).toMatchObject({ outcome: 'validated', level: 5, pix: 40 });
  });
});

describe('a competence with fewer than 3 challenges (a thin bank)', () => {
  it('all right: validated; one wrong with one right: as 2 of 3; none right: not certified', () => {
    const high = score(sittings({ correct: 1, asked: 2 }, { correct: 1, asked: 1 }, { correct: 0, asked: 1 }, { correct: 3 }, { correct: 3 }, { correct: 3 }, { correct: 3 }));
    expect(high.reproducibilityRate).toBe(88);
    expect(high.competences.slice(0, 3).map((c) => c.outcome)).toEqual(['validated', 'validated', 'not_certified']);
    const low = score(sittings({ correct: 1, asked: 2 }, { correct: 2 }, { correct: 2 }));
    expect(low.reproducibilityRate).toBe(63);
    expect(low.competences[0]!.outcome).toBe('lowered');
  });
});
