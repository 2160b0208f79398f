/**
 * "partix-bayes", Partix's adaptive method. Each turn it rebuilds the posterior from this pass's
 * answers (nothing is kept between turns), stops as soon as one level is probable enough, and
 * otherwise asks the challenge whose answer is expected to make the level most certain.
 *
 * Differences with smart random, and why: a slip or a guess moves probabilities instead of deciding
 * skills for good; the test ends on certainty, not on exhaustion; tubes inform each other through the
 * competence ability, so an unasked tube is estimated rather than assumed failed.
 */
import type { Challenge, Framework } from '../framework/model.js';
import { analyseCompetence, type CompetenceAnalysis } from './bayes-analysis.js';
import { knowledgeForStates, statesForLevel, unitsOfStates } from './bayes-conclusion.js';
import { earlierFloors, observationsOf, rowsOf, type RowCache } from './bayes-evidence.js';
import {
  competenceIndex,
  DEFAULT_MODEL_SETTINGS,
  modelGrid,
  PIX_UNIT,
  thetaPrior,
  type CompetenceIndex,
  type ModelGrid,
  type ModelSettings,
} from './bayes-model.js';
import { currentValue, expectedValue, type SelectionCriterion } from './bayes-selection.js';
import { guessRate, itemParametersOf, type ItemParameterLookup } from './item-parameters.js';
import type { KnowledgeElement } from './knowledge.js';
import { pickAtRandom } from './random.js';
import { PIX_PER_LEVEL } from './scoring.js';
import type { AdaptiveStrategy, AssessmentContext } from './strategy.js';

export const PARTIX_BAYES = 'partix-bayes';

export interface BayesOptions {
  model: ModelSettings;
  /** Calibrated parameters (partix calibrate); challenges absent from it use their defaults. */
  parameters?: ItemParameterLookup;
  /** Stop once the most probable level has at least this probability. */
  confidence: number;
  /** Never stop before this many answers, nor before every tube that can be asked has this many. */
  minLength: number;
  minPerTube: number;
  /** Hard stop, whatever the certainty. */
  maxLength: number;
  criterion: SelectionCriterion;
  /**
   * Candidates whose gain is within this fraction of the best gain are drawn at random, so that two
   * students of a class do not see the same test.
   */
  tieMargin: number;
}

export type BayesOverrides = Partial<Omit<BayesOptions, 'model'>> & { model?: Partial<ModelSettings> };

export const DEFAULT_BAYES_OPTIONS: BayesOptions = {
  model: DEFAULT_MODEL_SETTINGS,
  confidence: 0.8,
  minLength: 3,
  minPerTube: 0,
  maxLength: 12,
  criterion: 'information',
  tieMargin: 0.05,
};

/** What the method believes at this point of the test, in Pix's units, with its uncertainty. */
export interface CompetenceEstimate {
  /** The level the student will see: the most probable one. */
  level: number;
  /** Pix of the knowledge elements that give that level. */
  pix: number;
  /** P(level = L), L = 0 … highest level. */
  levelProbabilities: number[];
  /** P(level = shown level). */
  confidence: number;
  pixMean: number;
  pixSd: number;
}

export interface BayesStrategy extends AdaptiveStrategy {
  estimate(ctx: AssessmentContext): CompetenceEstimate;
  conclude(ctx: AssessmentContext, now: Date): KnowledgeElement[];
}

interface Analysis extends CompetenceAnalysis {
  index: CompetenceIndex;
  floors: Map<number, number>;
}

export function createPartixBayes(overrides: BayesOverrides = {}): BayesStrategy {
  const options: BayesOptions = { ...DEFAULT_BAYES_OPTIONS, ...overrides, model: { ...DEFAULT_BAYES_OPTIONS.model, ...overrides.model } };
  const settings = options.model;
  const grid: ModelGrid = modelGrid(settings);
  const prior = thetaPrior(grid);
  // Derived from the (immutable) framework only, so caching them changes no test: a restarted
  // process rebuilds the same values. Held by this instance, not by the module.
  const indexes = new WeakMap<Framework, Map<string, CompetenceIndex>>();
  const rows: RowCache = new WeakMap();

  function indexOf(framework: Framework, competenceId: string): CompetenceIndex {
    let perCompetence = indexes.get(framework);
    if (!perCompetence) indexes.set(framework, (perCompetence = new Map()));
    let index = perCompetence.get(competenceId);
    if (!index) perCompetence.set(competenceId, (index = competenceIndex(framework, competenceId, settings.highestLevel)));
    return index;
  }

  function analyse(ctx: AssessmentContext): Analysis {
    const { framework, competenceId, history, knowledge } = ctx;
    const index = indexOf(framework, competenceId);
    const observations = observationsOf({ framework, index, history, settings, parameters: options.parameters, cache: rows });
    const floors = earlierFloors({ framework, index, history, knowledge });
    return { ...analyseCompetence({ index, grid, prior, observations, floors }), index, floors };
  }

  function next(ctx: AssessmentContext): Challenge | null {
    const analysis = analyse(ctx);
    const { index, floors, levels, level } = analysis;
    const candidates = candidatesOf(ctx, index, floors);
    if (candidates.length === 0 || ctx.history.length >= options.maxLength) return null;
    if (certainEnough(ctx, index, candidates, levels[level]!)) return null;

    const now = currentValue(levels, options.criterion);
    const scored = candidates.map((candidate) => {
      const candidateRows = rowsOf(candidate.challenge, settings, options.parameters, rows);
      const parts = analysis.profileWeights.map((weight, p) => ({ weight, joint: analysis.profileJoints[p]![candidate.tube]!, row: candidateRows[p]! }));
      return { candidate, gain: expectedValue(parts, levels, options.criterion) - now };
    });
    const best = Math.max(...scored.map((s) => s.gain));
    const near = scored.filter((s) => s.gain >= best - options.tieMargin * Math.abs(best) - 1e-12);
    const chosen = pickAtRandom(near, ctx.random).candidate;
    return pickAtRandom(chosen.variants, ctx.random);
  }

  function certainEnough(ctx: AssessmentContext, index: CompetenceIndex, candidates: Candidate[], confidence: number): boolean {
    if (ctx.history.length < options.minLength || confidence < options.confidence) return false;
    if (options.minPerTube <= 0) return true;
    const askedPerTube = new Map<number, number>();
    for (const answer of ctx.history) {
      const tube = index.tubeIndexOf.get(ctx.framework.challenges.get(answer.challengeId)?.tubeName ?? '');
      if (tube !== undefined) askedPerTube.set(tube, (askedPerTube.get(tube) ?? 0) + 1);
    }
    return candidates.every((c) => (askedPerTube.get(c.tube) ?? 0) >= options.minPerTube);
  }

  function estimateOf(analysis: Analysis) {
    const { index, joint, level } = analysis;
    const states = statesForLevel({ index, joint, targetLevel: level, highestLevel: settings.highestLevel, floors: analysis.floors });
    const pix = Math.min(Math.floor(unitsOfStates(index, states) / PIX_UNIT + 1e-9), PIX_PER_LEVEL * settings.highestLevel);
    return { states, pix };
  }

  return {
    name: PARTIX_BAYES,
    next,
    estimate(ctx) {
      const analysis = analyse(ctx);
      const { pix } = estimateOf(analysis);
      return {
        level: analysis.level,
        pix,
        levelProbabilities: [...analysis.levels],
        confidence: analysis.levels[analysis.level]!,
        pixMean: analysis.pixMean,
        pixSd: analysis.pixSd,
      };
    },
    conclude(ctx, now) {
      const analysis = analyse(ctx);
      const { states } = estimateOf(analysis);
      return knowledgeForStates({ framework: ctx.framework, index: analysis.index, states, history: ctx.history, knowledge: ctx.knowledge, now });
    },
  };

  function candidatesOf(ctx: AssessmentContext, index: CompetenceIndex, floors: ReadonlyMap<number, number>): Candidate[] {
    return skillCandidates(ctx, index, floors, (c) => variantRank(c, options.parameters));
  }
}


export interface Candidate {
  tube: number;
  /** The unasked variants of one skill that share the best rank. */
  variants: Challenge[];
  challenge: Challenge;
}

/**
 * One candidate per skill that still has an unasked challenge and was not validated in an earlier
 * pass. Among its variants, the most telling (least guessable, steepest) are kept. After a timed
 * challenge, untimed ones are preferred when there are any, as in smart random.
 */
export function skillCandidates(
  ctx: AssessmentContext,
  index: CompetenceIndex,
  floors: ReadonlyMap<number, number>,
  rank: (c: Challenge) => number,
): Candidate[] {
  const asked = new Set(ctx.history.map((a) => a.challengeId));
  const last = ctx.history[ctx.history.length - 1];
  const afterTimed = last !== undefined && ctx.framework.challenges.get(last.challengeId)?.timer !== undefined;
  const all: Candidate[] = [];
  index.tubes.forEach((tube, t) => {
    const floor = floors.get(t) ?? 0;
    for (const skill of tube.skills) {
      if (skill.level <= floor) continue;
      let bestRank = Number.NEGATIVE_INFINITY;
      let variants: Challenge[] = [];
      for (const c of skill.challenges) {
        if (asked.has(c.id)) continue;
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
function variantRank(challenge: Challenge, parameters?: ItemParameterLookup): number {
  return (1 - guessRate(challenge)) * itemParametersOf(challenge, parameters).discrimination;
}
