/** Who sent the activity: the user, created on first contact, and their personal chat's reference. */
import { TurnContext, type Activity } from 'botbuilder';
import type { User, UserRepository } from '../users/users.js';
import { tenantOf } from './activity.js';
import { keepsReference } from './conversation-policy.js';

export async function identifySender({
  activity: a,
  users,
  now,
}: {
  activity: Activity;
  users: UserRepository;
  now: Date;
}): Promise<{ user: User; created: boolean }> {
  const identified = await users.identify(
    { teamsUserId: a.from.id, aadObjectId: a.from.aadObjectId ?? null, tenantId: tenantOf(a), name: a.from.name ?? null, locale: a.locale ?? null },
    now,
  );
  const reference = TurnContext.getConversationReference(a);
  if (keepsReference(a) && reference.serviceUrl && reference.conversation?.id && reference.bot?.id) {
    await users.saveConversationReference(
      identified.user.id,
      {
        serviceUrl: reference.serviceUrl,
        channelId: reference.channelId ?? 'msteams',
        tenantId: reference.conversation.tenantId ?? null,
        userId: a.from.id,
        conversationId: reference.conversation.id,
        botId: reference.bot.id,
        botName: reference.bot.name ?? null,
      },
      now,
      identified.reference,
    );
  }
  return identified;
}
