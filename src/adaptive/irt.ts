/**
 * The small numerical toolkit of the probabilistic methods: item response curves, the normal
 * distribution, and quadrature on a fixed grid. Pure functions of numbers, so they are tested
 * against values computed by hand.
 */

/** 1 / (1 + e^(−x)), written so that a large |x| neither overflows nor loses the small tail. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** 2PL (spec §4, flash): P(correct) = 1 / (1 + exp(a·(δ − θ))). */
export function probability2PL(theta: number, discrimination: number, difficulty: number): number {
  return sigmoid(discrimination * (theta - difficulty));
}

/** Fisher information of a 2PL item at θ: a²·p·(1 − p). */
export function fisherInformation2PL(theta: number, discrimination: number, difficulty: number): number {
  const p = probability2PL(theta, discrimination, difficulty);
  return discrimination * discrimination * p * (1 - p);
}

/**
 * A slip-and-guess response curve: a student above the item's difficulty still slips, one below
 * still guesses. P = guess + (1 − slip − guess) · σ(a·(λ − δ)).
 */
export function probabilityWithSlipGuess(
  ability: number,
  item: { discrimination: number; difficulty: number; guess: number; slip: number },
): number {
  return item.guess + (1 - item.slip - item.guess) * sigmoid(item.discrimination * (ability - item.difficulty));
}

/**
 * Φ(x), the standard normal CDF, through erfc with the rational approximation of Numerical Recipes
 * (fractional error below 1.2e-7 everywhere): precise enough for priors and quadrature weights.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

export function normalPdf(x: number, mean = 0, sd = 1): number {
  const z = (x - mean) / sd;
  return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
}

/** from, from + step, …, up to `to` included (within rounding). */
export function uniformGrid(from: number, to: number, step: number): Float64Array {
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = from + i * step;
  return grid;
}

/** Scales weights to sum 1, in place; all-zero weights (impossible evidence) become uniform rather than NaN. */
export function normalize(weights: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  if (!(sum > 0) || !Number.isFinite(sum)) {
    weights.fill(1 / weights.length);
    return weights;
  }
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  return weights;
}

/** Gaussian prior on a grid, normalized over the grid points. */
export function gaussianOnGrid(grid: Float64Array, mean: number, sd: number): Float64Array {
  const weights = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) weights[i] = normalPdf(grid[i]!, mean, sd);
  return normalize(weights);
}

/** Mean and standard deviation of a distribution on a grid: the EAP estimate and its uncertainty. */
export function meanAndSd(grid: Float64Array, weights: Float64Array): { mean: number; sd: number } {
  let mean = 0;
  for (let i = 0; i < grid.length; i++) mean += grid[i]! * weights[i]!;
  let variance = 0;
  for (let i = 0; i < grid.length; i++) variance += weights[i]! * (grid[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(variance) };
}
