/** Layer: chat + store. The conversation reference that campaigns and reminders need is kept, latest service URL first. */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => bot.close());

test('install captures the reference, and each message keeps the latest service URL', async () => {
  const student = new Student(bot);
  await student.install();
  const { user } = await bot.app.users.identify({ teamsUserId: student.teamsId }, bot.clock.now);
  expect(await bot.app.users.conversationReference(user.id)).toEqual({
    serviceUrl: bot.connectorUrl,
    channelId: 'msteams',
    tenantId: 'tenant-1',
    userId: student.teamsId,
    conversationId: `a:conv-${student.teamsId}`,
    botId: '28:partix-bot',
    botName: 'Partix',
  });
  // Teams moved the user to another region: the next message carries a new service URL.
  const moved = bot.connectorUrl.replace('127.0.0.1', 'localhost');
  await student.post({
    type: 'message',
    id: 'moved-1',
    text: 'profil',
    serviceUrl: moved,
    channelId: 'msteams',
    from: { id: student.teamsId, name: 'Léa Martin' },
    conversation: { id: `a:conv-${student.teamsId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:partix-bot', name: 'Partix' },
  });
  expect((await bot.app.users.conversationReference(user.id))?.serviceUrl).toBe(moved);
});
