/**
 * What the bot needs to write to a user first (campaigns, reminders, notifications): our own type,
 * validated, so that nothing outside src/teams depends on botbuilder's.
 */
import { z } from 'zod';

export const conversationReferenceSchema = z.object({
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  tenantId: z.string().min(1).nullable(),
  userId: z.string().min(1),
  conversationId: z.string().min(1),
  botId: z.string().min(1),
  botName: z.string().nullable(),
});

export type ConversationReference = z.infer<typeof conversationReferenceSchema>;
