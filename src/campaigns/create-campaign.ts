/** A teacher with the right (or the referent) creates a campaign: the bot answers with its code. */
import { newCampaignCode } from './code.js';
import { creatorMembership, type CampaignDeps } from './deps.js';
import { checkedFields, type CampaignInput } from './fields.js';
import type { Campaign } from './model.js';

/** Codes are drawn among 23⁶ × 8³ ≈ 7.6 × 10¹⁰: a clash is rare, five in a row would be a fault. */
const CODE_DRAWS = 5;

/**
 * creationKey names the request (see campaign-handlers.ts): a request already served (a double
 * click, a redelivery) gets the campaign it created, once its sender's rights are checked, and
 * nothing is written. A refused request wrote nothing, so its key stays free for the corrected one.
 */
export async function createCampaign({ userId, input, uaj, creationKey, deps }: { userId: string; input: CampaignInput; uaj?: string; creationKey?: string | null; deps: CampaignDeps }): Promise<Campaign> {
  const membership = await creatorMembership(deps, userId, uaj);
  const already = creationKey ? await deps.campaigns.findByCreationKey(creationKey) : null;
  if (already) return already;
  const fields = await checkedFields(deps, membership.school.id, input);
  for (let draw = 0; draw < CODE_DRAWS; draw++) {
    const created = await deps.campaigns.insert({ schoolId: membership.school.id, ownerId: userId, code: newCampaignCode(), fields, now: deps.clock(), creationKey: creationKey ?? null });
    if (created) return created;
  }
  throw new Error('no free campaign code after several draws');
}
