/**
 * "partix-bayes", Partix's adaptive method. Each turn it rebuilds the posterior from this pass's
 * answers (nothing is kept between turns). While the answers agree with Pix's noise-free reading,
 * it asks the open question after which the fewest questions are expected (bayes-plan) and ends
 * when the reading settles the level, unless the model still doubts it; once the answers
 * contradict each other, it asks the challenge whose answer is expected to make the level most
 * certain and ends when one level is probable enough. "partix-bayes-short" uses the latter rule
 * from the first question.
 *
 * Differences with smart random, and why: a slip or a guess moves probabilities instead of deciding
 * skills for good; the test ends when the level is known, not when every skill is; tubes inform
 * each other through the competence ability, so an unasked tube is estimated rather than assumed failed.
 */
import type { Challenge, Framework } from '../framework/model.js';
import { analyseCompetence, type CompetenceAnalysis } from './bayes-analysis.js';
import { estimateOf, knowledgeForStates } from './bayes-conclusion.js';

import { guttmanBounds, settled, uniformRun, type GuttmanBounds } from './bayes-consistency.js';
import { earlierFloors, observationsOf, type RowCache } from './bayes-evidence.js';
import {
  competenceIndex,
  DEFAULT_MODEL_SETTINGS,
  modelGrid,
  thetaPrior,
  type CompetenceIndex,
  type ModelGrid,
  type ModelSettings,
} from './bayes-model.js';
import { chooseChallenge, skillCandidates, variantRank, type Candidate } from './bayes-candidates.js';
import { askableLevels, settlingPlan, type SettlingPlan } from './bayes-plan.js';
import type { SelectionCriterion } from './bayes-selection.js';
import { withMeasuredHistory } from '../assessment/measured.js';
import { pickAtRandom } from '../assessment/random.js';
import type { ItemParameterLookup } from './item-parameters.js';
import type { KnowledgeElement } from '../assessment/knowledge.js';
import type { AdaptiveStrategy, AssessmentContext, CompetenceEstimate } from '../assessment/strategy.js';

export const PARTIX_BAYES = 'partix-bayes';
/** The same model with the 'confident' stopping rule: shorter tests, and a flawless student is not always exact. */
export const PARTIX_BAYES_SHORT = 'partix-bayes-short';

export interface BayesOptions {
  model: ModelSettings;
  /** Calibrated parameters (partix calibrate); challenges absent from it use their defaults. */
  parameters?: ItemParameterLookup;
  /** Stop once the most probable level has at least this probability… */
  confidence: number;
  /**
   * …or once no challenge left is expected to raise that probability by this much: a test stuck
   * between two levels that no single answer would settle ends rather than drag on.
   */
  minGain: number;
  /** Never stop before this many answers, nor before every tube that can be asked has this many. */
  minLength: number;
  minPerTube: number;
  /**
   * Hard stop of the confidence rule and of the settled rule's checks, whatever the certainty. Until
   * the level is settled, the settled rule is bounded by the bank instead: each answer closes at
   * least one open skill, so it asks at most one challenge per skill, as smart random does.
   */
  maxLength: number;
  criterion: SelectionCriterion;
  /**
   * Candidates whose gain is within this fraction of the best gain are drawn at random, so that two
   * students of a class do not see the same test.
   */
  tieMargin: number;
  /**
   * - 'settled': while the answers agree with Pix's noise-free reading (no success above a failure in
   *   a tube), ask only where that reading leaves the level open, in the order that settles it in the
   *   fewest questions on average (bayes-plan), and end when it is settled, unless the model still
   *   doubts the level (verifyBelow): a flawless student always gets their exact level.
   * - 'confident': end as soon as the most probable level reaches `confidence`: shorter, but a
   *   flawless student is sometimes one level off.
   * Both fall back on the confidence rule once the answers contradict each other.
   */
  stopRule: StopRule;
  /**
   * Settled rule: while the answers agree with the noise-free reading, the open question after which
   * the fewest questions are expected (bayes-plan) is asked; questions within this many expected
   * challenges of the best are drawn at random, so that neighbours in class do not all get the
   * same first question (0.05: about two different first questions per competence, as many as
   * before the plan, for 0.02 more challenge per test).
   */
  planTie: number;
  /**
   * Settled rule: once the reading settles the level, the test still goes on while the model gives
   * that level less than this probability (a decisive answer may be a slip or a guess), choosing as
   * the confidence rule does and within maxLength. 0: end as soon as it is settled.
   */
  verifyBelow: number;
  /**
   * A wrong answer below a right one of the same tube is read as a slip (the skill credited) only
   * when the model gives the tube at least that state with this probability; otherwise the skill
   * stays failed, as for a student whose mastery is out of order. 0: always outweighed. Settled
   * rule only: the confidence rule always outweighs (it would lose more with slips than it gains).
   */
  outweighFailureAbove: number;
}

export type StopRule = 'settled' | 'confident';

/** A student's first question in a competence is never harder than this: a test starts gently. */
export const FIRST_QUESTION_MAX_LEVEL = 3;


export type BayesOverrides = Partial<Omit<BayesOptions, 'model'>> & { model?: Partial<ModelSettings> };

export const DEFAULT_BAYES_OPTIONS: BayesOptions = {
  model: DEFAULT_MODEL_SETTINGS,
  confidence: 0.9,
  minGain: 0.015,
  minLength: 3,
  minPerTube: 0,
  maxLength: 12,
  criterion: 'information',
  tieMargin: 0.05,
  stopRule: 'settled',
  planTie: 0.05,
  verifyBelow: 0.9,
  outweighFailureAbove: 0.97,
};

export interface BayesStrategy extends AdaptiveStrategy {
  estimate(ctx: AssessmentContext): CompetenceEstimate;
  conclude(ctx: AssessmentContext, now: Date): KnowledgeElement[];
  /** Every competence's plan, or only that one's (so that a start can solve them a few at a time). */
  prepare(framework: Framework, competenceId?: string): void;
}

interface Analysis extends CompetenceAnalysis {
  index: CompetenceIndex;
  floors: Map<number, number>;
}

/**
 * A student who has answered everything right so far gets the chance to go higher in every tube
 * while a harder skill remains; one who has answered everything wrong, the chance of an easier one.
 * The prior (most students sit mid-range) must not be what stops the best and the weakest students
 * early: they are the ones a deterministic method serves exactly, and so must we.
 */
function extremeSoFar(ctx: AssessmentContext, candidates: readonly Candidate[], bounds: GuttmanBounds): boolean {
  // Per tube, the noise-free bounds are the hardest success so far (all right) or just below the easiest failure (all wrong).
  const run = uniformRun(ctx.history);
  if (run === 'all-right') return candidates.some((c) => c.challenge.level > bounds.low[c.tube]!);
  if (run === 'all-wrong') return candidates.some((c) => c.challenge.level <= bounds.high[c.tube]!);
  return false;
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
  const plans = new WeakMap<CompetenceIndex, SettlingPlan | null>();

  function planOf(index: CompetenceIndex): SettlingPlan | null {
    if (!plans.has(index)) {
      plans.set(index, settlingPlan({ index, grid, prior, highestLevel: settings.highestLevel, askable: askableLevels(index) }));
    }
    return plans.get(index) ?? null;
  }

  function indexOf(framework: Framework, competenceId: string): CompetenceIndex {
    let perCompetence = indexes.get(framework);
    if (!perCompetence) indexes.set(framework, (perCompetence = new Map()));
    let index = perCompetence.get(competenceId);
    if (!index) perCompetence.set(competenceId, (index = competenceIndex(framework, competenceId, settings.highestLevel)));
    return index;
  }

  function floorsOf(ctx: AssessmentContext, index: CompetenceIndex): Map<number, number> {
    return earlierFloors({ framework: ctx.framework, index, history: ctx.history, knowledge: ctx.knowledge });
  }

  function analyse(ctx: AssessmentContext, index = indexOf(ctx.framework, ctx.competenceId), floors = floorsOf(ctx, index)): Analysis {
    const observations = observationsOf({ framework: ctx.framework, index, history: ctx.history, settings, parameters: options.parameters, cache: rows });
    return { ...analyseCompetence({ index, grid, prior, observations, floors }), index, floors };
  }

  function next(full: AssessmentContext): Challenge | null {
    const ctx = withMeasuredHistory(full);
    const index = indexOf(ctx.framework, ctx.competenceId);
    const floors = floorsOf(ctx, index);
    let candidates = candidatesOf(ctx, index, floors);
    if (candidates.length === 0) return null;
    if (full.history.length === 0) {
      const gentle = candidates.filter((c) => c.challenge.level <= FIRST_QUESTION_MAX_LEVEL);
      if (gentle.length > 0) candidates = gentle;
    }
    const bounds = boundsOf(ctx, index, floors);
    const settling = options.stopRule === 'settled' && bounds.consistent;
    if (settling && !settled(bounds)) {
      // Only an answer inside the open range can settle the level; when none is left, the model's estimate stands.
      candidates = candidates.filter((c) => c.challenge.level > bounds.low[c.tube]! && c.challenge.level <= bounds.high[c.tube]!);
      if (candidates.length === 0) return null;
      // The plan needs no posterior: the most frequent turn skips the model's computation.
      const plan = planOf(index);
      if (plan) return plannedChoice(plan, candidates, bounds, ctx.random);
    }

    const analysis = analyse(ctx, index, floors);
    const { levels, level } = analysis;
    const choose = () =>
      chooseChallenge({ analysis, candidates, settings, parameters: options.parameters, rows, criterion: options.criterion, tieMargin: options.tieMargin, random: ctx.random });
    if (settling && settled(bounds)) {
      // Settled, but one slip or one lucky guess may have settled it: below `verifyBelow`, check with the model's choice.
      if (levels[bounds.lowestLevel]! >= options.verifyBelow || ctx.history.length >= options.maxLength) return null;
      const check = choose();
      return check.bestCertaintyGain < options.minGain ? null : check.challenge;
    }
    if (settling) return choose().challenge;
    if (ctx.history.length >= options.maxLength || (levels[level]! >= options.confidence && mayStop(ctx, index, candidates, bounds))) return null;
    const choice = choose();
    return choice.bestCertaintyGain < options.minGain && mayStop(ctx, index, candidates, bounds) ? null : choice.challenge;
  }

  /** Whether the test is long enough, and balanced enough, to end on the model's word. */
  function mayStop(ctx: AssessmentContext, index: CompetenceIndex, candidates: Candidate[], bounds: GuttmanBounds): boolean {
    if (ctx.history.length < options.minLength) return false;
    if (extremeSoFar(ctx, candidates, bounds)) return false;
    if (options.minPerTube <= 0) return true;
    const askedPerTube = new Map<number, number>();
    for (const answer of ctx.history) {
      const tube = index.tubeIndexOf.get(ctx.framework.challenges.get(answer.challengeId)?.tubeName ?? '');
      if (tube !== undefined) askedPerTube.set(tube, (askedPerTube.get(tube) ?? 0) + 1);
    }
    return candidates.every((c) => (askedPerTube.get(c.tube) ?? 0) >= options.minPerTube);
  }

  function boundsOf(ctx: AssessmentContext, index: CompetenceIndex, floors: ReadonlyMap<number, number>) {
    return guttmanBounds({ framework: ctx.framework, index, history: ctx.history, floors, highestLevel: settings.highestLevel });
  }

  function estimate(ctx: AssessmentContext, analysis: Analysis): ReturnType<typeof estimateOf> {
    const bounds = boundsOf(ctx, analysis.index, analysis.floors);
    return estimateOf({ framework: ctx.framework, index: analysis.index, analysis, floors: analysis.floors, highestLevel: settings.highestLevel, history: ctx.history, bounds, withinReading: options.stopRule === 'settled', outweighAbove: options.stopRule === 'settled' ? options.outweighFailureAbove : undefined });
  }

  return {
    name: options.stopRule === 'settled' ? PARTIX_BAYES : PARTIX_BAYES_SHORT,
    next,
    estimate: (full) => {
      const ctx = withMeasuredHistory(full);
      return estimate(ctx, analyse(ctx));
    },
    prepare(framework, only) {
      if (options.stopRule !== 'settled') return;
      for (const competenceId of only ? [only] : framework.competences.keys()) {
        // Solving from the empty test solves every box a test can reach.
        planOf(indexOf(framework, competenceId))?.fromStart();
      }
    },
    conclude(full, now) {
      const ctx = withMeasuredHistory(full);
      const analysis = analyse(ctx);
      const { states, failed } = estimate(ctx, analysis);
      return knowledgeForStates({ framework: ctx.framework, index: analysis.index, states, failed, history: ctx.history, knowledge: ctx.knowledge, now });
    },
  };

  /** The open question after which the fewest questions are expected; near ties drawn at random. */
  function plannedChoice(plan: SettlingPlan, candidates: readonly Candidate[], bounds: GuttmanBounds, random: () => number): Challenge {
    const costs = plan.costsOf(
      bounds.low,
      bounds.high,
      candidates.map((c) => ({ tube: c.tube, level: c.challenge.level })),
    );
    const best = Math.min(...costs);
    const near = candidates.filter((_, i) => costs[i]! <= best + options.planTie);
    return pickAtRandom(pickAtRandom(near, random).variants, random);
  }

  function candidatesOf(ctx: AssessmentContext, index: CompetenceIndex, floors: ReadonlyMap<number, number>): Candidate[] {
    return skillCandidates(ctx, index, floors, (c) => variantRank(c, options.parameters));
  }
}
