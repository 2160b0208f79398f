/**
 * Retry (spec §8): with multiple sendings, a student who shared may take the campaign again
 * `retryDelayDays` (4) days after sharing, unless they master the whole target already. A new
 * participation starts; the campaign test then improves the competences not mastered.
 */
import { daysRemaining } from '../assessment/delays.js';
import { ownedParticipation, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, RetryNotAvailableError } from './errors.js';
import type { Participation } from './model.js';

export async function retryCampaign({ userId, participationId, deps }: { userId: string; participationId: string; deps: CampaignDeps }): Promise<Participation> {
  const { participation: given, campaign } = await ownedParticipation(deps, userId, participationId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  if (!campaign.multipleSendings) throw new RetryNotAvailableError('single_sending');
  const latest = (await deps.campaigns.latestParticipation(campaign.id, userId)) ?? given;
  if (latest.state !== 'shared' || !latest.sharedAt) throw new RetryNotAvailableError('not_shared');
  const remaining = daysRemaining(latest.sharedAt, deps.settings.retryDelayDays, deps.clock());
  if (remaining > 0) throw new RetryNotAvailableError('too_early', remaining);
  if (campaign.type === 'assessment' && (latest.result?.mastery ?? 0) >= 1) throw new RetryNotAvailableError('mastered');
  const { participation } = await deps.campaigns.join({
    campaignId: campaign.id,
    userId,
    studentId: latest.studentId,
    attempt: latest.attempt + 1,
    state: campaign.type === 'assessment' ? 'started' : 'finished',
    externalId: latest.externalId,
    now: deps.clock(),
  });
  return participation;
}
