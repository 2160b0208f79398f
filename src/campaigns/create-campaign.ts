/** A teacher with the right (or the referent) creates a campaign: the bot answers with its code. */
import { newCampaignCode } from './code.js';
import { creatorMembership, type CampaignDeps } from './deps.js';
import { checkedFields, type CampaignInput } from './fields.js';
import type { Campaign } from './model.js';

/** Codes are drawn among 23⁶ × 8³ ≈ 7.6 × 10¹⁰: a clash is rare, five in a row would be a fault. */
const CODE_DRAWS = 5;

export async function createCampaign({ userId, input, uaj, deps }: { userId: string; input: CampaignInput; uaj?: string; deps: CampaignDeps }): Promise<Campaign> {
  const membership = await creatorMembership(deps, userId, uaj);
  const fields = await checkedFields(deps, membership.school.id, input);
  for (let draw = 0; draw < CODE_DRAWS; draw++) {
    const created = await deps.campaigns.insert({ schoolId: membership.school.id, ownerId: userId, code: newCampaignCode(), fields, now: deps.clock() });
    if (created) return created;
  }
  throw new Error('no free campaign code after several draws');
}
