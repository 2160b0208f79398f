/** The owner or the referent archives a campaign: nobody joins or shares on it any more; its results stay. */
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { CampaignArchivedError } from './errors.js';
import type { Campaign } from './model.js';

export async function archiveCampaign({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<Campaign> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  if (!(await deps.campaigns.archive(campaign.id, userId, deps.clock()))) throw new CampaignArchivedError(campaign.name);
  return (await deps.campaigns.find(campaign.id))!;
}
