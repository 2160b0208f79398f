/**
 * The campaign's card for a class team's channel, asked by its owner or the referent by the code:
 * the card says only what the campaign is (no student, no result), so it may be seen by all.
 */
import { normalizeCampaignCode } from './code.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, UnknownCampaignCodeError } from './errors.js';
import type { Campaign } from './model.js';

export async function campaignForChannel({ userId, code, deps }: { userId: string; code: string; deps: CampaignDeps }): Promise<Campaign> {
  const normalized = normalizeCampaignCode(code);
  const found = normalized ? await deps.campaigns.findByCode(normalized) : null;
  if (!found) throw new UnknownCampaignCodeError(code);
  // Someone else's campaign reads as not found, as everywhere.
  const { campaign } = await campaignForStaff(deps, userId, found.id);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  return campaign;
}
