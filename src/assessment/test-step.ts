/**
 * What a test shows next, shared by every use case that moves a test: the challenge to ask (by the
 * test's own method), or the summary once there is none.
 */
import type { Challenge } from '../framework/model.js';
import { adviceFor, type Advice } from './advice.js';
import { randomSeed, type AssessmentDeps } from './deps.js';
import { discoveryChallenges } from './discovery.js';
import type { KnowledgeElement } from './knowledge.js';
import { likelyLevels, type LevelRange } from './level-range.js';
import { seededRandom } from './random.js';
import type { Assessment, StoredAnswer } from './model.js';
import { measuredHistory } from './measured.js';
import { failedInTest, resultNotes, type ResultNote } from './result-notes.js';
import { canImprove, scoreCompetence, type CompetenceScore } from './scoring.js';
import type { AdaptiveStrategy, AnsweredChallenge, AssessmentContext } from './strategy.js';

/** What the student sees next: the challenge to answer, or the end of the test. */
export interface TestStep {
  assessment: Assessment;
  challenge: Challenge | null;
  answered: number;
  resumed: boolean;
  summary: TestSummary | null;
}

/** One competence of a positioning sitting's result. */
export interface PositionedCompetence {
  competenceId: string;
  level: number;
  pix: number;
  confidence: number;
  /** The levels a student reads ("niveau 2 ou 3"): those that hold most of the probability (likelyLevels). */
  likely: LevelRange;
}

export interface TestSummary {
  kind: Assessment['kind'];
  /** Positioning only: the estimated level of every competence, with its certainty. */
  positions?: PositionedCompetence[];
  /** How sure the method is of the level shown, when it says (partix-bayes); null otherwise. */
  confidence?: number | null;
  competenceId: string | null;
  score: CompetenceScore | null;
  advice: Advice[];
  /** Where the result differs from the raw answers, and why (partix-bayes). */
  notes?: ResultNote[];
  /** Whether "retenter" can raise the score (canImprove): the summary suggests it only then. */
  improvable?: boolean;
  correct: number;
  answered: number;
}

/** A fresh but reproducible draw per turn: a replayed turn draws the same challenge. */
export function turnRandom(assessment: Assessment, answered: number): () => number {
  return seededRandom((assessment.seed + answered * 7919) >>> 0);
}

export function hasEstimate(strategy: AdaptiveStrategy): strategy is AdaptiveStrategy & { estimate(ctx: AssessmentContext): { confidence: number } } {
  return typeof (strategy as { estimate?: unknown }).estimate === 'function';
}

/** A test keeps the method it started with; one no longer offered falls back to the default. */
export function strategyOf(deps: AssessmentDeps, assessment: Assessment): AdaptiveStrategy {
  return deps.strategies[assessment.strategy] ?? deps.strategies[deps.defaultStrategy]!;
}

/** Finished or reset; an abandoned duplicate is not over for the student, whose kept test goes on. */
export function isOver(assessment: Assessment): boolean {
  return assessment.state === 'completed' || assessment.state === 'reset';
}

export function chooseNext(
  deps: AssessmentDeps,
  assessment: Assessment,
  history: readonly AnsweredChallenge[],
  knowledge: ReadonlyMap<string, KnowledgeElement>,
  /** Challenges the student answered before this test (seenBefore): unseen variants come first. */
  seen: ReadonlySet<string>,
): Challenge | null {
  if (assessment.kind === 'discovery') {
    const sequence = discoveryChallenges(deps.framework, assessment.seed, deps.settings.discoveryLength, seen);
    return sequence[history.length] ?? null;
  }
  if (assessment.kind === 'positioning') {
    return deps.positioning?.next({ framework: deps.framework, history, random: turnRandom(assessment, history.length), seen }) ?? null;
  }
  return strategyOf(deps, assessment).next({
    framework: deps.framework,
    competenceId: assessment.competenceId!,
    history,
    knowledge,
    random: turnRandom(assessment, history.length),
    seen,
  });
}

/** `known`: the student's knowledge of the test's competence when the caller has it (the turn that ended the test wrote it); read otherwise. */
export async function summarize(deps: AssessmentDeps, assessment: Assessment, answers: StoredAnswer[], known?: ReadonlyMap<string, KnowledgeElement>): Promise<TestSummary> {
  const correct = answers.filter((a) => a.status === 'ok').length;
  if (assessment.kind === 'discovery') {
    return { kind: 'discovery', competenceId: null, score: null, advice: [], correct, answered: answers.length };
  }
  if (assessment.kind === 'positioning') {
    const estimates = deps.positioning?.estimate({ framework: deps.framework, history: answers, random: turnRandom(assessment, answers.length) }) ?? new Map();
    const positions = [...estimates].map(([competenceId, e]) => ({
      competenceId,
      level: e.level,
      pix: e.pix,
      confidence: e.confidence,
      likely: likelyLevels(e.levelProbabilities),
    }));
    return { kind: 'positioning', competenceId: null, score: null, advice: [], correct, answered: answers.length, positions };
  }
  const competenceId = assessment.competenceId!;
  const knowledge = known ?? (await deps.assessments.knowledge(assessment.userId, competenceId));
  const score = scoreCompetence({ framework: deps.framework, competenceId, knowledge: knowledge.values(), maxLevel: deps.settings.highestLevel });
  const measured = measuredHistory(answers);
  return {
    kind: 'competence',
    competenceId,
    score,
    advice: adviceFor(deps.framework, competenceId, knowledge, failedInTest(deps.framework, competenceId, measured)),
    notes: resultNotes({ framework: deps.framework, competenceId, history: measured, knowledge }),
    improvable: canImprove(score, deps.settings.highestLevel),
    correct,
    answered: answers.length,
  };
}

/**
 * Asks the pending challenge again, or picks one when the pending one left the bank. `created`: the
 * test was just inserted, so it has no answers yet (nothing to read).
 */
export async function currentStep(deps: AssessmentDeps, assessment: Assessment, resumed: boolean, created = false): Promise<TestStep> {
  const answers = created ? [] : await deps.assessments.answers(assessment.id);
  if (assessment.state !== 'started') {
    return { assessment, challenge: null, answered: answers.length, resumed, summary: await summarize(deps, assessment, answers) };
  }
  const pending = assessment.pendingChallengeId ? deps.framework.challenges.get(assessment.pendingChallengeId) : undefined;
  if (pending && pending.status === 'validated') {
    if (!resumed) return { assessment, challenge: pending, answered: answers.length, resumed, summary: null };
    // The question is shown again: its timer starts again too, or a resumed timed question would
    // always come too late.
    const now = deps.clock();
    await deps.assessments.setPending(assessment.id, pending.id, now);
    return { assessment: { ...assessment, pendingSince: now, pendingActivityId: null }, challenge: pending, answered: answers.length, resumed, summary: null };
  }
  const knowledge = assessment.kind === 'competence' ? await deps.assessments.knowledge(assessment.userId, assessment.competenceId!) : new Map();
  const next = chooseNext(deps, assessment, answers, knowledge, await deps.assessments.seenBefore(assessment));
  const now = deps.clock();
  await deps.assessments.setPending(assessment.id, next?.id ?? null, now);
  // What setPending wrote: no need to read the test back.
  const updated: Assessment = next
    ? { ...assessment, pendingChallengeId: next.id, pendingSince: now, pendingActivityId: null }
    : { ...assessment, state: 'completed', pendingChallengeId: null, pendingSince: null, pendingActivityId: null, completedAt: now };
  if (!next) return { assessment: updated, challenge: null, answered: answers.length, resumed, summary: await summarize(deps, updated, answers) };
  return { assessment: updated, challenge: next, answered: answers.length, resumed, summary: null };
}

/** A sitting that is not one competence's test (discovery, positioning): resumed while it runs. */
export async function startSitting({ userId, kind, deps }: { userId: string; kind: 'discovery' | 'positioning'; deps: AssessmentDeps }): Promise<TestStep> {
  const latest = await deps.assessments.latest(userId, kind, null);
  if (latest?.state === 'started') return currentStep(deps, latest, true);
  const { assessment, created } = await deps.assessments.start({ userId, kind, competenceId: null, strategy: kind, pass: 1, seed: randomSeed(deps), now: deps.clock() });
  return currentStep(deps, assessment, !created, created);
}
