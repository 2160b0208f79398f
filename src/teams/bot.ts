/**
 * The chat edge: reads an activity, identifies the user, keeps their conversation reference, routes
 * to a handler and delivers its reply. Every botbuilder type stays in this folder.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { ActivityTypes, CardFactory, TurnContext, type Activity } from 'botbuilder';
import type { AssessmentDeps } from '../assessment/deps.js';
import type { RenderContext } from '../cards/render.js';
import type { CardTemplates } from '../cards/template.js';
import type { Framework } from '../framework/model.js';
import { langOf, messages } from '../i18n/messages.js';
import type { Logger } from '../logger.js';
import type { User, UserRepository } from '../users/users.js';
import { acceptedFileName, downloadToFile } from '../schools/upload.js';
import { UAJ_PATTERN } from '../schools/uaj.js';
import { cardPayloadSchema, parseTextCommand, type CardPayload, type ParsedCommand } from './commands.js';
import { userMessageFor } from './error-messages.js';
import { HANDLERS, type OutgoingMessage, type Reply, type Turn } from './handlers.js';
import { importUploadedFile, requireReferent, type SchoolTurnDeps } from './school-handlers.js';

export interface BotDeps {
  users: UserRepository;
  assessments: AssessmentDeps;
  framework: Framework;
  cards: CardTemplates;
  logger: Logger;
  clock: () => Date;
  school: SchoolTurnDeps;
  uploads: { dir: string; maxBytes: number };
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Attachments Teams adds to ordinary messages (formatted text), which are not files. */
const NOT_FILES = new Set(['text/html', 'text/plain']);

interface FileAttachment {
  contentType: string;
  name: string;
  downloadUrl: string | null;
}

function fileAttachments(activity: Activity): FileAttachment[] {
  return (activity.attachments ?? [])
    .filter((a) => a && typeof a.contentType === 'string' && !NOT_FILES.has(a.contentType))
    .map((a) => ({
      contentType: a.contentType,
      name: typeof a.name === 'string' ? a.name : '',
      downloadUrl: a.contentType === FILE_DOWNLOAD_INFO && typeof (a.content as { downloadUrl?: unknown })?.downloadUrl === 'string' ? (a.content as { downloadUrl: string }).downloadUrl : null,
    }));
}

/** A typed command becomes the same payload as its button. */
function payloadOf(command: ParsedCommand): CardPayload {
  const payload: CardPayload = { verb: command.verb };
  if (command.competenceId) payload.competenceId = command.competenceId;
  const rest = command.rest.trim();
  if (command.verb === 'code' && rest) payload.code = rest.slice(0, 40);
  else if (command.verb === 'division' && rest) payload.division = rest.slice(0, 40);
  else if (UAJ_PATTERN.test(rest)) payload.uaj = rest;
  return payload;
}

/** Typed commands longer than this are not commands: answered politely, never parsed. */
const MAX_TEXT_LENGTH = 2000;

type Incoming =
  | { kind: 'command'; payload: CardPayload }
  | { kind: 'file' }
  | { kind: 'unknown'; text: string }
  | { kind: 'invalid' };

export class PartixBot {
  constructor(private readonly deps: BotDeps) {}

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const correlationId = randomUUID().slice(0, 8);
    const log = this.deps.logger.child({ correlationId, type: activity.type, activityId: activity.id });
    try {
      switch (activity.type) {
        case ActivityTypes.Message:
          await this.onMessage(context, log);
          return;
        case ActivityTypes.Invoke:
          await this.onInvoke(context, log);
          return;
        case ActivityTypes.ConversationUpdate:
          await this.onConversationUpdate(context);
          return;
        case ActivityTypes.InstallationUpdate:
          if (activity.from?.id) await this.identify(context);
          return;
        default:
          log.debug('activity ignored');
          return;
      }
    } catch (error) {
      log.error({ err: error }, 'turn failed');
      const text = messages(langOf(activity.locale)).errUnexpected(correlationId);
      if (activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, messageResponse(text)).catch(() => undefined);
      else await context.sendActivity(text).catch((e: unknown) => log.error({ err: e }, 'could not tell the user'));
    }
  }

  private async identify(context: TurnContext): Promise<{ user: User; created: boolean }> {
    const a = context.activity;
    const now = this.deps.clock();
    const identified = await this.deps.users.identify(
      {
        teamsUserId: a.from.id,
        aadObjectId: a.from.aadObjectId ?? null,
        tenantId: tenantOf(a),
        name: a.from.name ?? null,
        locale: a.locale ?? null,
      },
      now,
    );
    const reference = TurnContext.getConversationReference(a);
    // Only the personal chat is where Partix may write first: a group chat or channel is not private.
    if (isPersonal(a) && reference.serviceUrl && reference.conversation?.id && reference.bot?.id) {
      await this.deps.users.saveConversationReference(
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
      );
    }
    return identified;
  }

  private renderContext(locale: string | null | undefined): RenderContext {
    const lang = langOf(locale);
    return { cards: this.deps.cards, t: messages(lang), lang, locale, framework: this.deps.framework };
  }

  private async onConversationUpdate(context: TurnContext) {
    const a = context.activity;
    const botAdded = a.membersAdded?.some((m) => m.id === a.recipient?.id);
    if (!botAdded || !a.from?.id || !isPersonal(a)) return;
    const { user } = await this.identify(context);
    await this.deliver(context, await this.handle(user, { verb: 'welcome' }, null, context), null);
  }

  private async onMessage(context: TurnContext, log: Logger) {
    const { user, created } = await this.identify(context);
    const render = this.renderContext(context.activity.locale ?? user.locale);
    const files = fileAttachments(context.activity);
    const incoming: Incoming = files.length > 0 ? { kind: 'file' } : this.readMessage(context.activity);
    const replies: Reply[] = [];
    if (created && isPersonal(context.activity) && !(incoming.kind === 'command' && incoming.payload.verb === 'welcome')) {
      replies.push(await this.handle(user, { verb: 'welcome' }, null));
    }
    if (!isPersonal(context.activity) && !(incoming.kind === 'command' && GROUP_VERBS.has(incoming.payload.verb))) {
      // Tests, profiles and imports are private: in a group chat or channel only staff's invitations work.
      if (incoming.kind !== 'unknown' || incoming.text) replies.push({ messages: [{ text: render.t.errPersonalOnly }] });
    } else if (incoming.kind === 'command' || incoming.kind === 'file') {
      try {
        replies.push(
          incoming.kind === 'file'
            ? await this.receiveFile(this.turn(context, user, { verb: 'import' }), files[0]!)
            : await this.handle(user, incoming.payload, context.activity.id ?? null, context),
        );
      } catch (error) {
        const text = userMessageFor(error, render.t);
        if (!text) throw error;
        log.info({ err: (error as Error).name }, 'refused');
        replies.push({ messages: [{ text }] });
      }
    } else if (incoming.kind === 'unknown' && !created) {
      replies.push({ messages: [{ text: render.t.errUnknownCommand(incoming.text.slice(0, 60)) }] });
    } else if (incoming.kind === 'invalid') {
      replies.push({ messages: [{ text: render.t.errMalformedAnswer }] });
    }
    for (const reply of replies) await this.deliver(context, reply, context.activity.replyToId ?? null);
  }

  /** Action.Execute: the answer is the card that replaces the one clicked; other messages are sent. */
  private async onInvoke(context: TurnContext, log: Logger) {
    const a = context.activity;
    if (a.name !== 'adaptiveCard/action') {
      await sendInvokeResponse(context, { status: 200, body: {} });
      return;
    }
    const { user } = await this.identify(context);
    const render = this.renderContext(a.locale ?? user.locale);
    const value = (a.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
    const parsed = cardPayloadSchema.safeParse({ ...(isRecord(value.action?.data) ? value.action.data : {}), verb: value.action?.verb });
    if (!parsed.success) {
      await sendInvokeResponse(context, messageResponse(render.t.errMalformedAnswer));
      return;
    }
    let reply: Reply;
    try {
      reply = await this.handle(user, parsed.data, a.id ?? null, context);
    } catch (error) {
      const text = userMessageFor(error, render.t);
      if (!text) throw error;
      log.info({ err: (error as Error).name }, 'refused');
      await sendInvokeResponse(context, messageResponse(text));
      return;
    }
    await sendInvokeResponse(
      context,
      reply.update
        ? { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.update } }
        : messageResponse(render.t.ack),
    );
    await this.deliver(context, { ...reply, update: undefined }, null);
  }

  private readMessage(activity: Activity): Incoming {
    if (activity.value !== undefined && activity.value !== null) {
      const parsed = cardPayloadSchema.safeParse(activity.value);
      return parsed.success ? { kind: 'command', payload: parsed.data } : { kind: 'invalid' };
    }
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (!text.trim()) return { kind: 'unknown', text: '' };
    if (text.length > MAX_TEXT_LENGTH) return { kind: 'unknown', text };
    const command = parseTextCommand(text);
    if (!command) return { kind: 'unknown', text: text.trim() };
    return { kind: 'command', payload: payloadOf(command) };
  }

  private turn(context: TurnContext | null, user: User, payload: CardPayload, activityId: string | null = null): Turn {
    const a = context?.activity;
    const mentions = (a?.entities ?? [])
      .filter((e) => e.type === 'mention')
      .map((e) => (e as unknown as { mentioned?: { id?: string; name?: string } }).mentioned)
      .filter((m): m is { id: string; name?: string } => typeof m?.id === 'string' && m.id !== a?.recipient?.id && m.id !== a?.from?.id)
      .map((m) => ({ teamsUserId: m.id, name: m.name ?? null }));
    return {
      user,
      render: this.renderContext(user.locale),
      deps: this.deps.assessments,
      school: this.deps.school,
      payload,
      activityId,
      activity: { tenantId: a ? tenantOf(a) : null, mentions },
    };
  }

  private handle(user: User, payload: CardPayload, activityId: string | null, context: TurnContext | null = null): Promise<Reply> {
    return HANDLERS[payload.verb](this.turn(context, user, payload, activityId));
  }

  /** A file in chat: checked (type, name, size) before it is fetched whole, then imported in the background. */
  private async receiveFile(turn: Turn, file: FileAttachment): Promise<Reply> {
    const s = turn.render.t.school;
    if (!file.downloadUrl) return { messages: [{ text: s.errFileType(file.contentType) }] };
    if (!acceptedFileName(file.name)) return { messages: [{ text: s.errFileExtension(file.name) }] };
    await requireReferent(turn);
    const path = await downloadToFile({ url: file.downloadUrl, name: file.name, dir: this.deps.uploads.dir, maxBytes: this.deps.uploads.maxBytes });
    // The import keeps its own copy in the database: the download goes, whatever happens.
    try {
      return await importUploadedFile(turn, { name: file.name, path });
    } finally {
      await rm(path, { force: true });
    }
  }

  /** Updates the card acted on (when Teams tells which), then sends the new messages in order. */
  private async deliver(context: TurnContext, reply: Reply, replyToId: string | null) {
    if (reply.update) {
      if (replyToId) await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.update)] });
      else reply.messages.unshift({ card: reply.update });
    }
    if (reply.updatePending) {
      await context.updateActivity({
        id: reply.updatePending.activityId,
        type: ActivityTypes.Message,
        attachments: [CardFactory.adaptiveCard(reply.updatePending.card)],
      });
    }
    for (const message of reply.messages) await this.send(context, message);
  }

  private async send(context: TurnContext, message: OutgoingMessage) {
    const sent = await context.sendActivity(
      message.card ? { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(message.card)] } : { type: ActivityTypes.Message, text: message.text ?? '' },
    );
    if (message.pending && sent?.id) {
      await this.deps.assessments.assessments.setPendingActivity(message.pending.assessmentId, message.pending.challengeId, sent.id);
    }
  }
}

/** What may be asked outside the personal chat: a referent mentioning teachers, and help. */
const GROUP_VERBS: ReadonlySet<string> = new Set(['invite', 'help']);

function isPersonal(a: Activity): boolean {
  const type = a.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

function tenantOf(a: Activity): string | null {
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageResponse(text: string) {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

async function sendInvokeResponse(context: TurnContext, value: { status: number; body: unknown }) {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
}

