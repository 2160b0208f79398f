/**
 * Layer: chat edge. A connector client is kept and shared by the turns on the same serviceUrl; each
 * turn sees it through a view of its own: once the connector did not answer one of a turn's calls,
 * that turn's other calls fail at once, and the other turns still call it.
 */
import type { ConnectorClient } from 'botframework-connector';
import { describe, expect, test } from 'vitest';
import { turnScoped } from '../../src/teams/adapter.js';

function fakeClient(answers: Array<'ok' | 'silent' | 'refused'>) {
  let calls = 0;
  const conversations = {
    async replyToActivity(conversationId: string) {
      calls++;
      const answer = answers.shift() ?? 'ok';
      if (answer === 'silent') throw Object.assign(new Error('socket timeout'), { code: 'ETIMEDOUT' });
      if (answer === 'refused') throw Object.assign(new Error('forbidden'), { statusCode: 403 });
      return { id: `sent to ${conversationId}` };
    },
  };
  const client = { conversations, credentials: { appId: 'bot' } } as unknown as ConnectorClient;
  return { client, calls: () => calls };
}

describe('a turn’s view of a shared connector client', () => {
  test('after a call the connector did not answer, the turn’s next calls fail at once; another turn still calls', async () => {
    const { client, calls } = fakeClient(['silent']);
    const turn = turnScoped(client);
    await expect(turn.conversations.replyToActivity('c1', 'a', {} as never)).rejects.toThrow('socket timeout');
    await expect(turn.conversations.replyToActivity('c1', 'a', {} as never)).rejects.toThrow('socket timeout');
    expect(calls()).toBe(1);

    const other = turnScoped(client);
    await expect(other.conversations.replyToActivity('c2', 'a', {} as never)).resolves.toEqual({ id: 'sent to c2' });
    expect(calls()).toBe(2);
    // The client's other members are the shared client's.
    expect((other as unknown as { credentials: { appId: string } }).credentials.appId).toBe('bot');
  });

  test('an HTTP answer (403) says the connector is there: the turn’s next call is made', async () => {
    const { client, calls } = fakeClient(['refused', 'ok']);
    const turn = turnScoped(client);
    await expect(turn.conversations.replyToActivity('c1', 'a', {} as never)).rejects.toThrow('forbidden');
    await expect(turn.conversations.replyToActivity('c1', 'a', {} as never)).resolves.toEqual({ id: 'sent to c1' });
    expect(calls()).toBe(2);
  });
});
