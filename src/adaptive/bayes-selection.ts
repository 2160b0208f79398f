/**
 * How much one more answer would tell about the level. With the joint table P(tube state, level),
 * a candidate's two outcomes give the level's distribution after the answer in a few dozen
 * operations, exactly: every skill of a large bank is scored within the millisecond.
 */
import { STATE_COUNT } from './bayes-model.js';

/**
 * - 'information': mutual information between the answer and the level (expected fall of the
 *   level's entropy). Smooth: it values an answer that sharpens the level even before it flips the
 *   most probable one.
 * - 'certainty': expected probability of the most probable level after the answer (what the
 *   stopping rule reads). Myopic: often flat early in a test.
 */
export type SelectionCriterion = 'information' | 'certainty';

export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log(p[i]!);
  return h;
}

function maxOf(p: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > m) m = p[i]!;
  return m;
}

/** Value of the criterion now; a candidate's gain is its expected value minus this. */
export function currentValue(levels: Float64Array, criterion: SelectionCriterion): number {
  return criterion === 'information' ? -entropy(levels) : maxOf(levels);
}

/** One noise profile's share of the posterior, as a candidate sees it. */
export interface ProfilePart {
  weight: number;
  /** P(state, level | answers, profile) for the candidate's tube. */
  joint: Float64Array;
  /** P(right | state) of the candidate under this profile. */
  row: Float64Array;
}

/** Both criteria after one answer, expected over its two outcomes. */
export interface ExpectedValues {
  /** Minus the expected entropy of the level. */
  information: number;
  /** Expected probability of the most probable level. */
  certainty: number;
}

/**
 * Expected value of both criteria after answering a candidate: P(right, level L) =
 * Σ over profiles of weight · Σ_k row[k] · joint[k, L]. Higher is better. One pass gives both, so
 * the choice (information) and the stopping rule (certainty) cost one computation per candidate.
 */
export function expectedValues(parts: readonly ProfilePart[], levels: Float64Array): ExpectedValues {
  const H1 = levels.length;
  const right = new Float64Array(H1);
  for (const { weight, joint, row } of parts) {
    if (weight === 0) continue;
    for (let k = 0; k < STATE_COUNT; k++) {
      const r = weight * row[k]!;
      const base = k * H1;
      for (let L = 0; L < H1; L++) right[L]! += r * joint[base + L]!;
    }
  }
  const wrong = new Float64Array(H1);
  let pRight = 0;
  for (let L = 0; L < H1; L++) {
    pRight += right[L]!;
    wrong[L] = Math.max(0, levels[L]! - right[L]!);
  }
  const pWrong = Math.max(0, 1 - pRight);
  const values: ExpectedValues = { information: 0, certainty: 0 };
  for (const [p, dist] of [
    [pRight, right],
    [pWrong, wrong],
  ] as const) {
    if (p <= 1e-15) continue;
    for (let L = 0; L < H1; L++) dist[L]! /= p;
    values.information -= p * entropy(dist);
    values.certainty += p * maxOf(dist);
  }
  return values;
}
