/**
 * Whether the question a student is answering belongs to a campaign: their test in progress has a
 * pending question, and one of their running participations (campaign not archived) targets its
 * competence; the latest started wins. A typed "passer" then skips in the campaign, whose next card
 * follows; otherwise it is the competence test's.
 */
import type { CampaignDeps } from './deps.js';

export interface PendingCampaignQuestion {
  participationId: string;
  assessmentId: string;
  challengeId: string;
  /** The message of the question card, to correct it in place. */
  pendingActivityId: string | null;
}

export async function pendingCampaignQuestion({ userId, deps }: { userId: string; deps: CampaignDeps }): Promise<PendingCampaignQuestion | null> {
  const current = await deps.assessment.assessments.inProgress(userId);
  if (!current?.pendingChallengeId || current.competenceId === null) return null;
  for (const participation of await deps.campaigns.startedParticipations(userId)) {
    const campaign = await deps.campaigns.find(participation.campaignId);
    if (!campaign || campaign.archivedAt || !campaign.targets.some((t) => t.competenceId === current.competenceId)) continue;
    return { participationId: participation.id, assessmentId: current.id, challengeId: current.pendingChallengeId, pendingActivityId: current.pendingActivityId };
  }
  return null;
}
