/** Delivers a handler's Reply through botbuilder: the card acted on updated, new messages in order. */
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { Card } from '../cards/template.js';
import { keepUnitsWithNumbers } from '../i18n/spaces.js';
import type { OutgoingMessage, Reply } from './turn.js';

/** Told the id of each challenge card sent, so that the card can be corrected in place later. */
export type OnPendingSent = (pending: NonNullable<OutgoingMessage['pending']>, activityId: string) => Promise<void>;

/** Updates the card acted on (when Teams tells which), then sends the new messages in order. */
export async function deliver(context: TurnContext, reply: Reply, replyToId: string | null, onPending: OnPendingSent): Promise<void> {
  const messages = [...reply.messages];
  if (reply.update) {
    if (replyToId) await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.update)] });
    else messages.unshift({ card: reply.update });
  }
  if (reply.updatePending) {
    await context.updateActivity({ id: reply.updatePending.activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.updatePending.card)] });
  }
  for (const message of messages) {
    const sent = await context.sendActivity(
      message.card ? { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(message.card)] } : { type: ActivityTypes.Message, text: keepUnitsWithNumbers(message.text ?? '') },
    );
    if (message.pending && sent?.id) await onPending(message.pending, sent.id);
  }
}

/** The answer to an Action.Execute: the card that replaces the one clicked, or a short text. */
export async function answerInvoke(context: TurnContext, answer: { card: Card } | { text: string } | null): Promise<void> {
  const body =
    answer === null
      ? {}
      : 'card' in answer
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card }
        : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: keepUnitsWithNumbers(answer.text) };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}
