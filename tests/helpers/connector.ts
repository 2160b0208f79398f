/**
 * A local stand-in for the Bot Framework connector (Teams' side of the conversation): it records the
 * activities the bot sends and updates, over real HTTP on loopback.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// restify patches Node's response prototype, so writeHead() is not chained.
function reply(res: ServerResponse, status: number, body: object) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

export interface SentActivity {
  id: string;
  conversationId: string;
  type: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  replyToId?: string;
}

export interface UpdatedActivity {
  id: string;
  activity: SentActivity;
}

export class ConnectorStub {
  readonly sent: SentActivity[] = [];
  readonly updated: UpdatedActivity[] = [];
  private server: Server | null = null;
  private counter = 0;
  /**
   * Status to answer for the next sends (to test failures), then 200/201. A bare 429 carries
   * `Retry-After: 1`; `{ status, retryAfter }` sets that header as given, or leaves it out (null).
   */
  failNext: Array<number | { status: number; retryAfter: string | null }> = [];
  /** Like failNext, but only for the sends to one conversation (by its id). */
  readonly failFor = new Map<string, Array<number | { status: number; retryAfter: string | null }>>();
  /** Every request received, failed ones included. */
  requests = 0;
  /** How many of the next sends get no answer at all (a connector that hangs; freed at stop). */
  holdNext = 0;
  /** How many of the next sends have their connection closed unanswered (a kept-alive connection the server closed): "socket hang up". */
  resetNext = 0;
  /** Personal chats the bot asked Teams to create (POST /v3/conversations), with whom. */
  readonly conversationsCreated: Array<{ memberId: string; tenantId: string | null }> = [];
  /** Answer 403 to a creation, as Teams does when the app is not installed for the user. */
  refuseConversations = false;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(req.url ?? '')) {
          this.requests++;
          if (this.refuseConversations) return reply(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
          const params = JSON.parse(body || '{}') as { members?: Array<{ id: string }>; tenantId?: string };
          const memberId = params.members?.[0]?.id ?? 'nobody';
          this.conversationsCreated.push({ memberId, tenantId: params.tenantId ?? null });
          // The id a personal chat with this user has in the tests (Student's `a:conv-<id>`).
          return reply(res, 201, { id: `a:conv-${memberId}` });
        }
        const target = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        this.requests++;
        if (target && this.holdNext > 0) {
          this.holdNext--;
          return;
        }
        if (target && this.resetNext > 0) {
          this.resetNext--;
          req.socket.destroy();
          return;
        }
        const forced = (target && this.failFor.get(decodeURIComponent(target[1]!))?.shift()) || this.failNext.shift();
        if (forced) {
          const { status, retryAfter } = typeof forced === 'number' ? { status: forced, retryAfter: forced === 429 ? '1' : null } : forced;
          if (retryAfter !== null) res.setHeader('retry-after', retryAfter);
          reply(res, status, { error: { code: 'Forced', message: `forced ${status}` } });
          return;
        }
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (!match) {
          reply(res, 404, {});
          return;
        }
        const conversationId = decodeURIComponent(match[1]!);
        const activity = JSON.parse(body || '{}') as SentActivity;
        if (req.method === 'PUT') {
          this.updated.push({ id: decodeURIComponent(match[2]!), activity: { ...activity, conversationId } });
          reply(res, 200, { id: match[2] });
          return;
        }
        const id = `sent-${++this.counter}`;
        this.sent.push({ ...activity, id, conversationId });
        reply(res, 201, { id });
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** What was recorded for one conversation since the last call (other conversations keep theirs). */
  drain(conversationId: string): { sent: SentActivity[]; updated: UpdatedActivity[] } {
    return {
      sent: takeFrom(this.sent, (a) => a.conversationId === conversationId),
      updated: takeFrom(this.updated, (u) => u.activity.conversationId === conversationId),
    };
  }
}

/** Removes from the list itself (not from a copy of it) what matches, and returns it. */
function takeFrom<T>(list: T[], matches: (item: T) => boolean): T[] {
  const taken = list.filter(matches);
  const kept = list.filter((item) => !matches(item));
  list.splice(0, list.length, ...kept);
  return taken;
}
