/**
 * What the card form offers, once the rights are checked: the school's classes in school order
 * (6e to 3e, then lycée), and for an edit the campaign itself (owner or referent, not archived).
 * Nothing is shown to someone who may not create or edit.
 */
import type { School } from '../schools/model.js';
import { compareDivisions } from '../schools/division-order.js';
import { campaignForStaff, creatorMembership, type CampaignDeps } from './deps.js';
import { CampaignArchivedError } from './errors.js';
import type { Campaign } from './model.js';

export interface CampaignFormChoices {
  school: School;
  divisions: string[];
  /** The campaign edited; null for a new one. */
  campaign: Campaign | null;
}

export async function campaignFormChoices({ userId, uaj, campaignId, deps }: { userId: string; uaj?: string; campaignId?: string; deps: CampaignDeps }): Promise<CampaignFormChoices> {
  let school: School;
  let campaign: Campaign | null = null;
  if (campaignId) {
    const found = await campaignForStaff(deps, userId, campaignId);
    if (found.campaign.archivedAt) throw new CampaignArchivedError(found.campaign.name);
    campaign = found.campaign;
    school = found.membership.school;
  } else {
    school = (await creatorMembership(deps, userId, uaj)).school;
  }
  const divisions = (await deps.schools.students.divisions(school.id)).map((d) => d.division).sort(compareDivisions);
  return { school, divisions, campaign };
}
