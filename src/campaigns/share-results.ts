/**
 * "Envoyer mes résultats": the student's explicit act, once the test is finished; only then does the
 * teacher see the results, as a snapshot of that moment. A profile collection sends the current
 * profile (the edge asks for a confirmation first).
 */
import { ownedParticipation, type CampaignDeps } from './deps.js';
import { AlreadySharedError, CampaignArchivedError, NotFinishedError } from './errors.js';
import { participationResult } from './mastery.js';
import type { Participation } from './model.js';

export async function shareResults({ userId, participationId, deps }: { userId: string; participationId: string; deps: CampaignDeps }): Promise<Participation> {
  const { participation, campaign } = await ownedParticipation(deps, userId, participationId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  if (participation.state === 'shared') throw new AlreadySharedError(participation.sharedAt!);
  if (participation.state !== 'finished') throw new NotFinishedError(participation.progress);
  const knowledge = await deps.assessment.assessments.knowledge(userId);
  const result = participationResult({ framework: deps.assessment.framework, campaign, knowledge, highestLevel: deps.assessment.settings.highestLevel });
  if (!(await deps.campaigns.share(participation.id, result, deps.clock()))) {
    const now = (await deps.campaigns.participation(participation.id))!;
    throw new AlreadySharedError(now.sharedAt ?? deps.clock());
  }
  return (await deps.campaigns.participation(participation.id))!;
}
