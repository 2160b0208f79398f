/**
 * Which challenge to ask among the skills still open: one candidate per skill, scored by what its
 * answer is expected to tell about the level (shared by the competence test and the positioning test).
 */
import type { Challenge } from '../framework/model.js';
import type { CompetenceAnalysis } from './bayes-analysis.js';
import { rowsOf, type RowCache } from './bayes-evidence.js';
import type { CompetenceIndex, ModelSettings } from './bayes-model.js';
import { currentValue, expectedValues, type SelectionCriterion } from './bayes-selection.js';
import { guessRate, itemParametersOf, type ItemParameterLookup } from './item-parameters.js';
import { correctedSkills, preferUnseen } from '../assessment/measured.js';
import { pickAtRandom } from '../assessment/random.js';
import type { AssessmentContext } from '../assessment/strategy.js';

export interface Candidate {
  tube: number;
  /** The unasked variants of one skill that share the best rank. */
  variants: Challenge[];
  challenge: Challenge;
}

/**
 * One candidate per skill that still has an unasked challenge, was not validated in an earlier
 * pass and whose correction this test has not shown (another variant would measure nothing then).
 * Among its variants, those the student has never seen, then the most telling (least guessable,
 * steepest) are kept. After a timed challenge, untimed ones are preferred when there are any, as
 * in smart random.
 */
export function skillCandidates(
  ctx: Pick<AssessmentContext, 'framework' | 'history' | 'seen'>,
  index: CompetenceIndex,
  floors: ReadonlyMap<number, number>,
  rank: (c: Challenge) => number,
): Candidate[] {
  const asked = new Set(ctx.history.map((a) => a.challengeId));
  const corrected = correctedSkills(ctx.history);
  const last = ctx.history[ctx.history.length - 1];
  const afterTimed = last !== undefined && ctx.framework.challenges.get(last.challengeId)?.timer !== undefined;
  const all: Candidate[] = [];
  index.tubes.forEach((tube, t) => {
    const floor = floors.get(t) ?? 0;
    for (const skill of tube.skills) {
      if (skill.level <= floor || corrected.has(skill.skillId)) continue;
      let bestRank = Number.NEGATIVE_INFINITY;
      let variants: Challenge[] = [];
      for (const c of preferUnseen(skill.challenges.filter((v) => !asked.has(v.id)), ctx.seen)) {
        const r = rank(c);
        if (r > bestRank + 1e-12) {
          bestRank = r;
          variants = [c];
        } else if (r >= bestRank - 1e-12) variants.push(c);
      }
      if (variants.length > 0) all.push({ tube: t, variants, challenge: variants[0]! });
    }
  });
  if (!afterTimed) return all;
  const untimed = all
    .map((c) => ({ ...c, variants: c.variants.filter((v) => v.timer === undefined) }))
    .filter((c) => c.variants.length > 0)
    .map((c) => ({ ...c, challenge: c.variants[0]! }));
  return untimed.length > 0 ? untimed : all;
}

/** How much a right or wrong answer separates masters from the others: steep and hard to guess is best. */
export function variantRank(challenge: Challenge, parameters?: ItemParameterLookup): number {
  return (1 - guessRate(challenge)) * itemParametersOf(challenge, parameters).discrimination;
}

export interface Choice {
  challenge: Challenge;
  /**
   * The most any candidate is expected to raise the probability of the most probable level: when
   * even that is small, asking more is not worth the student's time.
   */
  bestCertaintyGain: number;
}

/**
 * The candidate whose answer is expected to sharpen the level most; candidates within `tieMargin`
 * (a fraction of the best gain) of it are drawn at random, so that two students of a class do not
 * see the same test. Then one of its best variants at random.
 */
export function chooseChallenge(args: {
  analysis: Pick<CompetenceAnalysis, 'levels' | 'profileWeights' | 'profileJoints'>;
  candidates: readonly Candidate[];
  settings: ModelSettings;
  parameters?: ItemParameterLookup;
  rows: RowCache;
  criterion: SelectionCriterion;
  tieMargin: number;
  random: () => number;
}): Choice {
  const { analysis, candidates, settings, parameters, rows, criterion, tieMargin, random } = args;
  const now = currentValue(analysis.levels, criterion);
  const certaintyNow = currentValue(analysis.levels, 'certainty');
  let bestCertaintyGain = Number.NEGATIVE_INFINITY;
  const scored = candidates.map((candidate) => {
    const candidateRows = rowsOf(candidate.challenge, settings, parameters, rows);
    const parts = analysis.profileWeights.map((weight, p) => ({ weight, joint: analysis.profileJoints[p]![candidate.tube]!, row: candidateRows[p]! }));
    const values = expectedValues(parts, analysis.levels);
    bestCertaintyGain = Math.max(bestCertaintyGain, values.certainty - certaintyNow);
    return { candidate, gain: values[criterion] - now };
  });
  const best = Math.max(...scored.map((s) => s.gain));
  const near = scored.filter((s) => s.gain >= best - tieMargin * Math.abs(best) - 1e-12);
  return { challenge: pickAtRandom(pickAtRandom(near, random).candidate.variants, random), bestCertaintyGain };
}
