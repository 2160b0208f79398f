/**
 * Layer: test helper. What the connector stub reports for a conversation is what the bot did since
 * the last look, and nothing older: otherwise a "must not show" check passes on an earlier card.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startTestBot, Student } from './chat.js';
import { ConnectorStub } from './connector.js';
import { Conversation } from './conversation.js';

let stub: ConnectorStub;
let url: string;
beforeEach(async () => {
  stub = new ConnectorStub();
  url = await stub.start();
});
afterEach(async () => stub.stop());

const put = (conversation: string, id: string, text: string) =>
  fetch(`${url}/v3/conversations/${encodeURIComponent(conversation)}/activities/${id}`, { method: 'PUT', body: JSON.stringify({ type: 'message', text }) });
const post = (conversation: string, text: string) =>
  fetch(`${url}/v3/conversations/${encodeURIComponent(conversation)}/activities`, { method: 'POST', body: JSON.stringify({ type: 'message', text }) });

test('drain hands each sent and updated activity over once, and keeps other conversations’', async () => {
  await put('a:one', 'm1', 'première correction');
  await put('a:two', 'm2', 'autre conversation');
  await post('a:one', 'bonjour');

  const first = stub.drain('a:one');
  expect(first.sent.map((a) => a.text)).toEqual(['bonjour']);
  expect(first.updated.map((u) => [u.id, u.activity.text])).toEqual([['m1', 'première correction']]);

  await put('a:one', 'm3', 'deuxième correction');
  const second = stub.drain('a:one');
  expect(second.sent).toEqual([]);
  expect(second.updated.map((u) => u.id)).toEqual(['m3']);
  expect(stub.drain('a:two').updated.map((u) => u.id)).toEqual(['m2']);
  expect(stub.drain('a:two').updated).toEqual([]);
});

test('a reply after an answer given through Action.Submit does not show the earlier correction again', async () => {
  const bot = await startTestBot({ ADAPTIVE_STRATEGY: 'smart-random' });
  try {
    const chat = new Conversation(bot, new Student(bot));
    await chat.play([['commencer 1.1', [/Question 1/]]]);
    const answered = await chat.step({ click: 'answer', via: 'submit' });
    expect(answered.updated).toHaveLength(1);

    const next = await chat.step('aide');

    expect(next.updated).toEqual([]);
  } finally {
    await bot.close();
  }
});
