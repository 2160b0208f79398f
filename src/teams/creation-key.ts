/**
 * What names a creation request (a campaign, a certification session), so that it creates one thing
 * however often it arrives: a card's submit by its card's message (every click on one form, before
 * and after a refusal, has the same), a typed line by its activity (Teams redelivers an activity
 * with the same id); both with the sender. Null when Teams gave no id: nothing to tell a repeat by.
 */
import type { Turn } from './turn.js';

export function creationKey(turn: Turn, from: 'card' | 'line'): string | null {
  const id = from === 'card' ? (turn.replyToId ?? turn.activityId) : turn.activityId;
  if (!id) return null;
  return `${turn.user.id}:${from === 'card' && turn.replyToId ? 'card' : 'activity'}:${id}`;
}
