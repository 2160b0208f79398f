/**
 * A local stand-in for Teams' connector that ENFORCES Teams' rate limits, as
 * https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/rate-limit gives them: per
 * app per tenant 50 requests per second, per bot per conversation 7 per second, 8 per 2 s, 60 per
 * 30 s, 1800 per hour. A send over a limit gets a 429 (with `Retry-After: 1` over the tenant's
 * rate, without it over a conversation's, so both are exercised). It records each accepted message
 * by its text, to tell what was lost or received twice.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const CONVERSATION_WINDOWS: Array<[ms: number, most: number]> = [
  [1000, 7],
  [2000, 8],
  [30_000, 60],
  [3_600_000, 1800],
];

/** Accepted sends in the last `ms` of a sorted list of times (the list only grows at its end). */
function within(times: number[], now: number, ms: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > now - ms; i--) n++;
  return n;
}

export class LimitedConnector {
  /** How many times each message text was accepted. */
  readonly received = new Map<string, number>();
  tooFast = { tenant: 0, conversation: 0 };
  firstAt: number | null = null;
  lastAt: number | null = null;
  private readonly tenantTimes: number[] = [];
  private readonly conversationTimes = new Map<string, number[]>();
  private server: Server | null = null;
  private waiters: Array<{ count: number; ok: () => void }> = [];

  constructor(private readonly perSecond = 50) {}

  get accepted(): number {
    return this.tenantTimes.length;
  }

  /** Resolves once `count` messages have been accepted. */
  reached(count: number): Promise<void> {
    return new Promise((ok) => {
      if (this.accepted >= count) ok();
      else this.waiters.push({ count, ok });
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        res.setHeader('content-type', 'application/json');
        if (!match) {
          res.statusCode = 404;
          res.end('{}');
          return;
        }
        const now = performance.now();
        const conversation = decodeURIComponent(match[1]!);
        const times = this.conversationTimes.get(conversation) ?? [];
        if (within(this.tenantTimes, now, 1000) >= this.perSecond) {
          this.tooFast.tenant++;
          res.statusCode = 429;
          res.setHeader('retry-after', '1');
          res.end('{"error":{"code":"TooManyRequests","message":"tenant rate"}}');
          return;
        }
        if (CONVERSATION_WINDOWS.some(([ms, most]) => within(times, now, ms) >= most)) {
          this.tooFast.conversation++;
          res.statusCode = 429;
          res.end('{"error":{"code":"TooManyRequests","message":"conversation rate"}}');
          return;
        }
        times.push(now);
        this.conversationTimes.set(conversation, times);
        this.tenantTimes.push(now);
        this.firstAt ??= now;
        this.lastAt = now;
        const text = (JSON.parse(body || '{}') as { text?: string }).text ?? '';
        this.received.set(text, (this.received.get(text) ?? 0) + 1);
        res.statusCode = 201;
        res.end(JSON.stringify({ id: `sent-${this.accepted}` }));
        this.waiters = this.waiters.filter((w) => (this.accepted >= w.count ? (w.ok(), false) : true));
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** Of the texts expected: those never received, and the extra copies of those received more than once. */
  tally(expected: string[]): { lost: number; duplicated: number; sent: number } {
    let lost = 0;
    let duplicated = 0;
    for (const text of expected) {
      const n = this.received.get(text) ?? 0;
      if (n === 0) lost++;
      else duplicated += n - 1;
    }
    return { lost, duplicated, sent: expected.length - lost };
  }
}
