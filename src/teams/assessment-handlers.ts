/**
 * The handlers of competence tests and profiles, one per verb: call a use case, render cards.
 * Handlers know nothing of botbuilder; they return a Reply that the edge delivers (update the card
 * acted on, send new messages).
 */
import { answerChallenge } from '../assessment/answer-challenge.js';
import { assertResettable } from '../assessment/assert-resettable.js';
import type { AssessmentDeps } from '../assessment/deps.js';
import { improveCompetence } from '../assessment/improve-competence.js';
import { resetCompetence } from '../assessment/reset-competence.js';
import { startCompetence } from '../assessment/start-competence.js';
import { startDiscovery } from '../assessment/start-discovery.js';
import { startPositioning } from '../assessment/start-positioning.js';
import { lastPositioning } from '../assessment/last-positioning.js';
import { openSitting } from '../assessment/open-sitting.js';
import { POSITIONING_EXPECTED_LENGTH, discoveryLength, questionPosition } from '../assessment/position.js';
import type { Assessment } from '../assessment/model.js';
import type { TestStep } from '../assessment/test-step.js';
import { NoTestInProgressError, UnknownCompetenceError } from '../assessment/errors.js';
import { DomainError } from '../domain-error.js';
import { getProfile, nextAfterTest } from '../assessment/profile.js';
import {
  INPUT_PREFIX,
  renderChallenge,
  renderFeedback,
  renderNotice,
  renderPositioningAgain,
  renderPositioningSummary,
  renderProfile,
  renderResetConfirm,
  renderSittingIntro,
  renderSummary,
} from '../cards/render.js';
import { cardInputs } from './commands.js';
import { correctedInPlace } from './pending-card.js';
import type { AssessmentVerb } from './assessment-commands.js';
import type { Handler, OutgoingMessage, Reply, Turn } from './turn.js';

export class MissingCompetenceError extends DomainError {
  constructor() {
    super('no competence given');
  }
}

function competenceOf(turn: Turn, deps: AssessmentDeps): string {
  const id = turn.payload.competenceId;
  if (!id) throw new MissingCompetenceError();
  if (!deps.framework.competences.has(id)) throw new UnknownCompetenceError(id);
  return id;
}

/** `answeredAt`: the time of the answer this step follows, when the turn recorded one. */
async function stepMessages(turn: Turn, deps: AssessmentDeps, step: TestStep, answeredAt?: Date): Promise<OutgoingMessage[]> {
  if (step.challenge) {
    return [
      {
        card: renderChallenge(turn.render, { ...step, challenge: step.challenge }, questionPosition(deps, step)),
        pending: { assessmentId: step.assessment.id, challengeId: step.challenge.id },
      },
    ];
  }
  if (step.summary?.kind === 'positioning') return [{ card: renderPositioningSummary(turn.render, step.summary) }];
  const next = await nextAfterTest({ userId: turn.user.id, competenceId: step.summary?.competenceId ?? null, answeredAt, deps });
  return [{ card: renderSummary(turn.render, step.summary!, next) }];
}

async function answer(turn: Turn, deps: AssessmentDeps, skip: boolean, challengeId?: string, assessmentId?: string): Promise<Reply> {
  const { payload } = turn;
  const outcome = await answerChallenge({
    userId: turn.user.id,
    assessmentId: assessmentId ?? payload.assessmentId ?? '',
    challengeId: challengeId ?? payload.challengeId ?? '',
    raw: cardInputs(payload, INPUT_PREFIX),
    skip,
    activityId: turn.activityId,
    deps,
  });
  const asked = questionPosition(deps, { ...outcome.next, answered: outcome.next.answered - 1 });
  const update = renderFeedback(turn.render, outcome, outcome.next.assessment.kind, asked);
  // Teams redelivers an activity it thinks unanswered: the correction is replaced by the same one,
  // but what followed was posted by the first delivery (a question card once its id is kept, or the
  // summary), unless that delivery stopped before the next question was sent.
  const posted = outcome.next.challenge ? outcome.next.assessment.pendingActivityId !== null : true;
  if (outcome.replay && posted) return { update, messages: [] };
  return { update, messages: await stepMessages(turn, deps, outcome.next, outcome.answeredAt ?? undefined) };
}

/** Which sitting a "Plus tard" button closes the intro of. */
function sittingOf(turn: Turn): 'discovery' | 'positioning' {
  return (turn.payload as { sitting?: unknown }).sitting === 'discovery' ? 'discovery' : 'positioning';
}

export function assessmentHandlers(deps: AssessmentDeps) {
  const positioningSize = () => ({ about: POSITIONING_EXPECTED_LENGTH, atMost: deps.positioning?.maxLength ?? 0 });
  /** After a sitting ended: its result again, or a new one? */
  const again = (turn: Turn, last: Assessment): Reply => ({
    messages: [{ card: renderPositioningAgain(turn.render, { endedAt: last.completedAt ?? last.createdAt, ...positioningSize() }) }],
  });
  return {
    async profile(turn) {
      const profile = await getProfile({ userId: turn.user.id, deps });
      const ended = deps.positioning ? await deps.assessments.lastCompleted(turn.user.id, 'positioning') : null;
      return { messages: [{ card: renderProfile(turn.render, profile, { lastPositioning: ended !== null }) }] };
    },
    async start(turn) {
      const step = await startCompetence({ userId: turn.user.id, competenceId: competenceOf(turn, deps), deps });
      return { messages: await stepMessages(turn, deps, step) };
    },
    async improve(turn) {
      const step = await improveCompetence({ userId: turn.user.id, competenceId: competenceOf(turn, deps), deps });
      return { messages: await stepMessages(turn, deps, step) };
    },
    async reset(turn) {
      const competenceId = competenceOf(turn, deps);
      // The student learns whether it is possible before confirming, not after.
      await assertResettable({ userId: turn.user.id, competenceId, deps });
      return { messages: [{ card: renderResetConfirm(turn.render, competenceId) }] };
    },
    async resetConfirm(turn) {
      const competenceId = competenceOf(turn, deps);
      await resetCompetence({ userId: turn.user.id, competenceId, deps });
      return { update: renderNotice(turn.render, turn.render.t.resetDone(competenceId)), messages: [] };
    },
    async resetCancel(turn) {
      return { update: renderNotice(turn.render, turn.render.t.resetCancelled), messages: [] };
    },
    async discover(turn) {
      const opening = await openSitting({ userId: turn.user.id, kind: 'discovery', deps });
      if (opening.kind === 'resume') return { messages: await stepMessages(turn, deps, opening.step) };
      return { messages: [{ card: renderSittingIntro(turn.render, { kind: 'discovery', length: discoveryLength(deps) }) }] };
    },
    async discoveryBegin(turn) {
      return { messages: await stepMessages(turn, deps, await startDiscovery({ userId: turn.user.id, deps })) };
    },
    async positioning(turn) {
      const opening = await openSitting({ userId: turn.user.id, kind: 'positioning', deps });
      if (opening.kind === 'resume') return { messages: await stepMessages(turn, deps, opening.step) };
      if (opening.kind === 'again') return again(turn, opening.last);
      return { messages: [{ card: renderSittingIntro(turn.render, { kind: 'positioning', ...positioningSize() }) }] };
    },
    async positioningBegin(turn) {
      // The first intro's "Commencer" clicked again after that sitting ended: asked, as `positionnement` would.
      if ((turn.payload as { first?: unknown }).first === true) {
        const opening = await openSitting({ userId: turn.user.id, kind: 'positioning', deps });
        if (opening.kind === 'again') return again(turn, opening.last);
      }
      return { messages: await stepMessages(turn, deps, await startPositioning({ userId: turn.user.id, deps })) };
    },
    async positioningResult(turn) {
      const { assessment, summary } = await lastPositioning({ userId: turn.user.id, deps });
      return { messages: [{ card: renderPositioningSummary(turn.render, summary, assessment.completedAt ?? assessment.createdAt) }] };
    },
    async sittingLater(turn) {
      const t = turn.render.t;
      return { update: renderNotice(turn.render, sittingOf(turn) === 'discovery' ? t.discoveryLater : t.positioningLater), messages: [] };
    },
    async skip(turn) {
      if (turn.payload.challengeId && turn.payload.assessmentId) return answer(turn, deps, true);
      // Typed "passer": skip the pending question of the test in progress, and correct its card in place.
      const current = await deps.assessments.inProgress(turn.user.id);
      if (!current?.pendingChallengeId) throw new NoTestInProgressError();
      return correctedInPlace(await answer(turn, deps, true, current.pendingChallengeId, current.id), current.pendingActivityId);
    },
    async answer(turn) {
      return answer(turn, deps, false);
    },
  } satisfies Record<AssessmentVerb, Handler>;
}
