/** The owner or the referent changes a campaign; its target only while nobody has joined. */
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, TargetLockedError } from './errors.js';
import { checkedFields, type CampaignInput } from './fields.js';
import type { Campaign, CampaignFields } from './model.js';

const sameTarget = (a: CampaignFields | Campaign, b: CampaignFields | Campaign) =>
  a.type === b.type && JSON.stringify(a.targets) === JSON.stringify(b.targets);

export async function editCampaign({ userId, campaignId, changes, deps }: { userId: string; campaignId: string; changes: Partial<CampaignInput>; deps: CampaignDeps }): Promise<Campaign> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const current: CampaignInput = {
    name: campaign.name,
    type: campaign.type,
    targetName: campaign.targetName,
    competences: campaign.targets.map((t) => ({ id: t.competenceId, level: t.level })),
    divisions: campaign.divisions,
    title: campaign.title,
    landingText: campaign.landingText,
    externalIdLabel: campaign.externalIdLabel,
    deadline: campaign.deadline,
    multipleSendings: campaign.multipleSendings,
  };
  // A new ready-made target or competence list replaces the old one rather than adding to it.
  const targetChanged = changes.targetName !== undefined || changes.competences !== undefined || changes.level !== undefined;
  const merged: CampaignInput = { ...current, ...changes, ...(targetChanged ? { targetName: changes.targetName ?? null, competences: changes.competences ?? [] } : {}) };
  const fields = await checkedFields(deps, campaign.schoolId, merged);
  if (!sameTarget(fields, campaign)) {
    const participants = await deps.campaigns.participantsCount(campaign.id);
    if (participants > 0) throw new TargetLockedError(participants);
  }
  await deps.campaigns.update(campaign.id, fields, deps.clock());
  return (await deps.campaigns.find(campaign.id))!;
}
