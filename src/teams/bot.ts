/**
 * The chat edge, one turn: identify the sender (identify.ts), read the activity (activity.ts), apply
 * the group-chat policy (conversation-policy.ts), route to a feature's handler (router.ts), deliver
 * its reply (deliver.ts). Every botbuilder type stays in this folder.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { RenderContext } from '../cards/render.js';
import type { CardTemplates } from '../cards/template.js';
import type { Framework } from '../framework/model.js';
import { langOf, messages } from '../i18n/messages.js';
import { langOfUser } from '../i18n/lang.js';
import type { Logger } from '../logger.js';
import type { User, UserRepository } from '../users/users.js';
import { mentionsOf, readCardAction, readMessage, tenantOf, type CommandReader, type Incoming } from './activity.js';
import { isPersonal, messagePolicy, sharedReply, welcomesFirst, welcomesOnInstall } from './conversation-policy.js';
import { answerInvoke, deliver, type OnPendingSent } from './deliver.js';
import { userMessageFor } from './error-messages.js';
import { identifySender } from './identify.js';
import { openPersonalChat } from './open-chat.js';
import { cardPayloadSchema, COMMANDS, createRouter, type Router, type RouterDeps } from './router.js';
import type { CardPayload, Reply, Turn } from './turn.js';

export interface BotDeps {
  users: UserRepository;
  framework: Framework;
  cards: CardTemplates;
  logger: Logger;
  clock: () => Date;
  /** Each feature's own deps (router.ts lists the features). */
  features: RouterDeps;
  /** Keeps the message id of a challenge card sent, to correct the card in place later. */
  onPendingSent: OnPendingSent;
}

const READER: CommandReader = { commands: COMMANDS, payloads: cardPayloadSchema };

const text = (value: string): Reply => ({ messages: [{ text: value }] });

type Routable = Extract<Incoming, { kind: 'command' | 'file' }>;

export class PartixBot {
  private readonly router: Router;

  constructor(private readonly deps: BotDeps) {
    this.router = createRouter(deps.features);
  }

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const correlationId = randomUUID().slice(0, 8);
    const log = this.deps.logger.child({ correlationId, type: activity.type, activityId: activity.id });
    try {
      if (activity.type === ActivityTypes.Message) await this.onMessage(context, log);
      else if (activity.type === ActivityTypes.Invoke) await this.onInvoke(context, log);
      else if (activity.type === ActivityTypes.ConversationUpdate) await this.onConversationUpdate(context);
      else if (activity.type === ActivityTypes.InstallationUpdate && activity.from?.id) await this.identify(context);
      else log.debug('activity ignored');
    } catch (error) {
      log.error({ err: error }, 'turn failed');
      const t = messages(langOf(activity.locale));
      if (activity.type === ActivityTypes.Invoke) await answerInvoke(context, { text: t.errUnexpected(correlationId) }).catch(() => undefined);
      else await context.sendActivity(t.errUnexpected(correlationId)).catch((e: unknown) => log.error({ err: e }, 'could not tell the user'));
    }
  }

  private identify(context: TurnContext) {
    return identifySender({ activity: context.activity, users: this.deps.users, now: this.deps.clock() });
  }

  /** The user's chosen language wins over the activity's locale (the Playground always sends en-US). */
  private renderContext(user: User, locale: string | null | undefined): RenderContext {
    const lang = langOfUser({ language: user.language, locale: locale ?? user.locale });
    return { cards: this.deps.cards, t: messages(lang), lang, locale, framework: this.deps.framework };
  }

  private async onConversationUpdate(context: TurnContext) {
    if (!welcomesOnInstall(context.activity)) return;
    const { user } = await this.identify(context);
    await this.deliver(context, await this.router.route(this.turn(context, user, { verb: 'welcome' }, null)), null);
  }

  private async onMessage(context: TurnContext, log: Logger) {
    const a = context.activity;
    const { user, created } = await this.identify(context);
    const t = this.renderContext(user, a.locale).t;
    const incoming = readMessage(a, READER);
    const replies: Reply[] = [];
    if (welcomesFirst(a, created, incoming)) replies.push(await this.router.route(this.turn(context, user, { verb: 'welcome' }, null)));
    const policy = messagePolicy(a, incoming);
    if (policy === 'refuse') replies.push(text(t.errPersonalOnly));
    else if (policy === 'answer' && (incoming.kind === 'command' || incoming.kind === 'file')) {
      const outcome = await this.answer(context, user, incoming, log);
      replies.push('refused' in outcome ? text(outcome.refused) : outcome.reply);
    } else if (policy === 'answer' && incoming.kind === 'unknown' && !created) replies.push(text(t.errUnknownCommand(incoming.text.slice(0, 60))));
    else if (policy === 'answer' && incoming.kind === 'invalid') replies.push(text(t.errMalformedAnswer));
    for (const reply of replies) await this.deliver(context, isPersonal(a) ? reply : sharedReply(reply), a.replyToId ?? null);
  }

  /** Action.Execute: the answer is the card that replaces the one clicked; other messages are sent. */
  private async onInvoke(context: TurnContext, log: Logger) {
    const incoming = readCardAction(context.activity, READER);
    if (!incoming) return answerInvoke(context, null);
    const { user } = await this.identify(context);
    const t = this.renderContext(user, context.activity.locale).t;
    if (incoming.kind !== 'command') return answerInvoke(context, { text: t.errMalformedAnswer });
    const outcome = await this.answer(context, user, incoming, log);
    if ('refused' in outcome) return answerInvoke(context, { text: outcome.refused });
    await answerInvoke(context, outcome.reply.update ? { card: outcome.reply.update } : { text: t.ack });
    await this.deliver(context, { ...outcome.reply, update: undefined }, null);
  }

  /** A command or a file, routed; a refusal (a domain error) becomes its message. */
  private async answer(context: TurnContext, user: User, incoming: Routable, log: Logger): Promise<{ reply: Reply } | { refused: string }> {
    const turn = this.turn(context, user, incoming.kind === 'file' ? { verb: 'import' } : incoming.payload, context.activity.id ?? null);
    try {
      return { reply: incoming.kind === 'file' ? await this.router.routeFile(turn, incoming.file) : await this.router.route(turn) };
    } catch (error) {
      const message = userMessageFor(error, this.renderContext(user, context.activity.locale).t);
      if (!message) throw error;
      log.info({ err: (error as Error).name }, 'refused');
      return { refused: message };
    }
  }

  private turn(context: TurnContext, user: User, payload: CardPayload, activityId: string | null): Turn {
    const a = context.activity;
    const turn: Turn = { user, render: this.renderContext(user, user.locale), payload, activityId, replyToId: a.replyToId ?? null, activity: { tenantId: tenantOf(a), mentions: mentionsOf(a) } };
    if (!isPersonal(a)) turn.openPersonalChat = () => openPersonalChat(context, this.deps.users, user.id, this.deps.clock());
    return turn;
  }

  private deliver(context: TurnContext, reply: Reply, replyToId: string | null) {
    return deliver(context, reply, replyToId, this.deps.onPendingSent);
  }
}
