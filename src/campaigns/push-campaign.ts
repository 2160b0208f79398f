/**
 * The teacher pushes a campaign: every linked student of its classes gets the campaign card in their
 * personal chat, through the outbox, one row per student with its idempotency key. A process killed
 * halfway loses nothing (the rows written stay, and pushing again writes the missing ones) and
 * duplicates nothing (a key is stored once); two instances pushing at once enqueue each card once.
 */
import { pushKey, targetedStudents } from './audience.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { CampaignArchivedError, PushRunningError } from './errors.js';

export interface PushOutcome {
  /** Students of the targeted classes. */
  targeted: number;
  /** Cards enqueued by this push. */
  enqueued: number;
  /** Students who had the card already (an earlier push) or have joined. */
  already: number;
  /** Records with no Teams account linked: the code is for them. */
  notLinked: number;
  code: string;
}

export async function pushCampaign({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<PushOutcome> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const pending = (await deps.campaigns.pushMessages(campaign.id)).filter((m) => m.state === 'pending' || m.state === 'sending').length;
  if (pending > 0) throw new PushRunningError(pending);
  const now = deps.clock();
  const staleBefore = new Date(now.getTime() - deps.settings.pushStaleMinutes * 60_000);
  if (!(await deps.campaigns.beginPush(campaign.id, now, staleBefore))) throw new PushRunningError(0);
  const outcome: PushOutcome = { targeted: 0, enqueued: 0, already: 0, notLinked: 0, code: campaign.code };
  try {
    const joined = new Set((await deps.campaigns.participations(campaign.id)).map((p) => p.userId));
    for (const student of await targetedStudents(deps, campaign)) {
      outcome.targeted++;
      if (!student.userId) {
        outcome.notLinked++;
        continue;
      }
      if (joined.has(student.userId)) {
        outcome.already++;
        continue;
      }
      const payload = await deps.message({ campaign, userId: student.userId, purpose: 'push', participation: null });
      const fresh = await deps.outbox.enqueue({ idempotencyKey: pushKey(campaign.id, student.userId), userId: student.userId, kind: 'campaign-push', payload, now: deps.clock() });
      if (fresh) outcome.enqueued++;
      else outcome.already++;
    }
  } finally {
    await deps.campaigns.endPush(campaign.id);
  }
  if (outcome.enqueued > 0) deps.wakeOutbox();
  return outcome;
}
