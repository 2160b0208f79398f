/**
 * The whole posterior of one competence: one exact computation per noise profile, mixed by how well
 * each profile explains the answers. This is what the strategy, its stopping rule, the level shown
 * and the positioning test all read.
 */
import {
  competencePosterior,
  STATE_COUNT,
  tubeEvidence,
  type CompetenceIndex,
  type CompetencePosterior,
  type ModelGrid,
  type Observation,
} from './bayes-model.js';
import { levelJoint, mostProbableLevel, pixMoments } from './bayes-levels.js';

export interface CompetenceAnalysis {
  /** Posterior weight of each noise profile. */
  profileWeights: number[];
  posteriors: CompetencePosterior[];
  /** Per profile, per tube: P(tube state, level | answers, profile). */
  profileJoints: Float64Array[][];
  /** Mixed over profiles: P(tube state, level | answers), per tube. */
  joint: Float64Array[];
  /** P(level = L | answers). */
  levels: Float64Array;
  level: number;
  pixMean: number;
  pixSd: number;
  /** log P(answers), all profiles together: what the positioning test feeds back to the general ability. */
  logEvidence: number;
}

export function analyseCompetence(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  prior: Float64Array;
  observations: readonly Observation[];
  floors?: ReadonlyMap<number, number>;
}): CompetenceAnalysis {
  const { index, grid, prior, observations, floors } = args;
  const { profiles } = grid.settings;
  const posteriors = profiles.map((_, profile) =>
    competencePosterior({ index, grid, prior, evidence: tubeEvidence({ observations, tubeCount: index.tubes.length, profile, floors }) }),
  );
  const { weights, logEvidence } = profileWeights(
    profiles.map((p) => p.weight),
    posteriors.map((p) => p.logEvidence),
  );
  return { ...mixProfiles({ index, grid, posteriors, weights }), logEvidence };
}

/** Posterior weights of the noise profiles from their prior weights and log evidences, and the total log evidence. */
export function profileWeights(prior: readonly number[], logEvidences: readonly number[]): { weights: number[]; logEvidence: number } {
  const logs = logEvidences.map((l, i) => Math.log(prior[i]!) + l);
  const finite = logs.filter(Number.isFinite);
  if (finite.length === 0) return { weights: prior.map(() => 1 / prior.length), logEvidence: Number.NEGATIVE_INFINITY };
  const top = Math.max(...finite);
  const raw = logs.map((l) => (Number.isFinite(l) ? Math.exp(l - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return { weights: raw.map((r) => r / total), logEvidence: top + Math.log(total) };
}

/** The level tables of each profile, and their mixture by the given weights. */
export function mixProfiles(args: {
  index: CompetenceIndex;
  grid: ModelGrid;
  posteriors: CompetencePosterior[];
  weights: readonly number[];
}): Omit<CompetenceAnalysis, 'logEvidence'> {
  const { index, grid, posteriors, weights } = args;
  const { highestLevel } = grid.settings;
  const H1 = highestLevel + 1;
  const profileJoints: Float64Array[][] = [];
  const levels = new Float64Array(H1);
  const joint = index.tubes.map(() => new Float64Array(STATE_COUNT * H1));
  let pixMean = 0;
  let pixSecond = 0;
  posteriors.forEach((posterior, i) => {
    const w = weights[i]!;
    if (w < 1e-9) {
      // A profile the answers rule out costs nothing: its tables stay empty.
      profileJoints.push(index.tubes.map(() => new Float64Array(STATE_COUNT * H1)));
      return;
    }
    const part = levelJoint({ index, grid, posterior, highestLevel });
    profileJoints.push(part.joint);
    for (let L = 0; L < H1; L++) levels[L]! += w * part.levels[L]!;
    part.joint.forEach((jt, t) => {
      const mixed = joint[t]!;
      for (let j = 0; j < jt.length; j++) mixed[j]! += w * jt[j]!;
    });
    const moments = pixMoments(grid, posterior);
    pixMean += w * moments.pixMean;
    pixSecond += w * (moments.pixSd ** 2 + moments.pixMean ** 2);
  });
  return {
    profileWeights: [...weights],
    posteriors,
    profileJoints,
    joint,
    levels,
    level: mostProbableLevel(levels),
    pixMean,
    pixSd: Math.sqrt(Math.max(0, pixSecond - pixMean * pixMean)),
  };
}
