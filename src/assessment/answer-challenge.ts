/**
 * Records the student's answer (or skip) to the pending challenge and moves the test on. A retried
 * delivery of the same activity replays the outcome without recording anything twice.
 */
import type { Challenge } from '../framework/model.js';
import { answerStatus, parseAnswer, serializeAnswer, type AnswerStatus } from './answers.js';
import type { AssessmentDeps } from './deps.js';
import { AssessmentNotFoundError, ChallengeNotPendingError } from './errors.js';
import { inferKnowledge, type KnowledgeElement } from './knowledge.js';
import type { Assessment, StoredAnswer } from './model.js';
import { DuplicateAnswerError } from './repository.js';
import { announcedLevelUp } from './level-up.js';
import { chooseNext, currentStep, hasEstimate, isOver, strategyOf, summarize, turnRandom, type TestStep } from './test-step.js';

export interface AnswerOutcome {
  challenge: Challenge;
  status: AnswerStatus;
  /** The student's answer as stored, for the card that replaces the question. */
  value: string;
  levelUp: { from: number; to: number } | null;
  /** A retried delivery of an activity already recorded: nothing new was stored. */
  replay: boolean;
  /** When the answer was recorded; null on a replay. */
  answeredAt: Date | null;
  next: TestStep;
}

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
  // One round of reads: the test, its answers and the knowledge of its competence.
  const state = await deps.assessments.answerState(assessmentId, userId);
  // Not found and not the user's read the same, so that ids reveal nothing.
  if (!state || state.assessment.userId !== userId) throw new AssessmentNotFoundError();
  const { assessment, answers } = state;
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
  const knowledgeBefore = isCompetence ? state.knowledge : new Map<string, KnowledgeElement>();
  const newKnowledge = isCompetence
    ? inferKnowledge({ framework: deps.framework, skillId: challenge.skillId, success: status === 'ok', current: knowledgeBefore, now })
    : [];
  const knowledgeAfter = new Map(knowledgeBefore);
  for (const k of newKnowledge) knowledgeAfter.set(k.skillId, k);
  const history = [...answers, { challengeId, skillId: challenge.skillId, status }];
  const next = chooseNext(deps, assessment, history, knowledgeAfter, await deps.assessments.seenBefore(assessment));
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

  let answerId: string;
  try {
    answerId = await deps.assessments.recordAnswer({
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

  const levelUp = isCompetence
    ? announcedLevelUp({
        framework: deps.framework,
        competenceId: assessment.competenceId!,
        highestLevel: deps.settings.highestLevel,
        strategy: strategyOf(deps, assessment),
        before: knowledgeBefore,
        after: knowledgeAfter,
        finished: !next,
        startedAt: assessment.createdAt,
      })
    : null;
  // The transaction wrote exactly this: no need to read the test back.
  const updated: Assessment = next
    ? { ...assessment, pendingChallengeId: next.id, pendingSince: now, pendingActivityId: null }
    : { ...assessment, state: 'completed', pendingChallengeId: null, pendingSince: null, pendingActivityId: null, completedAt: now };
  const answered = history.length;
  const step: TestStep = next
    ? { assessment: updated, challenge: next, answered, resumed: false, summary: null }
    : {
        assessment: updated,
        challenge: null,
        answered,
        resumed: false,
        // The answers and knowledge this turn read and wrote: nothing to read back.
        summary: { ...(await summarize(deps, updated, [...answers, { id: answerId, challengeId, skillId: challenge.skillId, status, value, activityId, createdAt: now }], isCompetence ? knowledgeAfter : undefined)), confidence },
      };
  return { challenge, status, value, levelUp, replay: false, answeredAt: now, next: step };
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
    answeredAt: null,
    next: await currentStep(deps, assessment, false),
  };
}
