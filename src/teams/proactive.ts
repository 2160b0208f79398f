/** Sends an outbox message to a user first, through the CloudAdapter and their stored conversation reference. */
import { ActivityTypes, CardFactory, type CloudAdapter, type ConversationReference as BotReference } from 'botbuilder';
import { keepUnitsWithNumbers } from '../i18n/spaces.js';
import { boundSendClient } from './adapter.js';
import type { OutboxPayload } from '../notifications/outbox.js';
import type { SendResult, Sender } from '../notifications/delivery.js';
import type { ConversationReference } from '../users/conversation-reference.js';

function toBotReference(ref: ConversationReference): Partial<BotReference> {
  return {
    serviceUrl: ref.serviceUrl,
    channelId: ref.channelId,
    user: { id: ref.userId, name: '' },
    bot: { id: ref.botId, name: ref.botName ?? '' },
    conversation: { id: ref.conversationId, isGroup: false, conversationType: 'personal', name: '', ...(ref.tenantId ? { tenantId: ref.tenantId } : {}) },
  };
}

interface HttpishError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  response?: { status?: number; headers?: { get?: (name: string) => string | null | undefined } | Record<string, string> };
}

function retryAfter(error: HttpishError): number | undefined {
  const headers = error.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw === null || raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * A send that the connector never answers would hold its delivery slot, and the delivery job, for
 * ever: each call is bounded by `timeoutMs` (a timeout is an outcome unknown: never sent again).
 */
export function createSender(adapter: CloudAdapter, appId: string, timeoutMs: number): Sender {
  return {
    async send(reference: ConversationReference, payload: OutboxPayload): Promise<SendResult> {
      try {
        // The adapter hands errors thrown in the turn to onTurnError: catch them here instead.
        let failure: unknown = null;
        await adapter.continueConversationAsync(appId, toBotReference(reference), async (context) => {
          const key = adapter.ConnectorClientKey;
          context.turnState.set(key, boundSendClient(context.turnState.get(key), timeoutMs));
          try {
            await context.sendActivity(
              'card' in payload
                ? { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(payload.card)] }
                : { type: ActivityTypes.Message, text: keepUnitsWithNumbers(payload.text) },
            );
          } catch (error) {
            failure = error;
          }
        });
        if (failure) throw failure;
        return { ok: true };
      } catch (caught) {
        const error = caught as HttpishError;
        const status = error.statusCode ?? error.status ?? error.response?.status ?? null;
        const after = retryAfter(error);
        return {
          ok: false,
          status,
          error: error.message ?? String(caught),
          ...(after !== undefined ? { retryAfterSeconds: after } : {}),
          ...(status === null ? { connectionRefused: error.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(error.message ?? '') } : {}),
        };
      }
    },
  };
}
