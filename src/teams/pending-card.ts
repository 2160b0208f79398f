/** A typed "passer" answers the question card the student did not click: its correction replaces that card. */
import type { Reply } from './turn.js';

/** The reply's update goes to the pending question's message when its id is known, else first among the new messages. */
export function correctedInPlace(reply: Reply, pendingActivityId: string | null): Reply {
  const { update, ...rest } = reply;
  if (!update) return rest;
  return pendingActivityId ? { ...rest, updatePending: { activityId: pendingActivityId, card: update } } : { ...rest, messages: [{ card: update }, ...rest.messages] };
}
