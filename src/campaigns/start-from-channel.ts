/**
 * A student clicked "Commencer dans ma conversation" on a campaign card in a channel: the campaign's
 * card goes to their personal chat through the outbox (once per student and campaign), when Partix
 * may write there (the student opened Partix once: a conversation reference). Otherwise nothing is
 * queued and the student is told to open Partix first. Only an active student of the campaign's
 * school gets it, as for joining.
 */
import { normalizeCampaignCode } from './code.js';
import type { CampaignDeps } from './deps.js';
import { CampaignArchivedError, DisabledStudentError, NotStudentOfSchoolError, UnknownCampaignCodeError } from './errors.js';
import type { Campaign } from './model.js';

export type ChannelStartOutcome = 'sent' | 'already_sent' | 'no_conversation';

export const channelKey = (campaignId: string, userId: string) => `campaign:${campaignId}:channel:${userId}`;

export async function startFromChannel({ userId, code, deps }: { userId: string; code: string; deps: CampaignDeps }): Promise<{ campaign: Campaign; outcome: ChannelStartOutcome }> {
  const normalized = normalizeCampaignCode(code);
  const campaign = normalized ? await deps.campaigns.findByCode(normalized) : null;
  if (!campaign) throw new UnknownCampaignCodeError(code);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const records = (await deps.schools.students.studentsOfUser(userId)).filter((r) => r.schoolId === campaign.schoolId);
  if (records.length === 0) throw new NotStudentOfSchoolError('not_linked');
  if (!records.some((r) => r.active)) throw new DisabledStudentError();
  if (!(await deps.references.conversationReference(userId))) return { campaign, outcome: 'no_conversation' };
  const participation = await deps.campaigns.latestParticipation(campaign.id, userId);
  const payload = await deps.message({ campaign, userId, purpose: 'push', participation });
  const enqueued = await deps.outbox.enqueue({ idempotencyKey: channelKey(campaign.id, userId), userId, kind: 'campaign-push', payload, now: deps.clock() });
  if (enqueued) deps.wakeOutbox();
  return { campaign, outcome: enqueued ? 'sent' : 'already_sent' };
}
