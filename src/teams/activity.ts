/**
 * Everything read from an activity, in one place. First the envelope it must have before botbuilder
 * or the store sees it (who sent it, in which conversation, where to answer: anything else is a
 * 400, never a turn that fails half-way); then what a turn reads of it: the typed text, a card's
 * payload (Action.Execute invoke or Action.Submit value), the files sent, the people mentioned.
 */
import { TurnContext, type Activity, type Mention as MentionEntity } from 'botbuilder';
import { z } from 'zod';
import { parseTextCommand, type CardPayload, type payloadSchema } from './commands.js';
import type { CommandSpec, Mention, SentFile } from './turn.js';

const id = z.string().min(1).max(1024);
const text = (max: number) => z.string().max(max).nullish();

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const envelope = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1024),
    serviceUrl: z.string().max(2048).refine(isHttpUrl, 'an http(s) URL'),
    channelId: z.string().min(1).max(64).nullish(),
    from: z.object({ id, name: text(512), aadObjectId: text(256) }).passthrough(),
    conversation: z.object({ id, conversationType: text(64), tenantId: text(256) }).passthrough(),
    recipient: z.object({ id: z.string().max(1024) }).passthrough().nullish(),
    locale: text(64),
    text: z.string().nullish(),
    name: text(256),
    replyToId: text(1024),
    attachments: z.array(z.object({}).passthrough()).nullish(),
    entities: z.array(z.object({}).passthrough()).nullish(),
    membersAdded: z.array(z.object({ id: z.string().max(1024) }).passthrough()).nullish(),
    channelData: z.object({}).passthrough().nullish(),
  })
  .passthrough();

export type ActivityParse = { ok: true; activity: Activity } | { ok: false; reason: string };

/** What botbuilder's own reader does after parsing: dates arrive as strings. */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

export function parseActivity({ body }: { body: Record<string, unknown> }): ActivityParse {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'activity'}: ${issue?.message ?? 'invalid'}`.slice(0, 200) };
  }
  return { ok: true, activity: withDates(parsed.data) as unknown as Activity };
}

/** What the turn reads commands with: every feature's verb table and the payload schema of their verbs. */
export interface CommandReader {
  commands: Readonly<Record<string, CommandSpec>>;
  payloads: ReturnType<typeof payloadSchema>;
}

export type Incoming =
  | { kind: 'command'; payload: CardPayload }
  | { kind: 'file'; file: SentFile }
  | { kind: 'unknown'; text: string }
  | { kind: 'invalid' };

/** Typed commands longer than this are not commands: answered politely, never parsed. */
const MAX_TEXT_LENGTH = 2000;

/** A message: a file sent, an Action.Submit's value, or typed text (mentions removed). */
export function readMessage(activity: Activity, reader: CommandReader): Incoming {
  const [file] = sentFiles(activity);
  if (file) return { kind: 'file', file };
  if (activity.value !== undefined && activity.value !== null) {
    const parsed = reader.payloads.safeParse(activity.value);
    return parsed.success ? { kind: 'command', payload: parsed.data } : { kind: 'invalid' };
  }
  const text = textWithoutMentions(activity);
  if (!text.trim()) return { kind: 'unknown', text: '' };
  if (text.length > MAX_TEXT_LENGTH) return { kind: 'unknown', text };
  const payload = parseTextCommand(text, reader.commands);
  return payload ? { kind: 'command', payload } : { kind: 'unknown', text: text.trim() };
}

/** An Action.Execute (adaptiveCard/action invoke): its verb and data; null for any other invoke. */
export function readCardAction(activity: Activity, reader: CommandReader): Incoming | null {
  if (activity.name !== 'adaptiveCard/action') return null;
  const value = (activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
  const data = isRecord(value.action?.data) ? value.action.data : {};
  const parsed = reader.payloads.safeParse({ ...data, verb: value.action?.verb });
  return parsed.success ? { kind: 'command', payload: parsed.data } : { kind: 'invalid' };
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Attachments Teams adds to ordinary messages (formatted text), which are not files. */
const NOT_FILES = new Set(['text/html', 'text/plain']);

export function sentFiles(activity: Activity): SentFile[] {
  return (activity.attachments ?? [])
    .filter((a) => a && typeof a.contentType === 'string' && !NOT_FILES.has(a.contentType))
    .map((a) => {
      const url = (a.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
      return { contentType: a.contentType, name: typeof a.name === 'string' ? a.name : '', downloadUrl: a.contentType === FILE_DOWNLOAD_INFO && typeof url === 'string' ? url : null };
    });
}

/** People mentioned, besides the bot and the sender. */
export function mentionsOf(activity: Activity): Mention[] {
  return TurnContext.getMentions(withReadableMentions(activity))
    .filter((m) => m.mentioned.id !== activity.recipient?.id && m.mentioned.id !== activity.from?.id)
    .map((m) => ({ teamsUserId: m.mentioned.id, name: m.mentioned.name ?? null }));
}

/** The text as typed, without the "<at>…</at>" Teams puts for each mention (the bot's first). */
function textWithoutMentions(activity: Activity): string {
  const copy = withReadableMentions(activity);
  if (typeof copy.text !== 'string') return '';
  if (copy.recipient?.id) TurnContext.removeRecipientMention(copy);
  for (const m of TurnContext.getMentions(copy)) TurnContext.removeMentionText(copy, m.mentioned.id);
  return copy.text;
}

/**
 * A copy whose entities are only well-formed mentions: botbuilder's helpers read every entity's
 * type, mentioned id and text without checking them, and change the activity's text.
 */
function withReadableMentions(activity: Activity): Activity {
  const mentions = (activity.entities ?? []).filter((e): e is MentionEntity => {
    const m = e as Partial<MentionEntity> | null;
    return m?.type === 'mention' && typeof m.mentioned?.id === 'string' && typeof m.text === 'string' && m.text !== '';
  });
  return { ...activity, entities: mentions };
}

export function tenantOf(a: Activity): string | null {
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
