/**
 * Chat handlers of the student's campaign verbs: join by the typed code or "Commencer", the campaign
 * test's questions and answers, "Plus tard", the result, share (with a confirmation for a profile
 * collection) and retry. Each calls the campaign's use case and renders its cards.
 */
import { daysRemaining } from '../assessment/delays.js';
import { answerCampaignChallenge } from '../campaigns/answer-campaign-challenge.js';
import { campaignStep, type CampaignStep } from '../campaigns/campaign-test.js';
import { ownedParticipation, type CampaignDeps } from '../campaigns/deps.js';
import { ParticipationNotFoundError } from '../campaigns/errors.js';
import { joinCampaign } from '../campaigns/join-campaign.js';
import { pendingCampaignQuestion } from '../campaigns/pending-participation.js';
import { retryCampaign } from '../campaigns/retry-campaign.js';
import { startFromChannel } from '../campaigns/start-from-channel.js';
import { shareResults } from '../campaigns/share-results.js';
import { INPUT_PREFIX, renderFeedback } from '../cards/render.js';
import { laterText, renderCampaignChannelCard, renderCampaignChallenge, renderCampaignEnd, renderCampaignInvite, renderShareConfirm } from '../cards/render-campaigns.js';
import { cardInputs } from './commands.js';
import { correctedInPlace } from './pending-card.js';
import type { CardPayload, Handler, OutgoingMessage, Reply, Turn } from './turn.js';

type StudentVerb = 'campaignJoin' | 'campaignChannelStart' | 'campaignStart' | 'campaignLater' | 'campaignAnswer' | 'campaignSkip' | 'campaignShare' | 'campaignShareConfirm' | 'campaignRetry';

function participationIdOf(turn: Turn): string {
  const id = (turn.payload as { participationId?: unknown }).participationId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw new ParticipationNotFoundError();
  return id;
}

/** Days before a retry is possible (0: now), or null when the campaign offers none to this student. */
function retryInDays(deps: CampaignDeps, step: Extract<CampaignStep, { kind: 'finished' }>): number | null {
  const { campaign, participation } = step;
  if (!campaign.multipleSendings || participation.state !== 'shared' || !participation.sharedAt) return null;
  if (campaign.type === 'assessment' && (participation.result?.mastery ?? 0) >= 1) return null;
  return daysRemaining(participation.sharedAt, deps.settings.retryDelayDays, deps.clock());
}

function stepMessage(turn: Turn, deps: CampaignDeps, step: CampaignStep): OutgoingMessage {
  if (step.kind === 'finished') return { card: renderCampaignEnd(turn.render, step, retryInDays(deps, step)) };
  return { card: renderCampaignChallenge(turn.render, step), pending: { assessmentId: step.step.assessment.id, challengeId: step.step.challenge!.id } };
}

/**
 * A typed "passer" on a campaign's question: the payload of its "Passer" button, or null when the
 * pending question is no campaign's (the competence test's skip takes it). The router asks this.
 */
export async function typedCampaignSkip(deps: CampaignDeps, turn: Turn): Promise<CardPayload | null> {
  const pending = await pendingCampaignQuestion({ userId: turn.user.id, deps });
  return pending ? { verb: 'campaignSkip', participationId: pending.participationId, assessmentId: pending.assessmentId, challengeId: pending.challengeId, typed: true } : null;
}

export function campaignStudentHandlers(deps: CampaignDeps): Record<StudentVerb, Handler> {
  /** Joining (or coming back): the landing text, then where the student is in the test. */
  const join = async (turn: Turn): Promise<Reply> => {
    const { campaign, participation } = await joinCampaign({ userId: turn.user.id, code: String(turn.payload.code ?? ''), deps });
    const step = await campaignStep({ userId: turn.user.id, participationId: participation.id, deps });
    // Coming back to a finished test shows its end only; otherwise the landing, then the question.
    const landing: OutgoingMessage[] = step.kind === 'question' ? [{ card: renderCampaignInvite(turn.render, campaign, 'landing', participation) }] : [];
    return { messages: [...landing, stepMessage(turn, deps, step)] };
  };
  const answer = async (turn: Turn, skip: boolean): Promise<Reply> => {
    const { payload } = turn;
    const { outcome, next } = await answerCampaignChallenge({
      userId: turn.user.id,
      participationId: participationIdOf(turn),
      assessmentId: payload.assessmentId ?? '',
      challengeId: payload.challengeId ?? '',
      raw: cardInputs(payload, INPUT_PREFIX),
      skip,
      activityId: turn.activityId,
      deps,
    });
    const update = renderFeedback(turn.render, outcome, outcome.next.assessment.kind);
    // A redelivered answer: what followed was posted by the first delivery, unless it stopped before.
    const posted = next.kind === 'question' ? next.step.assessment.pendingActivityId !== null : true;
    if (outcome.replay && posted) return { update, messages: [] };
    return { update, messages: [stepMessage(turn, deps, next)] };
  };
  const share = async (turn: Turn): Promise<Reply> => {
    const participationId = participationIdOf(turn);
    await shareResults({ userId: turn.user.id, participationId, deps });
    const step = await campaignStep({ userId: turn.user.id, participationId, deps });
    return { update: stepMessage(turn, deps, step).card, messages: [] };
  };
  return {
    campaignJoin: join,
    campaignStart: join,
    campaignLater: async (turn) => ({ messages: [{ text: laterText(turn.render) }] }),
    campaignAnswer: (turn) => answer(turn, false),
    campaignSkip: async (turn) => {
      if (turn.payload.typed !== true) return answer(turn, true);
      // Typed: the question card is corrected in place, as the competence test's typed skip does.
      const pending = await pendingCampaignQuestion({ userId: turn.user.id, deps });
      return correctedInPlace(await answer(turn, true), pending?.pendingActivityId ?? null);
    },
    // From a channel: the campaign goes to the student's personal chat; the answer is for them alone.
    campaignChannelStart: async (turn) => {
      const start = () => startFromChannel({ userId: turn.user.id, code: String(turn.payload.code ?? ''), deps });
      let { campaign, outcome } = await start();
      // Partix may not write to them yet: Teams opens the chat when the app is in the team (or theirs).
      if (outcome === 'no_conversation' && turn.openPersonalChat && (await turn.openPersonalChat())) ({ campaign, outcome } = await start());
      const c = turn.render.t.campaign;
      const notice = { sent: c.channelSent(campaign.title ?? campaign.name), already_sent: c.channelAlready(campaign.title ?? campaign.name), no_conversation: c.channelOpenFirst(campaign.code) }[outcome];
      return { update: renderCampaignChannelCard(turn.render, campaign, notice), sharedText: notice, messages: [] };
    },
    // A profile collection sends the whole profile: the student confirms first.
    campaignShare: async (turn) => {
      const { campaign, participation } = await ownedParticipation(deps, turn.user.id, participationIdOf(turn));
      if (campaign.type === 'profile_collection' && participation.state === 'finished') return { messages: [{ card: renderShareConfirm(turn.render, campaign, participation) }] };
      return share(turn);
    },
    campaignShareConfirm: share,
    campaignRetry: async (turn) => {
      const participation = await retryCampaign({ userId: turn.user.id, participationId: participationIdOf(turn), deps });
      return { messages: [stepMessage(turn, deps, await campaignStep({ userId: turn.user.id, participationId: participation.id, deps }))] };
    },
  };
}
