/**
 * Opens the sender's personal chat with Partix from a group chat or a channel: Teams creates it when
 * the app may write to them (installed in the team, or for the user), and refuses otherwise (403,
 * 404). The new chat's reference is kept, as if the user had written there first.
 */
import type { ConnectorClient } from 'botframework-connector';
import type { TurnContext } from 'botbuilder';
import type { UserRepository } from '../users/users.js';
import { tenantOf } from './activity.js';

export async function openPersonalChat(context: TurnContext, users: UserRepository, userId: string, now: Date): Promise<boolean> {
  const a = context.activity;
  const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  const tenantId = tenantOf(a);
  if (!client || !a.recipient?.id || !a.from?.id) return false;
  try {
    const created = await client.conversations.createConversation({
      isGroup: false,
      bot: { id: a.recipient.id, name: a.recipient.name ?? '' },
      members: [{ id: a.from.id, name: a.from.name ?? '' }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as Parameters<ConnectorClient['conversations']['createConversation']>[0]);
    if (!created.id) return false;
    await users.saveConversationReference(
      userId,
      { serviceUrl: a.serviceUrl, channelId: a.channelId ?? 'msteams', tenantId, userId: a.from.id, conversationId: created.id, botId: a.recipient.id, botName: a.recipient.name ?? null },
      now,
    );
    return true;
  } catch {
    // Not allowed by Teams (the app is not installed for them), or Teams is unreachable: they open it themselves.
    return false;
  }
}
