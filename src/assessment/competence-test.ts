/**
 * The use cases of a test: start or resume, answer or skip, improve ("retenter"), reset ("remettre à
 * zéro"), and the discovery test. Each reads as the story of the feature; other outcomes are domain errors.
 */
import type { Challenge, Framework } from '../framework/model.js';
import { answerStatus, parseAnswer, serializeAnswer, type AnswerStatus } from './answers.js';
import {
  AssessmentNotFoundError,
  ChallengeNotPendingError,
  CompetenceFinishedError,
  ImproveNotAvailableError,
  ResetNotAvailableError,
  UnknownCompetenceError,
} from './errors.js';
import { inferKnowledge, type KnowledgeElement } from './knowledge.js';
import { seededRandom } from './random.js';
import { AssessmentRepository, DuplicateAnswerError, type Assessment, type StoredAnswer } from './repository.js';
import { scoreCompetence, type CompetenceScore } from './scoring.js';
import type { AdaptiveStrategy, AnsweredChallenge, AssessmentContext, PositioningStrategy } from './strategy.js';
import { adviceFor, type Advice } from './advice.js';
import { discoveryChallenges } from './discovery.js';

export interface AssessmentSettings {
  highestLevel: number;
  improveDelayDays: number;
  resetDelayDays: number;
  timerGraceSeconds: number;
  discoveryLength: number;
}

export interface AssessmentDeps {
  framework: Framework;
  assessments: AssessmentRepository;
  strategies: Record<string, AdaptiveStrategy>;
  defaultStrategy: string;
  /** The whole-profile sitting; absent, the positioning test is not offered. */
  positioning?: PositioningStrategy;
  settings: AssessmentSettings;
  clock: () => Date;
  newSeed?: () => number;
}

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
  correct: number;
  answered: number;
}

export interface AnswerOutcome {
  challenge: Challenge;
  status: AnswerStatus;
  /** The student's answer as stored, for the card that replaces the question. */
  value: string;
  levelUp: { from: number; to: number } | null;
  /** A retried delivery of an activity already recorded: nothing new was stored. */
  replay: boolean;
  next: TestStep;
}

const DAY_MS = 24 * 3600 * 1000;

function daysRemaining(since: Date, delayDays: number, now: Date): number {
  return Math.max(0, Math.ceil((since.getTime() + delayDays * DAY_MS - now.getTime()) / DAY_MS));
}

function randomSeed(deps: AssessmentDeps): number {
  return deps.newSeed ? deps.newSeed() : Math.floor(Math.random() * 2 ** 31);
}

/** A fresh but reproducible draw per turn: a replayed turn draws the same challenge. */
function turnRandom(assessment: Assessment, answered: number): () => number {
  return seededRandom((assessment.seed + answered * 7919) >>> 0);
}

function hasEstimate(strategy: AdaptiveStrategy): strategy is AdaptiveStrategy & { estimate(ctx: AssessmentContext): { confidence: number } } {
  return typeof (strategy as { estimate?: unknown }).estimate === 'function';
}

function strategyOf(deps: AssessmentDeps, assessment: Assessment): AdaptiveStrategy {
  return deps.strategies[assessment.strategy] ?? deps.strategies[deps.defaultStrategy]!;
}

function requireCompetence(deps: AssessmentDeps, competenceId: string) {
  if (!deps.framework.competences.has(competenceId)) throw new UnknownCompetenceError(competenceId);
}

function chooseNext(
  deps: AssessmentDeps,
  assessment: Assessment,
  history: readonly AnsweredChallenge[],
  knowledge: ReadonlyMap<string, KnowledgeElement>,
): Challenge | null {
  if (assessment.kind === 'discovery') {
    const sequence = discoveryChallenges(deps.framework, assessment.seed, deps.settings.discoveryLength);
    return sequence[history.length] ?? null;
  }
  if (assessment.kind === 'positioning') {
    return deps.positioning?.next({ framework: deps.framework, history, random: turnRandom(assessment, history.length) }) ?? null;
  }
  return strategyOf(deps, assessment).next({
    framework: deps.framework,
    competenceId: assessment.competenceId!,
    history,
    knowledge,
    random: turnRandom(assessment, history.length),
  });
}

async function summarize(deps: AssessmentDeps, assessment: Assessment, answers: StoredAnswer[]): Promise<TestSummary> {
  const correct = answers.filter((a) => a.status === 'ok').length;
  if (assessment.kind === 'discovery') {
    return { kind: 'discovery', competenceId: null, score: null, advice: [], correct, answered: answers.length };
  }
  if (assessment.kind === 'positioning') {
    const estimates = deps.positioning?.estimate({ framework: deps.framework, history: answers, random: turnRandom(assessment, answers.length) }) ?? new Map();
    const positions = [...estimates].map(([competenceId, e]) => ({ competenceId, level: e.level, pix: e.pix, confidence: e.confidence }));
    return { kind: 'positioning', competenceId: null, score: null, advice: [], correct, answered: answers.length, positions };
  }
  const competenceId = assessment.competenceId!;
  const knowledge = await deps.assessments.knowledge(assessment.userId, competenceId);
  return {
    kind: 'competence',
    competenceId,
    score: scoreCompetence({ framework: deps.framework, competenceId, knowledge: knowledge.values(), maxLevel: deps.settings.highestLevel }),
    advice: adviceFor(deps.framework, competenceId, knowledge),
    correct,
    answered: answers.length,
  };
}

/** Asks the pending challenge again, or picks one when the pending one left the bank. */
async function currentStep(deps: AssessmentDeps, assessment: Assessment, resumed: boolean): Promise<TestStep> {
  const answers = await deps.assessments.answers(assessment.id);
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
  const next = chooseNext(deps, assessment, answers, knowledge);
  const now = deps.clock();
  await deps.assessments.setPending(assessment.id, next?.id ?? null, now);
  const updated = (await deps.assessments.find(assessment.id))!;
  if (!next) return { assessment: updated, challenge: null, answered: answers.length, resumed, summary: await summarize(deps, updated, answers) };
  return { assessment: updated, challenge: next, answered: answers.length, resumed, summary: null };
}

export async function startCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<TestStep> {
  requireCompetence(deps, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (latest?.state === 'started') return currentStep(deps, latest, true);
  if (latest?.state === 'completed') {
    const score = await competenceScoreOf(deps, userId, competenceId);
    const last = (await deps.assessments.lastAnswerAt(userId, competenceId)) ?? latest.completedAt ?? deps.clock();
    throw new CompetenceFinishedError(competenceId, daysRemaining(last, deps.settings.improveDelayDays, deps.clock()), score.level >= deps.settings.highestLevel);
  }
  const { assessment, created } = await deps.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: deps.defaultStrategy,
    pass: 1,
    seed: randomSeed(deps),
    now: deps.clock(),
  });
  // A click that lost the race to another resumes the test the winner started: same question.
  return currentStep(deps, assessment, !created);
}

/** The test a student has in progress, if any (for "reprendre" without naming the competence). */
export async function resumeTest({ userId, assessmentId, deps }: { userId: string; assessmentId: string; deps: AssessmentDeps }): Promise<TestStep> {
  const assessment = await ownedAssessment(deps, userId, assessmentId);
  // A duplicate set aside by migration 005: the student goes on with the test that was kept.
  const kept = assessment.state === 'abandoned' ? await deps.assessments.latest(userId, assessment.kind, assessment.competenceId) : null;
  return currentStep(deps, kept ?? assessment, true);
}

/** A sitting that is not one competence's test (discovery, positioning): resumed while it runs. */
async function startSitting(deps: AssessmentDeps, userId: string, kind: 'discovery' | 'positioning'): Promise<TestStep> {
  const latest = await deps.assessments.latest(userId, kind, null);
  if (latest?.state === 'started') return currentStep(deps, latest, true);
  const { assessment, created } = await deps.assessments.start({ userId, kind, competenceId: null, strategy: kind, pass: 1, seed: randomSeed(deps), now: deps.clock() });
  return currentStep(deps, assessment, !created);
}

export async function startDiscovery({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<TestStep> {
  return startSitting(deps, userId, 'discovery');
}

/** The end-of-year positioning: one sitting that estimates all 16 competences. */
export async function startPositioning({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<TestStep> {
  if (!deps.positioning) throw new UnknownCompetenceError('positioning');
  return startSitting(deps, userId, 'positioning');
}

/** Finished or reset; an abandoned duplicate is not over for the student, whose kept test goes on. */
function isOver(assessment: Assessment): boolean {
  return assessment.state === 'completed' || assessment.state === 'reset';
}

async function ownedAssessment(deps: AssessmentDeps, userId: string, assessmentId: string): Promise<Assessment> {
  const assessment = await deps.assessments.find(assessmentId);
  if (!assessment || assessment.userId !== userId) throw new AssessmentNotFoundError();
  return assessment;
}

async function competenceScoreOf(deps: AssessmentDeps, userId: string, competenceId: string): Promise<CompetenceScore> {
  const knowledge = await deps.assessments.knowledge(userId, competenceId);
  return scoreCompetence({ framework: deps.framework, competenceId, knowledge: knowledge.values(), maxLevel: deps.settings.highestLevel });
}

/**
 * Records the student's answer (or skip) to the pending challenge and moves the test on. A retried
 * delivery of the same activity replays the outcome without recording anything twice.
 */
export async function answerChallenge({
  userId,
  assessmentId,
  challengeId,
  raw,
  skip,
  activityId,
  deps,
}: {
  userId: string;
  assessmentId: string;
  challengeId: string;
  raw: Record<string, unknown>;
  skip: boolean;
  activityId: string | null;
  deps: AssessmentDeps;
}): Promise<AnswerOutcome> {
  const assessment = await ownedAssessment(deps, userId, assessmentId);
  const answers = await deps.assessments.answers(assessment.id);
  const previous = answers.find((a) => a.challengeId === challengeId);
  if (previous) return replay(deps, assessment, previous, activityId);
  if (assessment.state !== 'started' || assessment.pendingChallengeId !== challengeId) {
    throw new ChallengeNotPendingError(isOver(assessment));
  }
  const challenge = deps.framework.challenges.get(challengeId);
  if (!challenge) throw new ChallengeNotPendingError(false);

  const now = deps.clock();
  const elapsedSeconds = assessment.pendingSince ? Math.round((now.getTime() - assessment.pendingSince.getTime()) / 1000) : null;
  let status: AnswerStatus = 'skipped';
  let value = '';
  if (!skip) {
    const answer = parseAnswer(challenge, raw);
    value = serializeAnswer(answer);
    status = answerStatus({ challenge, answer, elapsedSeconds: elapsedSeconds ?? undefined, graceSeconds: deps.settings.timerGraceSeconds });
  }

  const isCompetence = assessment.kind === 'competence';
  const knowledgeBefore = isCompetence ? await deps.assessments.knowledge(userId, assessment.competenceId!) : new Map<string, KnowledgeElement>();
  const newKnowledge = isCompetence
    ? inferKnowledge({ framework: deps.framework, skillId: challenge.skillId, success: status === 'ok', current: knowledgeBefore, now })
    : [];
  const knowledgeAfter = new Map(knowledgeBefore);
  for (const k of newKnowledge) knowledgeAfter.set(k.skillId, k);
  const history = [...answers, { challengeId, skillId: challenge.skillId, status }];
  const next = chooseNext(deps, assessment, history, knowledgeAfter);
  // A method with its own estimate (partix-bayes) writes it as knowledge when the test ends, over
  // what each answer inferred; its certainty is shown on the summary.
  let confidence: number | null = null;
  if (!next && isCompetence) {
    const strategy = strategyOf(deps, assessment);
    const ctx = { framework: deps.framework, competenceId: assessment.competenceId!, history, knowledge: knowledgeAfter, random: turnRandom(assessment, history.length) };
    confidence = hasEstimate(strategy) ? strategy.estimate(ctx).confidence : null;
    for (const k of strategy.conclude?.(ctx, now) ?? []) {
      newKnowledge.push(k);
      knowledgeAfter.set(k.skillId, k);
    }
  }

  try {
    await deps.assessments.recordAnswer({
      assessment,
      challengeId,
      skillId: challenge.skillId,
      competenceId: assessment.competenceId,
      value,
      status,
      elapsedSeconds,
      activityId,
      knowledge: newKnowledge,
      next: next ? { challengeId: next.id } : null,
      now,
    });
  } catch (error) {
    if (!(error instanceof DuplicateAnswerError)) throw error;
    const recorded = (await deps.assessments.answers(assessment.id)).find((a) => a.challengeId === challengeId);
    if (recorded) return replay(deps, (await deps.assessments.find(assessment.id))!, recorded, activityId);
    throw new ChallengeNotPendingError(false);
  }

  const levelUp = isCompetence ? levelChange(deps, assessment.competenceId!, knowledgeBefore, knowledgeAfter) : null;
  // The transaction wrote exactly this: no need to read the test back.
  const updated: Assessment = next
    ? { ...assessment, pendingChallengeId: next.id, pendingSince: now, pendingActivityId: null }
    : { ...assessment, state: 'completed', pendingChallengeId: null, pendingSince: null, pendingActivityId: null, completedAt: now };
  const answered = history.length;
  const step: TestStep = next
    ? { assessment: updated, challenge: next, answered, resumed: false, summary: null }
    : { assessment: updated, challenge: null, answered, resumed: false, summary: { ...(await summarize(deps, updated, await deps.assessments.answers(assessment.id))), confidence } };
  return { challenge, status, value, levelUp, replay: false, next: step };
}

async function replay(deps: AssessmentDeps, assessment: Assessment, previous: StoredAnswer, activityId: string | null): Promise<AnswerOutcome> {
  // Only the same delivery replays; another click on an answered card is an outdated card.
  if (!activityId || previous.activityId !== activityId) throw new ChallengeNotPendingError(isOver(assessment));
  const challenge = deps.framework.challenges.get(previous.challengeId)!;
  return {
    challenge,
    status: previous.status,
    value: previous.value,
    levelUp: null,
    replay: true,
    next: await currentStep(deps, assessment, false),
  };
}

function levelChange(
  deps: AssessmentDeps,
  competenceId: string,
  before: ReadonlyMap<string, KnowledgeElement>,
  after: ReadonlyMap<string, KnowledgeElement>,
): { from: number; to: number } | null {
  const score = (k: ReadonlyMap<string, KnowledgeElement>) =>
    scoreCompetence({ framework: deps.framework, competenceId, knowledge: k.values(), maxLevel: deps.settings.highestLevel }).level;
  const from = score(before);
  const to = score(after);
  return to > from ? { from, to } : null;
}

/** "Retenter": a new pass on a finished competence; failures are forgotten, successes stay. */
export async function improveCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<TestStep> {
  requireCompetence(deps, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (!latest) throw new ImproveNotAvailableError(competenceId, 'not_started');
  if (latest.state === 'started') throw new ImproveNotAvailableError(competenceId, 'in_progress');
  const score = await competenceScoreOf(deps, userId, competenceId);
  if (score.level >= deps.settings.highestLevel) throw new ImproveNotAvailableError(competenceId, 'highest_level');
  const now = deps.clock();
  const last = (await deps.assessments.lastAnswerAt(userId, competenceId)) ?? latest.createdAt;
  const remaining = daysRemaining(last, deps.settings.improveDelayDays, now);
  if (remaining > 0) throw new ImproveNotAvailableError(competenceId, 'too_early', remaining);
  const { assessment, created } = await deps.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: deps.defaultStrategy,
    pass: latest.pass + 1,
    seed: randomSeed(deps),
    now,
    forget: 'invalidated',
  });
  return currentStep(deps, assessment, !created);
}

/** "Remettre à zéro": every knowledge element of the competence is forgotten (answers stay as history). */
/**
 * Whether the competence may be reset now; throws the reason when not. Asked before the student
 * confirms, and again when they do.
 */
export async function assertResettable({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<Assessment> {
  requireCompetence(deps, competenceId);
  const last = await deps.assessments.lastAnswerAt(userId, competenceId);
  const latest = await deps.assessments.latest(userId, 'competence', competenceId);
  if (!last || !latest || latest.state === 'reset') throw new ResetNotAvailableError(competenceId, 'nothing_to_reset');
  const remaining = daysRemaining(last, deps.settings.resetDelayDays, deps.clock());
  if (remaining > 0) throw new ResetNotAvailableError(competenceId, 'too_early', remaining);
  return latest;
}

export async function resetCompetence({ userId, competenceId, deps }: { userId: string; competenceId: string; deps: AssessmentDeps }): Promise<void> {
  const latest = await assertResettable({ userId, competenceId, deps });
  // A second confirmation racing the first finds the test reset already, as it would a moment later.
  if (!(await deps.assessments.reset({ userId, competenceId, assessment: latest, now: deps.clock() }))) {
    throw new ResetNotAvailableError(competenceId, 'nothing_to_reset');
  }
}

/** When the student may improve or reset a competence, for the profile. */
export function availability(args: { lastAnswerAt: Date | null; settings: AssessmentSettings; now: Date }) {
  if (!args.lastAnswerAt) return { improveInDays: 0, resetInDays: 0 };
  return {
    improveInDays: daysRemaining(args.lastAnswerAt, args.settings.improveDelayDays, args.now),
    resetInDays: daysRemaining(args.lastAnswerAt, args.settings.resetDelayDays, args.now),
  };
}
