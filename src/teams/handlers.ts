/**
 * One handler per verb: call a use case, render cards. Handlers know nothing of botbuilder; they return
 * a Reply that the bot delivers (update the card acted on, send new messages).
 */
import { answerChallenge } from '../assessment/answer-challenge.js';
import { assertResettable } from '../assessment/assert-resettable.js';
import type { AssessmentDeps } from '../assessment/deps.js';
import { improveCompetence } from '../assessment/improve-competence.js';
import { resetCompetence } from '../assessment/reset-competence.js';
import { startCompetence } from '../assessment/start-competence.js';
import { startDiscovery } from '../assessment/start-discovery.js';
import { startPositioning } from '../assessment/start-positioning.js';
import type { TestStep } from '../assessment/test-step.js';
import { NoTestInProgressError, UnknownCompetenceError } from '../assessment/errors.js';
import { DomainError } from '../domain-error.js';
import { getProfile } from '../assessment/profile.js';
import type { Card } from '../cards/template.js';
import {
  INPUT_PREFIX,
  renderChallenge,
  renderFeedback,
  renderHelp,
  renderNotice,
  renderPositioningSummary,
  renderProfile,
  renderResetConfirm,
  renderSummary,
  renderWelcome,
  type RenderContext,
} from '../cards/render.js';
import type { User } from '../users/users.js';
import { cardInputs, helpLines, type CardPayload, type Verb } from './commands.js';
import { SCHOOL_HANDLERS, type SchoolTurnDeps } from './school-handlers.js';

export interface OutgoingMessage {
  card?: Card;
  text?: string;
  /** Set on a challenge card: its message id is kept to update the card in place later. */
  pending?: { assessmentId: string; challengeId: string };
}

export interface Reply {
  /** Replaces the card the user acted on (the answered question becomes its correction). */
  update?: Card;
  /** Replaces the pending challenge card of the test when the user typed instead of clicking. */
  updatePending?: { activityId: string; card: Card };
  messages: OutgoingMessage[];
}

export interface Turn {
  user: User;
  render: RenderContext;
  deps: AssessmentDeps;
  school: SchoolTurnDeps;
  payload: CardPayload;
  activityId: string | null;
  /** What the activity tells beyond the payload: the user's tenant, people mentioned. */
  activity: { tenantId: string | null; mentions: Array<{ teamsUserId: string; name: string | null }> };
}

export class MissingCompetenceError extends DomainError {
  constructor() {
    super('no competence given');
  }
}

type Handler = (turn: Turn) => Promise<Reply>;

function competenceOf(turn: Turn): string {
  const id = turn.payload.competenceId;
  if (!id) throw new MissingCompetenceError();
  if (!turn.deps.framework.competences.has(id)) throw new UnknownCompetenceError(id);
  return id;
}

async function stepMessages(turn: Turn, step: TestStep): Promise<OutgoingMessage[]> {
  if (step.challenge) {
    return [
      {
        card: renderChallenge(turn.render, { ...step, challenge: step.challenge }),
        pending: { assessmentId: step.assessment.id, challengeId: step.challenge.id },
      },
    ];
  }
  if (step.summary?.kind === 'positioning') return [{ card: renderPositioningSummary(turn.render, step.summary) }];
  const profile = await getProfile({ userId: turn.user.id, deps: turn.deps });
  const competence = step.summary?.competenceId ?? null;
  const last = competence ? profile.areas.flatMap((a) => a.competences).find((c) => c.id === competence) : undefined;
  return [
    {
      card: renderSummary(turn.render, step.summary!, {
        improveInDays: last?.improveInDays ?? turn.deps.settings.improveDelayDays,
        suggestion: profile.suggestion,
      }),
    },
  ];
}

async function answer(turn: Turn, skip: boolean, challengeId?: string, assessmentId?: string): Promise<Reply> {
  const { payload } = turn;
  const outcome = await answerChallenge({
    userId: turn.user.id,
    assessmentId: assessmentId ?? payload.assessmentId ?? '',
    challengeId: challengeId ?? payload.challengeId ?? '',
    raw: cardInputs(payload, INPUT_PREFIX),
    skip,
    activityId: turn.activityId,
    deps: turn.deps,
  });
  return {
    update: renderFeedback(turn.render, outcome, outcome.next.assessment.kind),
    messages: await stepMessages(turn, outcome.next),
  };
}

const ASSESSMENT_HANDLERS = {
  async welcome(turn) {
    const profile = await getProfile({ userId: turn.user.id, deps: turn.deps });
    return { messages: [{ card: renderWelcome(turn.render, profile.suggestion) }] };
  },
  async help(turn) {
    return { messages: [{ card: renderHelp(turn.render, helpLines(turn.render.t)) }] };
  },
  async profile(turn) {
    return { messages: [{ card: renderProfile(turn.render, await getProfile({ userId: turn.user.id, deps: turn.deps })) }] };
  },
  async start(turn) {
    const step = await startCompetence({ userId: turn.user.id, competenceId: competenceOf(turn), deps: turn.deps });
    return { messages: await stepMessages(turn, step) };
  },
  async improve(turn) {
    const step = await improveCompetence({ userId: turn.user.id, competenceId: competenceOf(turn), deps: turn.deps });
    return { messages: await stepMessages(turn, step) };
  },
  async reset(turn) {
    const competenceId = competenceOf(turn);
    // The student learns whether it is possible before confirming, not after.
    await assertResettable({ userId: turn.user.id, competenceId, deps: turn.deps });
    return { messages: [{ card: renderResetConfirm(turn.render, competenceId) }] };
  },
  async resetConfirm(turn) {
    const competenceId = competenceOf(turn);
    await resetCompetence({ userId: turn.user.id, competenceId, deps: turn.deps });
    return { update: renderNotice(turn.render, turn.render.t.resetDone(competenceId)), messages: [] };
  },
  async resetCancel(turn) {
    return { update: renderNotice(turn.render, turn.render.t.resetCancelled), messages: [] };
  },
  async discover(turn) {
    return { messages: await stepMessages(turn, await startDiscovery({ userId: turn.user.id, deps: turn.deps })) };
  },
  async positioning(turn) {
    return { messages: await stepMessages(turn, await startPositioning({ userId: turn.user.id, deps: turn.deps })) };
  },
  async skip(turn) {
    if (turn.payload.challengeId && turn.payload.assessmentId) return answer(turn, true);
    // Typed "passer": skip the pending question of the test in progress, and correct its card in place.
    const current = await turn.deps.assessments.inProgress(turn.user.id);
    if (!current?.pendingChallengeId) throw new NoTestInProgressError();
    const reply = await answer(turn, true, current.pendingChallengeId, current.id);
    const { update, ...rest } = reply;
    if (!update) return rest;
    return current.pendingActivityId
      ? { ...rest, updatePending: { activityId: current.pendingActivityId, card: update } }
      : { messages: [{ card: update }, ...rest.messages] };
  },
  async answer(turn) {
    return answer(turn, false);
  },
} satisfies Partial<Record<Verb, Handler>>;

export const HANDLERS = { ...ASSESSMENT_HANDLERS, ...SCHOOL_HANDLERS } as Record<Verb, Handler>;
