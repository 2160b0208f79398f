/**
 * A positioning result as a student reads it: not "level 5, 44 % sure" but the levels the estimate
 * holds, "niveau 2 ou 3". The smallest run of adjacent levels that holds LIKELY_MASS of the
 * probability (the most probable run among equals); a run of more than two levels reads
 * "entre 1 et 3".
 */
export const LIKELY_MASS = 0.8;

export interface LevelRange {
  low: number;
  high: number;
}

/** `probabilities[L]`: P(level = L), L = 0 … highest level. */
export function likelyLevels(probabilities: readonly number[], mass = LIKELY_MASS): LevelRange {
  const total = probabilities.reduce((a, b) => a + b, 0);
  if (probabilities.length === 0 || !(total > 0)) return { low: 0, high: Math.max(0, probabilities.length - 1) };
  for (let width = 1; width <= probabilities.length; width++) {
    let best: { low: number; held: number } | null = null;
    for (let low = 0; low + width <= probabilities.length; low++) {
      let held = 0;
      for (let l = low; l < low + width; l++) held += probabilities[l]!;
      if (!best || held > best.held + 1e-12) best = { low, held };
    }
    // A little slack for rounding: probabilities summing to 0.999… still hold 80 %.
    if (best && best.held >= mass * total - 1e-9) return { low: best.low, high: best.low + width - 1 };
  }
  return { low: 0, high: probabilities.length - 1 };
}
