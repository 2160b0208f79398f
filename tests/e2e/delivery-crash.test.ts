/**
 * Layer: whole process. The bot's own delivery worker (JOBS_ENABLED, its schedule, its batch of 100)
 * is killed (SIGKILL) while a proactive message is on the wire to Teams (held without an answer),
 * the other sends of the batch going on meanwhile. After a restart on the same SQLite file, every
 * message that was never handed to Teams is delivered, once; only those that were on the wire at the
 * kill (the held one, and at most SEND_CONCURRENCY in all) are left ambiguous, never sent again.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { SEND_CONCURRENCY } from '../../src/notifications/delivery.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { openStore } from '../../src/store/database.js';
import { UserRepository } from '../../src/users/users.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { BotProcesses, exited } from '../helpers/process.js';
import { tempDir } from '../helpers/temp.js';

const bots = new BotProcesses();
afterAll(() => bots.cleanUp());

/**
 * Teams' side: records every proactive message it receives and, while `holdAt` is set, leaves the
 * holdAt-th without an answer (the message is on the wire when the bot dies).
 */
function heldConnector() {
  const received: string[] = [];
  let holdAt: number | null = null;
  const held: ServerResponse[] = [];
  let onHold: () => void = () => undefined;
  const holding = new Promise<void>((ok) => (onHold = ok));
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const text = (JSON.parse(body || '{}') as { text?: string }).text;
      if (text?.startsWith('Message ')) {
        received.push(text);
        if (received.length === holdAt) {
          held.push(res);
          onHold();
          return;
        }
      }
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `sent-${received.length}` }));
    });
  });
  return {
    received,
    holding,
    hold(n: number) {
      holdAt = n;
    },
    release() {
      holdAt = null;
      held.forEach((r) => r.destroy());
    },
    async start() {
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

test('a delivery worker killed mid-batch: after a restart every never-sent message is delivered once, only those on the wire are ambiguous', async () => {
  const dir = tempDir('partix-delivery-crash-');
  const env = { DATABASE_URL: join(dir, 'partix.sqlite'), UPLOAD_DIR: join(dir, 'uploads'), CONTENT_DIR: buildTestContent(), OUTBOX_RATE_PER_SECOND: '50' };
  bots.own(dir, env.CONTENT_DIR);
  const connector = heldConnector();
  const connectorUrl = await connector.start();

  let running = await bots.start(env);
  // 40 students who opened the bot (a message each: one conversation takes one message per 2 s).
  const store = await openStore(env.DATABASE_URL);
  const outbox = new Outbox(store.db);
  const users = new UserRepository(store.db);
  const total = 40;
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    const teamsUserId = `29:reader-${i}`;
    const { user } = await users.identify({ teamsUserId }, new Date());
    const reference = { serviceUrl: connectorUrl, channelId: 'msteams', tenantId: 'tenant', userId: teamsUserId, conversationId: `a:conv-${teamsUserId}`, botId: '28:partix', botName: 'Partix' };
    await users.saveConversationReference(user.id, reference, new Date());
    ids.push(user.id);
  }

  // 40 notifications raised at once (a campaign), as another process of the same deployment would.
  connector.hold(5);
  // In one transaction: the worker finds all 40 due at once and takes them in one batch.
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < total; i++) {
      await new Outbox(trx).enqueue({ idempotencyKey: `crash-${i}`, userId: ids[i]!, kind: 'test', payload: { text: `Message ${i}` }, now: new Date() });
    }
  });

  await connector.holding;
  await exited(running.child, 'SIGKILL');
  connector.release();
  const beforeKill = [...connector.received];
  const held = beforeKill[4]!;
  expect(beforeKill.length).toBeGreaterThanOrEqual(5);

  running = await bots.start(env);
  let counts: Record<string, number> = {};
  for (let i = 0; i < 300 && (counts.sent ?? 0) + (counts.sending ?? 0) < total; i++) {
    await new Promise((ok) => setTimeout(ok, 100));
    counts = await outbox.counts();
  }
  // Every message Teams received, received once; those on the wire when the process died are not sent again.
  const ambiguous = await store.db.selectFrom('outbox').select(['payload', 'attempts']).where('state', '=', 'sending').execute();
  const ambiguousTexts = ambiguous.map((r) => JSON.parse(r.payload).text as string);
  expect(counts).toEqual({ sent: total - ambiguous.length, sending: ambiguous.length });
  expect(ambiguous.length).toBeLessThanOrEqual(SEND_CONCURRENCY);
  expect(ambiguousTexts).toContain(held);
  // An ambiguous one may have been marked "sending" a moment before the kill and never reached Teams: at most once.
  for (let i = 0; i < total; i++) {
    const text = `Message ${i}`;
    const times = connector.received.filter((r) => r === text).length;
    if (ambiguousTexts.includes(text)) expect(times, text).toBeLessThanOrEqual(1);
    else expect(times, text).toBe(1);
  }

  expect(await exited(running.child, 'SIGTERM')).toBe(0);
  await store.close();
  await connector.stop();
}, 90_000);
