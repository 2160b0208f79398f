/**
 * How far a push got. The cards' fate comes from their outbox rows themselves (deliveryCounts: the
 * state and the failure reason the delivery worker recorded, whichever instance sent them): reached,
 * on their way, and not reached with the reason (never opened Partix: no conversation reference; app
 * blocked or removed: Teams answered 403; conversation gone: 404; other failures). The students
 * without a card are counted from the classes: not linked (the record has no Teams account), not
 * pushed yet (linked after the last push), or joined by the code (reached: they need no card).
 */
import { targetedStudents } from './audience.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';

export interface PushStatus {
  code: string;
  targeted: number;
  reached: number;
  pending: number;
  joined: number;
  notReached: { neverOpened: number; blocked: number; conversationGone: number; notLinked: number; notPushed: number; failed: number };
}

export async function pushStatus({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<PushStatus> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  const pushed = new Set((await deps.campaigns.pushMessages(campaign.id)).map((r) => r.userId));
  const joined = new Set((await deps.campaigns.participations(campaign.id)).map((p) => p.userId));
  const rows = await deps.campaigns.pushDeliveries(campaign.id);
  const f = rows.failed;
  const status: PushStatus = {
    code: campaign.code,
    targeted: 0,
    reached: rows.states.sent,
    pending: rows.states.pending + rows.states.sending,
    joined: 0,
    notReached: {
      neverOpened: f.never_opened,
      blocked: f.blocked,
      conversationGone: f.conversation_gone,
      notLinked: 0,
      notPushed: 0,
      failed: f.rejected + f.gave_up + f.outcome_unknown + f.unreadable + f.unknown,
    },
  };
  for (const student of await targetedStudents(deps, campaign)) {
    status.targeted++;
    if (!student.userId) status.notReached.notLinked++;
    else if (joined.has(student.userId)) status.joined++;
    if (!student.userId || pushed.has(student.userId)) continue;
    // No card for them: one who joined by the code needs none, the others were linked after the push.
    if (joined.has(student.userId)) status.reached++;
    else status.notReached.notPushed++;
  }
  return status;
}
