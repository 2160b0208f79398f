/**
 * Speaks raw HTTP to the real server (any bytes, any headers, as an attacker would), and starts the
 * real server with its log lines kept, so tests can read what the process logs.
 */
import { request } from 'node:http';
import { startTestBot, type TestBot } from './chat.js';

export interface RawAnswer {
  /** 0 when the server did not answer within the time given. */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

export function rawRequest(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: Buffer | string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const started = performance.now();
  const target = new URL(options.path ?? '/api/messages', url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Omit<RawAnswer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, ms: performance.now() - started });
    };
    const req = request(target, { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: 0, headers: {}, body: '' });
    }, options.timeoutMs ?? 15_000);
    // The server may answer (413, 415) and close before it has read everything we send.
    req.on('error', () => undefined);
    req.end(options.body);
  });
}

export type LoggedBot = TestBot;

/** The real server, as tests/helpers/chat.ts starts it, with its pino lines kept in memory. */
export function startLoggedBot(env: Record<string, string> = {}): Promise<LoggedBot> {
  return startTestBot({ PUBLIC_URL: '', REPORT_SECRET: '', ...env }, { keepLogs: true });
}

/** A message activity from a user, with every field Teams sends. */
export function messageActivity(bot: { connectorUrl: string }, userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `edge-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: bot.connectorUrl,
    channelId: 'msteams',
    from: { id: userId, name: 'Léa Martin', aadObjectId: `aad-${userId}` },
    conversation: { id: `a:conv-${userId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:partix-bot', name: 'Partix' },
    locale: 'fr-FR',
    text: 'profil',
    ...extra,
  };
}
