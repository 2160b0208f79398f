/**
 * Fits each challenge's difficulty and discrimination from real answers, for the partix-bayes model.
 *
 * Expectation–maximisation: with the current parameters, each sitting (one test on one competence)
 * gives a posterior over each tube's state and the student's carefulness profile; each challenge's
 * (a, δ) is then moved to best explain its answers under those posteriors, and again, until stable.
 * A weak prior keeps the fit near the skill's level when the answers say little, and a fit replaces
 * the current parameters only when it explains the answers markedly better (likelihood ratio): on
 * simulated students whose challenges all sit at their level, unguarded fits drifted by a few
 * tenths (noise, and the gap between the model's prior and the population) and made tests longer
 * for nothing. Adaptive tests choose challenges from earlier answers only, so this likelihood stays
 * valid on their data.
 *
 * Nothing is lost: a challenge with too few answers keeps its parameters and says so; a fit out of
 * range is refused (PARAMETER_BOUNDS) and the old parameters stay.
 */
import type { Framework } from '../framework/model.js';
import { observationsOf } from './bayes-evidence.js';
import { profileWeights } from './bayes-analysis.js';
import {
  competenceIndex,
  competencePosterior,
  DEFAULT_MODEL_SETTINGS,
  modelGrid,
  STATE_COUNT,
  thetaPrior,
  tubeEvidence,
  tubeStatePosterior,
  type CompetenceIndex,
  type ModelSettings,
} from './bayes-model.js';
import { sigmoid } from './irt.js';
import type { AnswerStatus } from '../assessment/answers.js';
import {
  defaultItemParameters,
  guessRate,
  itemParametersOf,
  parameterProblems,
  type ItemParameterLookup,
  type ItemParameters,
} from './item-parameters.js';

export interface AnswerRecord {
  /** One sitting: answers of one test (assessment) on one competence belong together. */
  sittingId: string;
  challengeId: string;
  status: AnswerStatus;
}

export interface CalibrationOptions {
  /** A challenge is fitted only with at least this many answers. */
  minAnswers: number;
  iterations: number;
  model: ModelSettings;
  /** Prior sd of the difficulty around level − 0.5, and of log(discrimination) around its default. */
  difficultySd: number;
  logDiscriminationSd: number;
  /** Twice the log-likelihood gain a fit must bring to replace the current parameters (13.8: χ², 2 df, p = 0.001). */
  evidenceThreshold: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  minAnswers: 100,
  iterations: 15,
  model: DEFAULT_MODEL_SETTINGS,
  difficultySd: 0.25,
  logDiscriminationSd: 0.3,
  evidenceThreshold: 13.8,
};

export type ChangeStatus = 'updated' | 'too-few-answers' | 'no-evidence' | 'out-of-range';

export interface ParameterChange {
  challengeId: string;
  answers: number;
  status: ChangeStatus;
  before: ItemParameters;
  /** The fitted values (also when refused, to show why). */
  fitted: ItemParameters | null;
  /** French, for the operator. */
  reason: string | null;
}

export interface CalibrationResult {
  answers: number;
  sittings: number;
  changes: ParameterChange[];
  /** Parameters after calibration: the updated ones plus every unchanged one from `current`. */
  parameters: Map<string, ItemParameters>;
}

interface Sitting {
  index: CompetenceIndex;
  history: Array<{ challengeId: string; skillId: string; status: AnswerStatus }>;
}

/** Per challenge, per profile and state: expected count of right and wrong answers. */
interface Counts {
  right: Float64Array[];
  wrong: Float64Array[];
  answers: number;
}

export function calibrate(args: {
  framework: Framework;
  answers: readonly AnswerRecord[];
  current?: ItemParameterLookup;
  options?: Partial<CalibrationOptions>;
}): CalibrationResult {
  const { framework, answers } = args;
  const options: CalibrationOptions = { ...DEFAULT_CALIBRATION_OPTIONS, ...args.options };
  const settings = options.model;
  const grid = modelGrid(settings);
  const prior = thetaPrior(grid);
  const sittings = groupSittings(framework, answers, settings.highestLevel);
  const answerCounts = new Map<string, number>();
  for (const s of sittings) for (const a of s.history) answerCounts.set(a.challengeId, (answerCounts.get(a.challengeId) ?? 0) + 1);
  const fitted = [...answerCounts].filter(([, n]) => n >= options.minAnswers).map(([id]) => id);

  let parameters = new Map<string, ItemParameters>(args.current ?? []);
  for (let iteration = 0; iteration < options.iterations && fitted.length > 0; iteration++) {
    const counts = expectedCounts({ framework, sittings, parameters, settings, grid, prior });
    const next = new Map(parameters);
    let moved = 0;
    for (const id of fitted) {
      const challenge = framework.challenges.get(id)!;
      const before = itemParametersOf(challenge, parameters);
      const after = maximise({ counts: counts.get(id)!, start: before, anchor: defaultItemParameters(challenge), guess: guessRate(challenge), settings, options });
      moved = Math.max(moved, Math.abs(after.difficulty - before.difficulty), Math.abs(Math.log(after.discrimination / before.discrimination)));
      next.set(id, after);
    }
    parameters = next;
    if (moved < 1e-3) break;
  }
  // Nothing changes without evidence: a fit that explains the answers hardly better than the
  // current parameters (likelihood ratio below the threshold) is noise, and noise only blurs items.
  const finalCounts = fitted.length > 0 ? expectedCounts({ framework, sittings, parameters, settings, grid, prior }) : new Map<string, Counts>();
  const evidence = new Map<string, number>();
  for (const id of fitted) {
    const challenge = framework.challenges.get(id)!;
    const counts = finalCounts.get(id)!;
    const guess = guessRate(challenge);
    const gain =
      expectedLogLikelihood({ counts, parameters: parameters.get(id)!, guess, settings }) -
      expectedLogLikelihood({ counts, parameters: itemParametersOf(challenge, args.current), guess, settings });
    evidence.set(id, 2 * gain);
  }

  const result = new Map<string, ItemParameters>(args.current ?? []);
  const changes: ParameterChange[] = [];
  for (const [id, n] of [...answerCounts].sort(([a], [b]) => a.localeCompare(b))) {
    const challenge = framework.challenges.get(id)!;
    const before = itemParametersOf(challenge, args.current);
    if (n < options.minAnswers) {
      changes.push({ challengeId: id, answers: n, status: 'too-few-answers', before, fitted: null, reason: `${n} réponse(s), il en faut au moins ${options.minAnswers}` });
      continue;
    }
    const after = parameters.get(id)!;
    const ratio = evidence.get(id) ?? 0;
    if (ratio < options.evidenceThreshold) {
      changes.push({
        challengeId: id,
        answers: n,
        status: 'no-evidence',
        before,
        fitted: after,
        reason: `les réponses s'accordent avec les paramètres actuels (2·Δlog-vraisemblance ${ratio.toFixed(1)} < ${options.evidenceThreshold})`,
      });
      continue;
    }
    const problems = parameterProblems(after);
    if (problems.length > 0) {
      changes.push({ challengeId: id, answers: n, status: 'out-of-range', before, fitted: after, reason: problems.join(' ; ') });
      continue;
    }
    result.set(id, after);
    changes.push({ challengeId: id, answers: n, status: 'updated', before, fitted: after, reason: null });
  }
  return { answers: sittings.reduce((n, s) => n + s.history.length, 0), sittings: sittings.length, changes, parameters: result };
}

/** Answers grouped per sitting and competence; answers on challenges no longer in the bank are left out. */
function groupSittings(framework: Framework, answers: readonly AnswerRecord[], highestLevel: number): Sitting[] {
  const indexes = new Map<string, CompetenceIndex>();
  const bySitting = new Map<string, Sitting>();
  for (const a of answers) {
    const challenge = framework.challenges.get(a.challengeId);
    if (!challenge) continue;
    let index = indexes.get(challenge.competenceId);
    if (!index) indexes.set(challenge.competenceId, (index = competenceIndex(framework, challenge.competenceId, highestLevel)));
    const key = `${a.sittingId}\u0000${challenge.competenceId}`;
    let sitting = bySitting.get(key);
    if (!sitting) bySitting.set(key, (sitting = { index, history: [] }));
    sitting.history.push({ challengeId: a.challengeId, skillId: challenge.skillId, status: a.status });
  }
  return [...bySitting.values()];
}

/** E-step: per challenge, the expected right and wrong answers in each (profile, state). */
function expectedCounts(args: {
  framework: Framework;
  sittings: readonly Sitting[];
  parameters: ItemParameterLookup;
  settings: ModelSettings;
  grid: ReturnType<typeof modelGrid>;
  prior: Float64Array;
}): Map<string, Counts> {
  const { framework, sittings, parameters, settings, grid, prior } = args;
  const P = settings.profiles.length;
  const counts = new Map<string, Counts>();
  // Rows change with the parameters, so each iteration has its own cache.
  const cache = new WeakMap();
  for (const sitting of sittings) {
    const { index, history } = sitting;
    const observations = observationsOf({ framework, index, history, settings, parameters, cache });
    const posteriors = settings.profiles.map((_, profile) =>
      competencePosterior({ index, grid, prior, evidence: tubeEvidence({ observations, tubeCount: index.tubes.length, profile }) }),
    );
    const { weights } = profileWeights(
      settings.profiles.map((p) => p.weight),
      posteriors.map((p) => p.logEvidence),
    );
    const states = posteriors.map((posterior) => index.tubes.map((_, t) => tubeStatePosterior(grid, posterior, t)));
    for (const answer of history) {
      const challenge = framework.challenges.get(answer.challengeId)!;
      const tube = index.tubeIndexOf.get(challenge.tubeName);
      if (tube === undefined) continue;
      let c = counts.get(answer.challengeId);
      if (!c) {
        c = { right: Array.from({ length: P }, () => new Float64Array(STATE_COUNT)), wrong: Array.from({ length: P }, () => new Float64Array(STATE_COUNT)), answers: 0 };
        counts.set(answer.challengeId, c);
      }
      c.answers += 1;
      const target = answer.status === 'ok' ? c.right : c.wrong;
      for (let p = 0; p < P; p++) {
        const q = states[p]![tube]!;
        for (let k = 0; k < STATE_COUNT; k++) target[p]![k]! += weights[p]! * q[k]!;
      }
    }
  }
  return counts;
}

/** Σ over profiles and states of the expected right and wrong answers × log P(answer | state). */
function expectedLogLikelihood(args: { counts: Counts; parameters: ItemParameters; guess: number; settings: ModelSettings }): number {
  const { counts, parameters, guess, settings } = args;
  let value = 0;
  settings.profiles.forEach((profile, p) => {
    const g = guess * profile.guessFactor;
    for (let k = 0; k < STATE_COUNT; k++) {
      const z = parameters.discrimination * (k - parameters.difficulty);
      const prob = Math.min(1 - 1e-12, Math.max(1e-12, g + (1 - profile.slip - g) * sigmoid(z)));
      value += counts.right[p]![k]! * Math.log(prob) + counts.wrong[p]![k]! * Math.log(1 - prob);
    }
  });
  return value;
}

/**
 * M-step for one challenge: maximise the expected log-likelihood plus the log prior over
 * (δ, log a), by gradient ascent with step halving (two parameters, 18 terms: cheap and sure).
 */
function maximise(args: {
  counts: Counts;
  start: ItemParameters;
  anchor: ItemParameters;
  guess: number;
  settings: ModelSettings;
  options: CalibrationOptions;
}): ItemParameters {
  const { counts, anchor, guess, settings, options } = args;
  const objective = (difficulty: number, logA: number) =>
    -0.5 * ((difficulty - anchor.difficulty) / options.difficultySd) ** 2 -
    0.5 * ((logA - Math.log(anchor.discrimination)) / options.logDiscriminationSd) ** 2 +
    expectedLogLikelihood({ counts, parameters: { difficulty, discrimination: Math.exp(logA) }, guess, settings });
  let d = args.start.difficulty;
  let l = Math.log(args.start.discrimination);
  let current = objective(d, l);
  let step = 0.1;
  for (let iteration = 0; iteration < 300 && step > 1e-6; iteration++) {
    const h = 1e-5;
    const gd = (objective(d + h, l) - objective(d - h, l)) / (2 * h);
    const gl = (objective(d, l + h) - objective(d, l - h)) / (2 * h);
    const norm = Math.hypot(gd, gl);
    if (norm < 1e-7) break;
    const nd = d + (step * gd) / norm;
    const nl = l + (step * gl) / norm;
    const value = objective(nd, nl);
    if (value > current) {
      d = nd;
      l = nl;
      current = value;
      step *= 1.5;
    } else step /= 2;
  }
  return { discrimination: Math.exp(l), difficulty: d };
}
