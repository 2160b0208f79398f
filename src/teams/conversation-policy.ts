/**
 * What Partix does in a group chat or a channel, against a personal chat. Tests, profiles and
 * imports are private: outside the personal chat only help and a referent's invitations by mention
 * work, everything else is answered with an invitation to the personal chat, and Partix only ever
 * keeps the personal chat to write first (a group chat or channel is not private).
 */
import type { Activity } from 'botbuilder';
import type { Incoming } from './activity.js';
import type { Reply } from './turn.js';

/**
 * What may be asked outside the personal chat: a referent mentioning teachers, help, a campaign's
 * card posted in a class team's channel (by its owner or the referent) and a student's click on it
 * (the campaign then goes to their personal chat; nothing private is said in the channel).
 */
const GROUP_VERBS: ReadonlySet<string> = new Set(['invite', 'help', 'campaignPost', 'campaignChannelStart']);

export function isPersonal(a: Activity): boolean {
  const type = a.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** answer: as in a personal chat; refuse: point to the personal chat; ignore: say nothing. */
export type MessagePolicy = 'answer' | 'refuse' | 'ignore';

export function messagePolicy(a: Activity, incoming: Incoming): MessagePolicy {
  if (isPersonal(a)) return 'answer';
  if (incoming.kind === 'command' && GROUP_VERBS.has(incoming.payload.verb)) return 'answer';
  // A mention of the bot with nothing else, or a message it cannot read: nothing to say.
  return incoming.kind === 'unknown' && !incoming.text ? 'ignore' : 'refuse';
}

/** A new user's first message in their personal chat is greeted first, unless it is a greeting. */
export function welcomesFirst(a: Activity, created: boolean, incoming: Incoming): boolean {
  return created && isPersonal(a) && !(incoming.kind === 'command' && incoming.payload.verb === 'welcome');
}

/** Partix installed in a personal chat greets the user; added to a team or group chat it says nothing. */
export function welcomesOnInstall(a: Activity): boolean {
  return Boolean(a.membersAdded?.some((m) => m.id === a.recipient?.id) && a.from?.id && isPersonal(a));
}

/** Only the personal chat's reference is kept: it is where Partix may write first. */
export function keepsReference(a: Activity): boolean {
  return isPersonal(a);
}

/** A reply in a group chat or a channel never replaces the card everyone sees (see Reply.sharedText). */
export function sharedReply(reply: Reply): Reply {
  if (!reply.update) return reply;
  const { update: _update, sharedText, ...rest } = reply;
  return { ...rest, messages: [...(sharedText ? [{ text: sharedText }] : []), ...rest.messages] };
}
