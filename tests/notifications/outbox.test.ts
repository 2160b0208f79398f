/**
 * Layer: outbox + proactive delivery through the real CloudAdapter to the local connector stub.
 * Retries what Teams says to retry, records what it cannot deliver, never sends twice.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { deliverOutbox } from '../helpers/jobs.js';

let bot: TestBot;
let userId: string;
const student = () => new Student(bot, '29:reader');

beforeEach(async () => {
  bot = await startTestBot();
  await student().install();
  bot.connector.drain('a:conv-29:reader');
  userId = (await bot.app.users.identify({ teamsUserId: '29:reader' }, bot.clock.now)).user.id;
});
afterEach(async () => bot.close());

async function enqueue(key: string, text = 'Bonjour') {
  return bot.app.outbox.enqueue({ idempotencyKey: key, userId, kind: 'test', payload: { text }, now: bot.clock.now });
}

test('a message is sent once, even when enqueued twice or delivered again', async () => {
  expect(await enqueue('k1', 'Votre import est terminé')).toBe(true);
  expect(await enqueue('k1', 'Votre import est terminé')).toBe(false);
  expect(await deliverOutbox(bot)).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0 });
  expect(await deliverOutbox(bot)).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 });
  expect(bot.connector.drain('a:conv-29:reader').sent.map((a) => a.text)).toEqual(['Votre import est terminé']);
  expect((await bot.app.outbox.byKey('k1'))?.state).toBe('sent');
});

test('429 is retried after its Retry-After, 503 with backoff, then the message is sent', async () => {
  await enqueue('k2');
  bot.connector.failNext = [429];
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 1 });
  const after429 = (await bot.app.outbox.byKey('k2'))!;
  expect(after429).toMatchObject({ state: 'pending', lastStatus: 429 });
  expect(after429.nextAttemptAt.getTime() - bot.clock.now.getTime()).toBe(1000);
  expect(await deliverOutbox(bot)).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 });
  // One second for Retry-After, and the conversation's turn (one send per 2 s) has come round too.
  bot.clock.advanceSeconds(2);
  bot.connector.failNext = [503];
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 1 });
  bot.clock.advanceSeconds(60);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 1 });
  expect(bot.connector.drain('a:conv-29:reader').sent).toHaveLength(1);
});

test('429 without Retry-After waits a backoff with jitter: more than half the base delay, at most all of it', async () => {
  await enqueue('k-429');
  bot.connector.failNext = [{ status: 429, retryAfter: null }];
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 1 });
  const wait = (await bot.app.outbox.byKey('k-429'))!.nextAttemptAt.getTime() - bot.clock.now.getTime();
  // tests/helpers/jobs.ts: baseDelayMs 1000.
  expect(wait).toBeGreaterThanOrEqual(500);
  expect(wait).toBeLessThanOrEqual(1000);
});

test('a longer Retry-After is honoured as given', async () => {
  await enqueue('k-429-long');
  bot.connector.failNext = [{ status: 429, retryAfter: '30' }];
  await deliverOutbox(bot);
  expect((await bot.app.outbox.byKey('k-429-long'))!.nextAttemptAt.getTime() - bot.clock.now.getTime()).toBe(30_000);
  bot.clock.advanceSeconds(29);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 0 });
  bot.clock.advanceSeconds(1);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 1 });
});

test.each([412, 502, 503, 504])('%i is retried, then the message is sent once', async (status) => {
  await enqueue(`k-${status}`);
  bot.connector.failNext = [status];
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 1 });
  expect(await bot.app.outbox.byKey(`k-${status}`)).toMatchObject({ state: 'pending', lastStatus: status, attempts: 1 });
  bot.clock.advanceSeconds(60);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 1 });
  expect(bot.connector.drain('a:conv-29:reader').sent).toHaveLength(1);
});

test.each([
  [403, 'blocked'],
  [404, 'conversation_gone'],
  [400, 'rejected'],
] as const)('%i ends the delivery and is recorded with its reason (%s), never retried', async (status, reason) => {
  await enqueue(`k-${status}`);
  bot.connector.failNext = [status];
  const before = bot.connector.requests;
  expect(await deliverOutbox(bot)).toMatchObject({ failed: 1 });
  expect(await bot.app.outbox.byKey(`k-${status}`)).toMatchObject({ state: 'failed', lastStatus: status, failure: reason });
  bot.clock.advanceSeconds(3600);
  await deliverOutbox(bot);
  expect(bot.connector.requests - before).toBe(1);
});

test('after too many retryable failures the message is recorded as failed', async () => {
  await enqueue('k3');
  for (let i = 0; i < 3; i++) {
    bot.connector.failNext = [502];
    await deliverOutbox(bot);
    bot.clock.advanceSeconds(3600);
  }
  expect(await bot.app.outbox.byKey('k3')).toMatchObject({ state: 'failed', lastStatus: 502, attempts: 3, failure: 'gave_up' });
});

test('a user who never talked to the bot cannot be written to: recorded, not retried', async () => {
  const { user } = await bot.app.users.identify({ teamsUserId: '29:silent' }, bot.clock.now);
  await bot.app.outbox.enqueue({ idempotencyKey: 'k4', userId: user.id, kind: 'test', payload: { text: 'x' }, now: bot.clock.now });
  expect(await deliverOutbox(bot)).toMatchObject({ failed: 1 });
  expect(await bot.app.outbox.byKey('k4')).toMatchObject({ failure: 'never_opened', lastError: expect.stringMatching(/no conversation reference/) });
});

test('a message left half-sent by a crash is recorded, not sent again', async () => {
  await enqueue('k5');
  const claim = await bot.app.outbox.claimDue(bot.clock.now, 10, 10_000);
  expect(await bot.app.outbox.markSending(claim.messages[0]!, claim.token, bot.clock.now)).toBe(true);
  // Just handed to Teams, it may be in another instance's hands: left alone.
  expect(await bot.app.outbox.recoverInterrupted(bot.clock.now)).toBe(0);
  bot.clock.advanceSeconds(11 * 60);
  expect(await bot.app.outbox.recoverInterrupted(bot.clock.now)).toBe(1);
  expect(await deliverOutbox(bot)).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 });
  expect(await bot.app.outbox.byKey('k5')).toMatchObject({ state: 'failed', failure: 'outcome_unknown' });
});

test('a row whose stored payload cannot be read is recorded as failed, and the messages after it are still sent', async () => {
  await enqueue('k-broken', 'Jamais lu');
  await enqueue('k-after', 'Votre import est terminé');
  // As a row written by hand or by an older version would be.
  await bot.app.store.db.updateTable('outbox').set({ payload: '{"card": 42' }).where('idempotency_key', '=', 'k-broken').execute();
  expect(await deliverOutbox(bot)).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0 });
  expect(bot.connector.drain('a:conv-29:reader').sent.map((a) => a.text)).toEqual(['Votre import est terminé']);
  const broken = await bot.app.store.db.selectFrom('outbox').select(['state', 'last_error']).where('idempotency_key', '=', 'k-broken').executeTakeFirstOrThrow();
  expect(broken.state).toBe('failed');
  expect(broken.last_error).toMatch(/outbox\.payload of .* is not JSON/);
});

test('two messages to one student in one pass: the second waits for the conversation\'s next turn, 2 s later', async () => {
  await enqueue('turn-1', 'Premier');
  bot.clock.advanceSeconds(0.001);
  await enqueue('turn-2', 'Second');
  expect(await deliverOutbox(bot)).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 1 });
  const second = (await bot.app.outbox.byKey('turn-2'))!;
  expect(second).toMatchObject({ state: 'pending', attempts: 0 });
  expect(second.nextAttemptAt.getTime() - bot.clock.now.getTime()).toBe(2000);
  bot.clock.advanceSeconds(1);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 0 });
  bot.clock.advanceSeconds(1);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 1 });
  expect(bot.connector.drain('a:conv-29:reader').sent.map((a) => a.text)).toEqual(['Premier', 'Second']);
});

test('a text sent first keeps a number with its unit on one line, as replies do (72 h, 80 pix)', async () => {
  await enqueue('k-units', 'Le lien est valable 72 h ; score : 80 pix');
  await deliverOutbox(bot);
  expect(bot.connector.drain('a:conv-29:reader').sent.map((a) => a.text)).toEqual(['Le lien est valable 72\u00a0h ; score : 80\u00a0pix']);
});

test('a connector that never answers holds a send for CONNECTOR_TIMEOUT_MS, not for ever: recorded as unknown, not sent again, and the next message goes', async () => {
  const slow = await startTestBot({ CONNECTOR_TIMEOUT_MS: '400' });
  try {
    await new Student(slow, '29:waiting').install();
    slow.connector.drain('a:conv-29:waiting');
    const id = (await slow.app.users.identify({ teamsUserId: '29:waiting' }, slow.clock.now)).user.id;
    await slow.app.outbox.enqueue({ idempotencyKey: 'held', userId: id, kind: 'test', payload: { text: 'Premier' }, now: slow.clock.now });
    slow.connector.holdNext = 1;
    const started = Date.now();
    expect(await deliverOutbox(slow)).toMatchObject({ sent: 0, failed: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await slow.app.outbox.byKey('held')).toMatchObject({ state: 'failed', failure: 'outcome_unknown' });
    await slow.app.outbox.enqueue({ idempotencyKey: 'next', userId: id, kind: 'test', payload: { text: 'Suivant' }, now: slow.clock.now });
    slow.clock.advanceSeconds(2);
    expect(await deliverOutbox(slow)).toMatchObject({ sent: 1 });
    expect(slow.connector.drain('a:conv-29:waiting').sent.map((a) => a.text)).toEqual(['Suivant']);
  } finally {
    await slow.close();
  }
});
