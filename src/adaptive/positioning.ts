/**
 * The whole-profile positioning test (the seed's end-of-year "positionnement"): one sitting that
 * estimates every competence. Sixteen separate tests would take a hundred challenges; here the
 * competences inform each other through a general ability g (a student good at 1.1 is likely good
 * at 1.2), so a few answers per competence are enough to place each within a level.
 *
 * Model: g ~ N(μ, ρσ²); each competence's ability θ_c ~ N(g, (1 − ρ)σ²); under θ_c, the competence
 * model of bayes-model.ts. The carefulness profile is the student's, shared by all competences.
 * Each turn: the competence least certain within a level (and not asked in the last turns) is
 * chosen, then its most informative challenge. Stateless, like the competence test.
 */
import { PIX_PER_LEVEL, type Challenge, type Framework } from '../framework/model.js';
import { mixProfiles, profileWeights } from './bayes-analysis.js';
import { chooseChallenge, skillCandidates, variantRank } from './bayes-candidates.js';
import { estimateOf, knowledgeForStates } from './bayes-conclusion.js';
import { guttmanBounds } from './bayes-consistency.js';
import { observationsOf, type RowCache } from './bayes-evidence.js';
import {
  competenceIndex,
  competencePosterior,
  DEFAULT_MODEL_SETTINGS,
  modelGrid,
  tubeEvidence,
  type CompetenceIndex,
  type CompetencePosterior,
  type ModelSettings,
} from './bayes-model.js';
import { pixMoments } from './bayes-levels.js';
import { normalCdf, normalPdf } from './irt.js';
import type { ItemParameterLookup } from './item-parameters.js';
import type { KnowledgeElement } from '../assessment/knowledge.js';
import { withMeasuredHistory } from '../assessment/measured.js';
import { FIRST_QUESTION_MAX_LEVEL } from './bayes-strategy.js';
import type { AnsweredChallenge, CompetenceEstimate, PositioningContext, PositioningStrategy } from '../assessment/strategy.js';

export const PARTIX_POSITIONING = 'partix-positioning';

export interface PositioningOptions {
  model: ModelSettings;
  parameters?: ItemParameterLookup;
  /** Correlation between two competences of a student, as the model assumes it. */
  correlation: number;
  /** Competences to place; all that have tubes by default. */
  competenceIds?: readonly string[];
  /** Length of the sitting: at most this many challenges. */
  maxLength: number;
  /** It may end sooner once every competence is within a level with this probability. */
  withinOneTarget: number;
  /** A competence is not asked again before this many other challenges (flash's rule, spec §4). */
  spacing: number;
  tieMargin: number;
}

export const DEFAULT_POSITIONING_OPTIONS: PositioningOptions = {
  model: DEFAULT_MODEL_SETTINGS,
  correlation: 0.5,
  maxLength: 48,
  withinOneTarget: 0.97,
  spacing: 2,
  tieMargin: 0.05,
};


export type PositioningOverrides = Partial<Omit<PositioningOptions, 'model'>> & { model?: Partial<ModelSettings> };


interface CompetenceState {
  id: string;
  index: CompetenceIndex;
  /** Per noise profile: the posterior under the competence's prior given all other answers. */
  posteriors: CompetencePosterior[];
}

export function createPositioning(overrides: PositioningOverrides = {}): PositioningStrategy {
  const options: PositioningOptions = { ...DEFAULT_POSITIONING_OPTIONS, ...overrides, model: { ...DEFAULT_POSITIONING_OPTIONS.model, ...overrides.model } };
  const settings = options.model;
  const grid = modelGrid(settings);
  const G = grid.theta.length;
  const sharedSd = settings.priorSd * Math.sqrt(options.correlation);
  const ownSd = settings.priorSd * Math.sqrt(1 - options.correlation);
  const generalPrior = grid.theta.map((g) => normalPdf(g, settings.priorMean, sharedSd));
  // P(θ_c | g) on the grid, row g: a competence's ability around the general one.
  const own = new Float64Array(G * G);
  for (let g = 0; g < G; g++) {
    let total = 0;
    for (let t = 0; t < G; t++) total += own[g * G + t] = normalPdf(grid.theta[t]!, grid.theta[g]!, ownSd);
    for (let t = 0; t < G; t++) own[g * G + t]! /= total;
  }
  const uniform = new Float64Array(G).fill(1 / G);
  // Derived from the framework only; see createPartixBayes.
  const indexes = new WeakMap<Framework, CompetenceIndex[]>();
  const rows: RowCache = new WeakMap();

  function indexesOf(framework: Framework): CompetenceIndex[] {
    let list = indexes.get(framework);
    if (!list) {
      const ids = options.competenceIds ?? [...framework.competences.keys()];
      list = ids.map((id) => competenceIndex(framework, id, settings.highestLevel)).filter((i) => i.tubes.length > 0);
      indexes.set(framework, list);
    }
    return list;
  }

  /** Every competence's posterior, each under the prior that the other competences' answers give it. */
  function analyse(ctx: PositioningContext): { competences: CompetenceState[]; weights: number[] } {
    const list = indexesOf(ctx.framework);
    const perCompetence = list.map((index) => {
      const history = ctx.history.filter((a) => ctx.framework.challenges.get(a.challengeId)?.competenceId === index.competenceId);
      const observations = observationsOf({ framework: ctx.framework, index, history, settings, parameters: options.parameters, cache: rows });
      return settings.profiles.map((_, profile) => tubeEvidence({ observations, tubeCount: index.tubes.length, profile }));
    });
    const profileLogs: number[] = [];
    const posteriors: CompetencePosterior[][] = list.map(() => []);
    settings.profiles.forEach((_, profile) => {
      // log Σ_θ P(θ_c | g)·P(answers_c | θ_c), per competence and g.
      const logMessages = list.map((index, c) => {
        const flat = competencePosterior({ index, grid, prior: uniform, evidence: perCompetence[c]![profile]! });
        const likelihood = new Float64Array(G);
        for (let t = 0; t < G; t++) likelihood[t] = flat.theta[t]!;
        const scale = flat.logEvidence + Math.log(G);
        const out = new Float64Array(G);
        for (let g = 0; g < G; g++) {
          let sum = 0;
          for (let t = 0; t < G; t++) sum += own[g * G + t]! * likelihood[t]!;
          out[g] = Math.log(Math.max(sum, 1e-300)) + scale;
        }
        return out;
      });
      const total = new Float64Array(G);
      for (let g = 0; g < G; g++) {
        total[g] = Math.log(generalPrior[g]!);
        for (const m of logMessages) total[g]! += m[g]!;
      }
      profileLogs.push(logSumExp(total));
      list.forEach((index, c) => {
        const cavity = new Float64Array(G);
        let top = Number.NEGATIVE_INFINITY;
        for (let g = 0; g < G; g++) top = Math.max(top, (cavity[g] = total[g]! - logMessages[c]![g]!));
        const prior = new Float64Array(G);
        for (let g = 0; g < G; g++) {
          const w = Math.exp(cavity[g]! - top);
          if (w < 1e-12) continue;
          for (let t = 0; t < G; t++) prior[t]! += w * own[g * G + t]!;
        }
        posteriors[c]!.push(competencePosterior({ index, grid, prior, evidence: perCompetence[c]![profile]! }));
      });
    });
    const { weights } = profileWeights(
      settings.profiles.map((p) => p.weight),
      profileLogs,
    );
    return { competences: list.map((index, c) => ({ id: index.competenceId, index, posteriors: posteriors[c]! })), weights };
  }

  /** Normal approximation of P(level within one of the most probable): cheap enough for all 16 each turn. */
  function withinOne(state: CompetenceState, weights: readonly number[]): number {
    let mean = 0;
    let second = 0;
    state.posteriors.forEach((p, i) => {
      const m = pixMoments(grid, p);
      mean += weights[i]! * m.pixMean;
      second += weights[i]! * (m.pixSd ** 2 + m.pixMean ** 2);
    });
    const sd = Math.max(Math.sqrt(Math.max(0, second - mean * mean)), 1e-6);
    const H = settings.highestLevel;
    const cdf = (level: number) => (level < 0 ? 0 : level >= H ? 1 : normalCdf((PIX_PER_LEVEL * (level + 1) - mean) / sd));
    let best = 0;
    for (let level = 0; level <= H; level++) best = Math.max(best, cdf(level + 1) - cdf(level - 2));
    return best;
  }

  function estimates(ctx: PositioningContext): Map<string, CompetenceEstimate> {
    const { competences, weights } = analyse(ctx);
    return new Map(
      competences.map((c) => {
        const history = ctx.history.filter((a) => ctx.framework.challenges.get(a.challengeId)?.competenceId === c.id);
        const analysis = mixProfiles({ index: c.index, grid, posteriors: c.posteriors, weights });
        const floors = new Map<number, number>();
        const bounds = guttmanBounds({ framework: ctx.framework, index: c.index, history, floors, highestLevel: settings.highestLevel });
        return [c.id, estimateOf({ framework: ctx.framework, index: c.index, analysis, floors, highestLevel: settings.highestLevel, history, bounds, withinReading: false })];
      }),
    );
  }

  return {
    name: PARTIX_POSITIONING,
    maxLength: options.maxLength,
    next(full) {
      if (full.history.length >= options.maxLength) return null;
      const ctx = withMeasuredHistory(full);
      const { competences, weights } = analyse(ctx);
      const recent = new Set(
        ctx.history.slice(-options.spacing).map((a) => ctx.framework.challenges.get(a.challengeId)?.competenceId),
      );
      const open = competences
        .map((c) => ({ c, candidates: skillCandidates(ctx, c.index, new Map(), (x) => variantRank(x, options.parameters)), certainty: withinOne(c, weights) }))
        .filter((o) => o.candidates.length > 0);
      if (open.length === 0) return null;
      if (open.every((o) => o.certainty >= options.withinOneTarget)) return null;
      const allowed = open.filter((o) => !recent.has(o.c.id));
      const pool = allowed.length > 0 ? allowed : open;
      const target = pool.reduce((a, b) => (b.certainty < a.certainty - 1e-12 ? b : a));
      const analysis = mixProfiles({ index: target.c.index, grid, posteriors: target.c.posteriors, weights });
      // A competence's first question is a gentle one, as in a competence test.
      const firstInCompetence = !full.history.some((a) => full.framework.challenges.get(a.challengeId)?.competenceId === target.c.id);
      const gentle = firstInCompetence ? target.candidates.filter((c) => c.challenge.level <= FIRST_QUESTION_MAX_LEVEL) : [];
      return chooseChallenge({
        analysis,
        candidates: gentle.length > 0 ? gentle : target.candidates,
        settings,
        parameters: options.parameters,
        rows,
        criterion: 'information',
        tieMargin: options.tieMargin,
        random: ctx.random,
      }).challenge;
    },
    estimate: (full) => estimates(withMeasuredHistory(full)),
    conclude(full, now) {
      const ctx = withMeasuredHistory(full);
      const elements: KnowledgeElement[] = [];
      for (const [id, estimate] of estimates(ctx)) {
        const index = indexesOf(ctx.framework).find((i) => i.competenceId === id)!;
        const history = ctx.history.filter((a) => ctx.framework.challenges.get(a.challengeId)?.competenceId === id);
        elements.push(...knowledgeForStates({ framework: ctx.framework, index, states: estimate.states, history, knowledge: ctx.knowledge, now }));
      }
      return elements;
    },
  };
}

function logSumExp(values: Float64Array): number {
  let top = Number.NEGATIVE_INFINITY;
  for (const v of values) top = Math.max(top, v);
  if (!Number.isFinite(top)) return top;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - top);
  return top + Math.log(sum);
}

