/**
 * Layer: outbox + proactive delivery through the real CloudAdapter to the local connector stub, for
 * a push to a class: one row per student, keyed `campaign:<id>:push:<student>`. Each reachable
 * student gets exactly one card whatever Teams answers first (429 with or without Retry-After, 503),
 * the others are counted per reason, and the counts come from the rows of that push only.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { deliverOutbox } from '../helpers/jobs.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => bot.close());

const card = (name: string) => ({ card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Campagne ${name}` }] } });

async function enqueuePush(campaign: string, teamsIds: string[]) {
  for (const teamsId of teamsIds) {
    const { user } = await bot.app.users.identify({ teamsUserId: teamsId }, bot.clock.now);
    await bot.app.outbox.enqueue({ idempotencyKey: `campaign:${campaign}:push:${user.id}`, userId: user.id, kind: 'campaign', payload: card(campaign), now: bot.clock.now });
  }
}

test('a push to a class: every reachable student gets one card, the others are counted with their reason', async () => {
  const opened = ['29:ok', '29:limited', '29:limited-no-header', '29:busy', '29:blocked', '29:gone'];
  for (const id of opened) await new Student(bot, id).install();
  for (const id of opened) bot.connector.drain(`a:conv-${id}`);
  bot.connector.failFor.set('a:conv-29:limited', [429]);
  bot.connector.failFor.set('a:conv-29:limited-no-header', [{ status: 429, retryAfter: null }]);
  bot.connector.failFor.set('a:conv-29:busy', [503, 503]);
  bot.connector.failFor.set('a:conv-29:blocked', [403]);
  bot.connector.failFor.set('a:conv-29:gone', [404]);
  // '29:never' is in the class but never opened the bot.
  await enqueuePush('c1', [...opened, '29:never']);
  // Another campaign's push to one of them: not in c1's counts.
  await enqueuePush('c2', ['29:ok']);

  const first = await deliverOutbox(bot);
  expect(first).toMatchObject({ sent: 1, retried: 3, failed: 3 });
  expect(await bot.app.outbox.deliveryCounts(['campaign:c1:push:'])).toMatchObject({
    total: 7,
    states: { pending: 3, sending: 0, sent: 1, failed: 3 },
    failed: { blocked: 1, conversation_gone: 1, never_opened: 1, gave_up: 0, unknown: 0 },
  });

  for (let pass = 0; pass < 10 && (await bot.app.outbox.deliveryCounts(['campaign:c1:push:', 'campaign:c2:push:'])).states.pending > 0; pass++) {
    bot.clock.advanceSeconds(30);
    await deliverOutbox(bot);
  }

  expect(await bot.app.outbox.deliveryCounts(['campaign:c1:push:'])).toMatchObject({ total: 7, states: { pending: 0, sending: 0, sent: 4, failed: 3 } });
  expect((await bot.app.outbox.deliveryCounts(['campaign:c2:push:'])).states).toEqual({ pending: 0, sending: 0, sent: 1, failed: 0 });
  for (const id of ['29:limited', '29:limited-no-header', '29:busy']) {
    expect(bot.connector.drain(`a:conv-${id}`).sent.map((a) => a.attachments?.[0]?.content), id).toEqual([card('c1').card]);
  }
  // 29:ok had both campaigns' cards, one each, 2 s apart at least.
  expect(bot.connector.drain('a:conv-29:ok').sent.map((a) => JSON.stringify(a.attachments?.[0]?.content))).toEqual(
    expect.arrayContaining([JSON.stringify(card('c1').card), JSON.stringify(card('c2').card)]),
  );
  for (const id of ['29:blocked', '29:gone']) expect(bot.connector.drain(`a:conv-${id}`).sent, id).toEqual([]);
});

test('the counts of a push read only its own keys, even when a key holds characters LIKE would match', async () => {
  await new Student(bot, '29:solo').install();
  const { user } = await bot.app.users.identify({ teamsUserId: '29:solo' }, bot.clock.now);
  for (const key of ['campaign:a_1:push:x', 'campaign:aX1:push:x', 'CAMPAIGN:a_1:push:y']) {
    await bot.app.outbox.enqueue({ idempotencyKey: key, userId: user.id, kind: 'campaign', payload: { text: key }, now: bot.clock.now });
  }
  expect((await bot.app.outbox.deliveryCounts(['campaign:a_1:push:'])).total).toBe(1);
  expect((await bot.app.outbox.deliveryCounts([])).total).toBe(0);
});
