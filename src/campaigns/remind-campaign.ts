/** The teacher reminds the students of the campaign's classes who have not finished or not shared: once a day at most. */
import { remindKey, targetedStudents } from './audience.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, RemindTooSoonError } from './errors.js';
import { parisDay } from './fields.js';

const DAY_MS = 24 * 3600 * 1000;

export async function remindCampaign({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<{ reminded: number }> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const now = deps.clock();
  if (campaign.lastRemindedAt && now.getTime() - campaign.lastRemindedAt.getTime() < DAY_MS) {
    throw new RemindTooSoonError(Math.ceil((campaign.lastRemindedAt.getTime() + DAY_MS - now.getTime()) / 3_600_000));
  }
  const participations = new Map((await deps.campaigns.participations(campaign.id)).map((p) => [p.userId, p]));
  const recipients = (await targetedStudents(deps, campaign)).filter((s) => s.userId && participations.get(s.userId)?.state !== 'shared');
  if (recipients.length === 0) return { reminded: 0 };
  // The guard, not the check above, decides between two clicks (or two instances).
  if (!(await deps.campaigns.claimReminder(campaign.id, now, new Date(now.getTime() - DAY_MS)))) throw new RemindTooSoonError(24);
  let reminded = 0;
  for (const student of recipients) {
    const participation = participations.get(student.userId!) ?? null;
    const payload = await deps.message({ campaign, userId: student.userId!, purpose: 'remind', participation });
    if (await deps.outbox.enqueue({ idempotencyKey: remindKey(campaign.id, parisDay(now), student.userId!), userId: student.userId!, kind: 'campaign-remind', payload, now })) reminded++;
  }
  deps.wakeOutbox();
  return { reminded };
}
