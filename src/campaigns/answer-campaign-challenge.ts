/** An answer in a campaign test: recorded as in any competence test, then the campaign moves on (next question, next competence, or the end). */
import { answerChallenge, type AnswerOutcome } from '../assessment/answer-challenge.js';
import { campaignStep, type CampaignStep } from './campaign-test.js';
import { ownedParticipation, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, ParticipationNotFoundError } from './errors.js';

/** The answer's fields are those of any competence test, plus the participation it belongs to. */
type CampaignAnswer = Omit<Parameters<typeof answerChallenge>[0], 'deps'> & { participationId: string; deps: CampaignDeps };

export async function answerCampaignChallenge({ userId, participationId, assessmentId, challengeId, raw, skip, activityId, deps }: CampaignAnswer): Promise<{ outcome: AnswerOutcome; next: CampaignStep }> {
  const { campaign } = await ownedParticipation(deps, userId, participationId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const assessment = await deps.assessment.assessments.find(assessmentId);
  // A test of a competence outside the target is not this campaign's question.
  if (!assessment || assessment.competenceId === null || !campaign.targets.some((t) => t.competenceId === assessment.competenceId)) throw new ParticipationNotFoundError();
  const outcome = await answerChallenge({ userId, assessmentId, challengeId, raw, skip, activityId, deps: deps.assessment });
  return { outcome, next: await campaignStep({ userId, participationId, resumed: false, deps }) };
}
