/** Drives a student through a campaign test with the use cases, as the chat would. */
import { answerCampaignChallenge } from '../../src/campaigns/answer-campaign-challenge.js';
import { campaignStep, type CampaignStep } from '../../src/campaigns/campaign-test.js';
import type { Challenge } from '../../src/framework/model.js';
import { inputsFor } from '../helpers/answers.js';
import type { World } from './world.js';

/** Answers right up to `level` in every tube (the builders' tubes have one skill per level). */
export const upTo = (level: number) => (c: Challenge) => (c.level <= level ? 'right' : 'wrong');

export async function playCampaign(world: World, userId: string, participationId: string, answer: (c: Challenge) => 'right' | 'wrong', stopAfter = Infinity) {
  let step: CampaignStep = await campaignStep({ userId, participationId, deps: world.deps });
  const positions: Array<{ n: number; about: number; competenceId: string }> = [];
  while (step.kind === 'question' && positions.length < stopAfter) {
    positions.push({ ...step.position, competenceId: step.competenceId });
    const challenge = step.step.challenge!;
    const { next } = await answerCampaignChallenge({
      userId,
      participationId,
      assessmentId: step.step.assessment.id,
      challengeId: challenge.id,
      raw: inputsFor(challenge, answer(challenge)),
      skip: false,
      activityId: null,
      deps: world.deps,
    });
    step = next;
  }
  return { step, positions };
}
