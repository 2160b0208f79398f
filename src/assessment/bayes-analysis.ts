/**
 * The whole posterior of one competence: one exact computation per noise profile, mixed by how well
 * each profile explains the answers. This is what the strategy, its stopping rule, the level shown
 * and the positioning test all read.
 */
import {
  competencePosterior,
  levelJoint,
  mostProbableLevel,
  pixMoments,
  STATE_COUNT,
  tubeEvidence,
  type CompetenceIndex,
  type CompetencePosterior,
  type ModelGrid,
  type Observation,
} from './bayes-model.js';

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
  const { profiles, highestLevel } = grid.settings;
  const posteriors = profiles.map((_, profile) =>
    competencePosterior({ index, grid, prior, evidence: tubeEvidence({ observations, tubeCount: index.tubes.length, profile, floors }) }),
  );
  const logs = posteriors.map((p, i) => Math.log(profiles[i]!.weight) + p.logEvidence);
  const top = Math.max(...logs.filter(Number.isFinite));
  const raw = logs.map((l) => (Number.isFinite(l) && Number.isFinite(top) ? Math.exp(l - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  const profileWeights = total > 0 ? raw.map((r) => r / total) : profiles.map(() => 1 / profiles.length);
  const logEvidence = Number.isFinite(top) && total > 0 ? top + Math.log(total) : Number.NEGATIVE_INFINITY;

  const profileJoints: Float64Array[][] = [];
  const H1 = highestLevel + 1;
  const levels = new Float64Array(H1);
  const joint = index.tubes.map(() => new Float64Array(STATE_COUNT * H1));
  let pixMean = 0;
  let pixSecond = 0;
  posteriors.forEach((posterior, i) => {
    const w = profileWeights[i]!;
    const part = levelJoint({ index, grid, posterior, highestLevel });
    profileJoints.push(part.joint);
    if (w === 0) return;
    for (let L = 0; L < H1; L++) levels[L]! += w * part.levels[L]!;
    part.joint.forEach((jt, t) => {
      const mixed = joint[t]!;
      for (let i = 0; i < jt.length; i++) mixed[i]! += w * jt[i]!;
    });
    const moments = pixMoments(grid, posterior);
    pixMean += w * moments.pixMean;
    pixSecond += w * (moments.pixSd ** 2 + moments.pixMean ** 2);
  });
  return {
    profileWeights,
    posteriors,
    profileJoints,
    joint,
    levels,
    level: mostProbableLevel(levels),
    pixMean,
    pixSd: Math.sqrt(Math.max(0, pixSecond - pixMean * pixMean)),
    logEvidence,
  };
}
