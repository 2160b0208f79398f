/**
 * How far a push got, from the outbox rows themselves: reached, on its way, and not reached yet with
 * the reason (never opened the bot: no conversation reference; app blocked or removed: Teams answered
 * 403 or 404; not linked: the record has no Teams account; not pushed: linked after the last push).
 */
import { targetedStudents } from './audience.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';

export interface PushStatus {
  code: string;
  targeted: number;
  reached: number;
  pending: number;
  joined: number;
  notReached: { neverOpened: number; blocked: number; notLinked: number; notPushed: number; failed: number };
}

export async function pushStatus({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<PushStatus> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  const rows = new Map((await deps.campaigns.pushMessages(campaign.id)).map((r) => [r.userId, r]));
  const joined = new Set((await deps.campaigns.participations(campaign.id)).map((p) => p.userId));
  const status: PushStatus = { code: campaign.code, targeted: 0, reached: 0, pending: 0, joined: 0, notReached: { neverOpened: 0, blocked: 0, notLinked: 0, notPushed: 0, failed: 0 } };
  for (const student of await targetedStudents(deps, campaign)) {
    status.targeted++;
    if (!student.userId) {
      status.notReached.notLinked++;
      continue;
    }
    if (joined.has(student.userId)) status.joined++;
    const row = rows.get(student.userId);
    if (!row) {
      // A student who joined by the code needs no card.
      if (!joined.has(student.userId)) status.notReached.notPushed++;
      else status.reached++;
    } else if (row.state === 'sent') status.reached++;
    else if (row.state === 'pending' || row.state === 'sending') status.pending++;
    else if (row.lastStatus === 403 || row.lastStatus === 404) status.notReached.blocked++;
    else if (!(await deps.references.conversationReference(student.userId))) status.notReached.neverOpened++;
    else status.notReached.failed++;
  }
  return status;
}
