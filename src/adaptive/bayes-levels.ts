/**
 * From the posterior to the level: the exact joint distribution of each tube's state and the
 * competence level, which both the choice of the next challenge and the level shown read.
 */
import { STATE_COUNT, type CompetenceIndex, type CompetencePosterior, type ModelGrid } from './bayes-model.js';

/** θ values whose posterior weight is below this are left out of the level computation. */
const NEGLIGIBLE = 1e-7;

/**
 * The joint posterior of each tube's state and the competence level: `joint[t][k·(H+1) + L]` =
 * P(tube t in state k, level L | answers), L = 0 … H (highest level). Exact: per θ the tubes are
 * independent, so the pix of the other tubes are convolved (dense, in the competence's pix bins) and
 * every state of tube t is added to them.
 *
 * This one table is all that choosing the next challenge needs: for a challenge of tube t answered
 * right with probability r(k) in state k, P(right, level L) = Σ_k r(k)·joint[t][k, L].
 */
export function levelJoint(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  posterior: CompetencePosterior;
  highestLevel: number;
}): { joint: Float64Array[]; levels: Float64Array } {
  const { index, grid, posterior, highestLevel } = args;
  const H1 = highestLevel + 1;
  const T = index.tubes.length;
  const joint = index.tubes.map(() => new Float64Array(STATE_COUNT * H1));
  const levels = new Float64Array(H1);
  if (T === 0) {
    levels[0] = 1;
    return { joint, levels };
  }
  const bins = index.lastBin + 1;
  const last = index.lastBin;
  const { tubeBins, prefix, suffix, others, unit, stateProb, histogram, levelStart, running } = scratchOf(index, H1);
  const massBelow = (bin: number) => running[bin < 0 ? 0 : bin > bins ? bins : bin]!;
  for (let g = 0; g < grid.theta.length; g++) {
    const pg = posterior.theta[g]!;
    if (pg < NEGLIGIBLE) continue;
    for (let t = 0; t < T; t++) {
      const l = posterior.evidence[t]!.likelihood;
      const m = posterior.marginal[t]![g]!;
      const probs = stateProb[t]!;
      const dist = tubeBins[t]!.fill(0);
      const binOf = index.tubes[t]!.binByState;
      for (let k = 0; k < STATE_COUNT; k++) {
        const w = m > 0 ? (grid.stateGivenTheta[g * STATE_COUNT + k]! * l[k]!) / m : 0;
        probs[k] = w;
        dist[binOf[k]!]! += w;
      }
    }
    prefix[0]!.set(tubeBins[0]!);
    for (let t = 1; t < T; t++) convolve(prefix[t - 1]!, tubeBins[t]!, prefix[t]!, last);
    suffix[T - 1]!.set(tubeBins[T - 1]!);
    for (let t = T - 2; t >= 0; t--) convolve(tubeBins[t]!, suffix[t + 1]!, suffix[t]!, last);
    for (let t = 0; t < T; t++) {
      convolve(t > 0 ? prefix[t - 1]! : unit, t < T - 1 ? suffix[t + 1]! : unit, others, last);
      for (let i = 0; i < bins; i++) running[i + 1] = running[i]! + others[i]!;
      const binOf = index.tubes[t]!.binByState;
      const p = stateProb[t]!;
      const jt = joint[t]!;
      let lastU = -1;
      for (let k = 0; k < STATE_COUNT; k++) {
        if (p[k]! <= 0) continue;
        const u = binOf[k]!;
        if (u !== lastU) {
          // Other tubes' bin i lands in bin min(i + u, last): level L for i in [levelStart[L] − u, levelStart[L + 1] − u).
          for (let L = 0; L < H1; L++) histogram[L] = massBelow((L === H1 - 1 ? bins + u : levelStart[L + 1]!) - u) - massBelow(levelStart[L]! - u);
          lastU = u;
        }
        const w = pg * p[k]!;
        for (let L = 0; L < H1; L++) jt[k * H1 + L]! += w * histogram[L]!;
      }
    }
  }
  const first = joint[0]!;
  for (let k = 0; k < STATE_COUNT; k++) for (let L = 0; L < H1; L++) levels[L]! += first[k * H1 + L]!;
  let total = 0;
  for (const v of levels) total += v;
  if (total > 0) {
    for (const jt of joint) for (let i = 0; i < jt.length; i++) jt[i]! /= total;
    for (let L = 0; L < H1; L++) levels[L]! /= total;
  }
  return { joint, levels };
}

interface Scratch {
  tubeBins: Float64Array[];
  prefix: Float64Array[];
  suffix: Float64Array[];
  others: Float64Array;
  unit: Float64Array;
  stateProb: Float64Array[];
  histogram: Float64Array;
  levelStart: Int32Array;
  running: Float64Array;
}

/**
 * levelJoint's working arrays, made once per competence and highest level and reused by every call
 * (once per profile of the model, each turn the model chooses). Each is written before it
 * is read in a call, but unit (bin 0 only), running[0] (0) and levelStart (the competence's).
 */
const scratches = new WeakMap<CompetenceIndex, Map<number, Scratch>>();

function scratchOf(index: CompetenceIndex, H1: number): Scratch {
  let byLevels = scratches.get(index);
  if (!byLevels) scratches.set(index, (byLevels = new Map()));
  let scratch = byLevels.get(H1);
  if (scratch) return scratch;
  const bins = index.lastBin + 1;
  const levelOfBin = index.levelOfBin;
  // Per θ: each tube's distribution over its pix bins; prefix[t] = tubes 0…t convolved, suffix[t] =
  // tubes t…T−1; the other tubes of t are prefix[t − 1] ⊗ suffix[t + 1]: 3(T − 1) convolutions, not T(T − 1).
  const unit = new Float64Array(bins);
  unit[0] = 1;
  // Levels grow with pix: level L covers the bins from levelStart[L] up to levelStart[L + 1] − 1 (the
  // last bin holds everything from the highest level up). With the running sums of the other tubes'
  // distribution, a state's level histogram is H + 1 differences instead of a pass over every bin.
  const levelStart = new Int32Array(H1 + 1).fill(bins);
  for (let b = bins - 1; b >= 0; b--) levelStart[levelOfBin[b]!] = b;
  for (let L = H1 - 1; L >= 0; L--) levelStart[L] = Math.min(levelStart[L]!, levelStart[L + 1]!);
  scratch = {
    tubeBins: index.tubes.map(() => new Float64Array(bins)),
    prefix: index.tubes.map(() => new Float64Array(bins)),
    suffix: index.tubes.map(() => new Float64Array(bins)),
    others: new Float64Array(bins),
    unit,
    stateProb: index.tubes.map(() => new Float64Array(STATE_COUNT)),
    histogram: new Float64Array(H1),
    levelStart,
    running: new Float64Array(bins + 1),
  };
  byLevels.set(H1, scratch);
  return scratch;
}

/** out = a ⊗ b over pix bins, everything past `last` in the last bin; loops over the non-zero bins only. */
function convolve(a: Float64Array, b: Float64Array, out: Float64Array, last: number) {
  out.fill(0);
  // The non-zero bins of b, in a buffer kept between calls (a turn makes hundreds of these).
  if (nonZero.length < b.length) nonZero = new Int32Array(b.length);
  let count = 0;
  for (let j = 0; j < b.length; j++) if (b[j]! > 0) nonZero[count++] = j;
  for (let i = 0; i < a.length; i++) {
    const pa = a[i]!;
    if (pa === 0) continue;
    for (let n = 0; n < count; n++) {
      const j = nonZero[n]!;
      const at = i + j;
      out[at > last ? last : at]! += pa * b[j]!;
    }
  }
}
let nonZero = new Int32Array(0);

/** Mean and sd of the competence's pix (uncapped), from the per-tube conditional moments. */
export function pixMoments(grid: ModelGrid, posterior: CompetencePosterior): { pixMean: number; pixSd: number } {
  let mean = 0;
  let second = 0;
  for (let g = 0; g < grid.theta.length; g++) {
    const pg = posterior.theta[g]!;
    if (pg === 0) continue;
    let m = 0;
    let v = 0;
    for (let t = 0; t < posterior.meanPix.length; t++) {
      const e = posterior.meanPix[t]![g]!;
      m += e;
      v += posterior.secondPix[t]![g]! - e * e;
    }
    mean += pg * m;
    second += pg * (v + m * m);
  }
  return { pixMean: mean, pixSd: Math.sqrt(Math.max(0, second - mean * mean)) };
}

/** The most probable level; ties go to the lower one (the student sees no level they may not have). */
export function mostProbableLevel(levels: Float64Array): number {
  let best = 0;
  for (let l = 1; l < levels.length; l++) if (levels[l]! > levels[best]! + 1e-12) best = l;
  return best;
}
