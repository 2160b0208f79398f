/**
 * Runs the real server (real SQLite, real content loader, real botbuilder adapter) and talks to it as
 * Teams would: message and invoke activities over HTTP, replies caught by the local connector stub.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createApp, type App } from '../../src/app.js';
import type { ChartSource } from '../../src/charts/wiring.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildServer } from '../../src/server.js';
import { ConnectorStub, type SentActivity } from './connector.js';
import { buildTestContent } from './content-builder.js';
import { removeTempDir, tempDir } from './temp.js';

export type CardJson = Record<string, unknown>;

export interface BotReply {
  /** Plain text messages, in order. */
  texts: string[];
  /** New cards, in order, with the id of the message that carries each. */
  cards: Array<{ id: string; card: CardJson }>;
  /** Cards that replaced an earlier message (Action.Submit path, or typed "passer"). */
  updated: Array<{ id: string; card: CardJson }>;
  /** For Action.Execute: the invoke response body. */
  invoke?: { statusCode: number; type: string; value: unknown };
  /** HTTP status of our server's answer. */
  status: number;
}

export class Clock {
  constructor(public now = new Date('2026-03-02T09:00:00Z')) {}
  advanceDays(days: number) {
    this.now = new Date(this.now.getTime() + days * 24 * 3600 * 1000);
  }
  advanceSeconds(seconds: number) {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }
  read = () => this.now;
}

export interface TestBot {
  app: App;
  url: string;
  connector: ConnectorStub;
  connectorUrl: string;
  clock: Clock;
  /** The bot's data folder (SQLite file, uploads). */
  dir: string;
  /** Every JSON log line the process wrote, in order (kept only when asked: `{ keepLogs: true }`). */
  logs: string[];
  /** Stops the server and closes the store, keeping the database for a restart on it. */
  stop(): Promise<void>;
  /** Stops, then removes the database, uploads and content this bot made. */
  close(): Promise<void>;
}

export async function startTestBot(env: Record<string, string> = {}, options: { keepLogs?: boolean; chartSource?: ChartSource } = {}): Promise<TestBot> {
  const dir = tempDir('partix-db-');
  const content = buildTestContent();
  const config = parseConfig({
    DATABASE_URL: join(dir, 'partix.sqlite'),
    CONTENT_DIR: content,
    LOG_LEVEL: options.keepLogs ? 'info' : 'silent',
    PORT: '0',
    JOBS_ENABLED: 'false',
    UPLOAD_DIR: join(dir, 'uploads'),
    PUBLIC_URL: 'https://partix.test',
    REPORT_SECRET: 'a-test-secret-of-enough-length',
    ...env,
  });
  const clock = new Clock();
  const logs: string[] = [];
  const logger = options.keepLogs ? createLogger(config.LOG_LEVEL, { write: (line: string) => void logs.push(line) }) : createLogger(config.LOG_LEVEL);
  const app = await createApp(config, logger, { clock: clock.read, ...(options.chartSource ? { chartSource: options.chartSource } : {}) });
  const server: restify.Server = buildServer(app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const connector = new ConnectorStub();
  const connectorUrl = await connector.start();
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      server.server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await connector.stop();
      await app.store.close();
    })());
  return {
    app,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connector,
    connectorUrl,
    clock,
    dir,
    logs,
    stop,
    async close() {
      try {
        await stop();
      } finally {
        removeTempDir(dir);
        removeTempDir(content);
      }
    },
  };
}

let activityCounter = 0;

export class Student {
  constructor(
    private readonly bot: TestBot,
    readonly teamsId = `29:student-${++activityCounter}`,
    readonly locale = 'fr-FR',
    readonly name = 'Léa Martin',
    readonly tenantId = 'tenant-1',
  ) {}

  private base(type: string) {
    return {
      type,
      id: `act-${++activityCounter}`,
      timestamp: this.bot.clock.now.toISOString(),
      serviceUrl: this.bot.connectorUrl,
      channelId: 'msteams',
      from: { id: this.teamsId, name: this.name, aadObjectId: `aad-${this.teamsId}` },
      conversation: { id: `a:conv-${this.teamsId}`, conversationType: 'personal', tenantId: this.tenantId },
      recipient: { id: '28:partix-bot', name: 'Partix' },
      locale: this.locale,
      channelData: { tenant: { id: this.tenantId } },
    };
  }

  /** Posts any activity (also malformed ones) and gathers what the bot did in reply. */
  async post(activity: Record<string, unknown>): Promise<BotReply> {
    const res = await fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    const conversation = (activity.conversation as { id?: string } | undefined)?.id ?? `a:conv-${this.teamsId}`;
    const { sent, updated } = this.bot.connector.drain(conversation);
    const body = text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : undefined;
    return {
      status: res.status,
      texts: sent.filter((a) => a.text).map((a) => asRead(a.text!)),
      cards: sent.flatMap((a) => cardsOf(a).map((card) => ({ id: a.id, card }))),
      updated: updated.flatMap((u) => cardsOf(u.activity).map((card) => ({ id: u.id, card }))),
      ...(body && body.type ? { invoke: body as BotReply['invoke'] } : {}),
    };
  }

  say(text: string, extra: Record<string, unknown> = {}): Promise<BotReply> {
    return this.post({ ...this.base('message'), text, ...extra });
  }

  /** Sends a file as Teams does: a file.download.info attachment whose downloadUrl the bot fetches. */
  sendFile(name: string, downloadUrl: string, contentType = 'application/vnd.microsoft.teams.file.download.info'): Promise<BotReply> {
    return this.post({
      ...this.base('message'),
      text: '',
      attachments: [{ contentType, name, content: { downloadUrl, uniqueId: 'file-1', fileType: name.split('.').pop() } }],
    });
  }

  install(): Promise<BotReply> {
    return this.post({ ...this.base('conversationUpdate'), membersAdded: [{ id: '28:partix-bot' }] });
  }

  /** Clicks a button through Action.Submit (the fallback path): a message whose value is the data and inputs. */
  submit(messageId: string, data: Record<string, unknown>, inputs: Record<string, string> = {}, activityId?: string): Promise<BotReply> {
    return this.post({ ...this.base('message'), ...(activityId ? { id: activityId } : {}), replyToId: messageId, value: { ...data, ...prefixed(inputs) } });
  }

  /**
   * Clicks a button through Action.Execute (Universal Actions): an adaptiveCard/action invoke.
   * messageId: the card's message, which Teams sends as the invoke's replyToId.
   */
  execute(data: Record<string, unknown>, inputs: Record<string, string> = {}, activityId?: string, messageId?: string): Promise<BotReply> {
    const { verb, ...rest } = data;
    return this.post({
      ...this.base('invoke'),
      ...(activityId ? { id: activityId } : {}),
      ...(messageId ? { replyToId: messageId } : {}),
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...rest, ...prefixed(inputs) } }, trigger: 'manual' },
    });
  }
}

function prefixed(inputs: Record<string, string>) {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`in_${k}`, v]));
}

function cardsOf(activity: SentActivity): CardJson[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

/**
 * What a user reads: a non-breaking space (which keeps "40 pix" on one line) reads as a space, so
 * assertions are written with plain spaces; tests/cards/card-walker.test.ts checks the raw cards.
 */
export function asRead(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** Every text of a card, in reading order, for assertions on what the user reads. */
export function cardText(card: CardJson): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      if (typeof o.title === 'string' && o.type !== 'Action.Submit') texts.push(o.title);
      if (typeof o.label === 'string') texts.push(o.label);
      if (typeof o.value === 'string' && typeof o.title === 'string') texts.push(o.value);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return asRead(texts.join('\n'));
}

export interface FoundAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute of a card (its fallback Submit carries the same data). */
export function cardActions(card: CardJson): FoundAction[] {
  const found: FoundAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push({ title: String(o.title), verb: String(o.verb), data: o.data as Record<string, unknown> });
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return found;
}

export function actionNamed(card: CardJson, verb: string, competenceId?: string): FoundAction {
  const action = cardActions(card).find((a) => a.verb === verb && (!competenceId || a.data.competenceId === competenceId));
  if (!action) throw new Error(`no action ${verb} ${competenceId ?? ''} in card:\n${cardText(card)}`);
  return action;
}
