import { describe, expect, it } from 'vitest';
import {
  fisherInformation2PL,
  gaussianOnGrid,
  meanAndSd,
  normalCdf,
  normalize,
  probability2PL,
  probabilityWithSlipGuess,
  sigmoid,
  uniformGrid,
} from '../../src/adaptive/irt.js';
import { fitLogistic } from '../../src/simulation/simulated-parameters.js';
import { seededRandom } from '../../src/assessment/random.js';

describe('response curves (values computed by hand)', () => {
  it('sigmoid: 1/2 at 0, e/(1+e) at 1, symmetric, no overflow far out', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1)).toBeCloseTo(Math.E / (1 + Math.E), 12); // 0.7310585786
    expect(sigmoid(-1)).toBeCloseTo(1 - 0.7310585786300049, 12);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
  });

  it('2PL: P = 1 / (1 + exp(a·(δ − θ))) and information a²·p·(1 − p)', () => {
    // a = 2, δ = 0.5, θ = 1: exp(2 × −0.5) = e⁻¹, P = 1 / (1 + 0.367879) = 0.731059
    expect(probability2PL(1, 2, 0.5)).toBeCloseTo(0.7310585786, 9);
    // 4 × 0.731059 × 0.268941 = 0.786448
    expect(fisherInformation2PL(1, 2, 0.5)).toBeCloseTo(0.7864477, 6);
    // information peaks at θ = δ with a²/4
    expect(fisherInformation2PL(0.5, 2, 0.5)).toBeCloseTo(1, 12);
  });

  it('slip and guess bound the curve: guess far below, 1 − slip far above, half-way at δ', () => {
    const item = { discrimination: 12, difficulty: 2.5, guess: 0.25, slip: 0.1 };
    expect(probabilityWithSlipGuess(-5, item)).toBeCloseTo(0.25, 9);
    expect(probabilityWithSlipGuess(10, item)).toBeCloseTo(0.9, 9);
    // 0.25 + 0.65 × 0.5
    expect(probabilityWithSlipGuess(2.5, item)).toBeCloseTo(0.575, 12);
  });
});

describe('normal distribution', () => {
  it('matches the tables to 1e-7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.1586552539, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980, 7);
  });
});

describe('grids', () => {
  it('includes both ends', () => {
    expect([...uniformGrid(-1, 1, 0.5)]).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(uniformGrid(-9, 9, 0.225).length).toBe(81);
  });

  it('normalizes, and turns impossible evidence into a uniform distribution rather than NaN', () => {
    expect([...normalize(Float64Array.from([1, 3]))]).toEqual([0.25, 0.75]);
    expect([...normalize(Float64Array.from([0, 0]))]).toEqual([0.5, 0.5]);
  });

  it('a Gaussian on a fine grid has the mean and sd it was given (EAP and its sd)', () => {
    const grid = uniformGrid(-9, 9, 0.05);
    const { mean, sd } = meanAndSd(grid, gaussianOnGrid(grid, 1.5, 0.8));
    expect(mean).toBeCloseTo(1.5, 6);
    expect(sd).toBeCloseTo(0.8, 4);
  });

  it('mean and sd of two points', () => {
    const { mean, sd } = meanAndSd(Float64Array.from([0, 2]), Float64Array.from([0.5, 0.5]));
    expect(mean).toBe(1);
    expect(sd).toBe(1);
  });
});

describe('fitLogistic', () => {
  it('recovers the slope and difficulty of data drawn from a 2PL', () => {
    const random = seededRandom(3);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const theta = -3 + 6 * random();
      x.push(theta);
      y.push(random() < probability2PL(theta, 1.7, 0.4) ? 1 : 0);
    }
    const fit = fitLogistic(x, y);
    expect(fit.discrimination).toBeGreaterThan(1.5);
    expect(fit.discrimination).toBeLessThan(1.9);
    expect(fit.difficulty).toBeCloseTo(0.4, 1);
  });

  it('stays finite on separated data', () => {
    const fit = fitLogistic([0, 1, 2, 3], [0, 0, 1, 1]);
    expect(Number.isFinite(fit.discrimination)).toBe(true);
    expect(fit.difficulty).toBeCloseTo(1.5, 3);
  });
});
