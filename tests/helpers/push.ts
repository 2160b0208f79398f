/**
 * A campaign's push as the campaign use cases store it: one student per row, each with a
 * conversation reference (they opened the bot) pointing at a local connector, and one outbox row
 * keyed `campaign:<campaign>:push:<n>` whose text is that key, so that the connector can tell which
 * message it got.
 */
import type { Kysely } from 'kysely';
import { Outbox } from '../../src/notifications/outbox.js';
import type { Database } from '../../src/store/schema.js';
import { UserRepository } from '../../src/users/users.js';

export async function seedPush({ db, students, serviceUrl, campaign = 'bench', now = new Date() }: { db: Kysely<Database>; students: number; serviceUrl: string; campaign?: string; now?: Date }): Promise<string[]> {
  const keys: string[] = [];
  // In chunks, in a transaction each: fast on both databases, and the worker sees whole chunks.
  for (let from = 0; from < students; from += 500) {
    await db.transaction().execute(async (trx) => {
      const users = new UserRepository(trx);
      const outbox = new Outbox(trx);
      for (let n = from; n < Math.min(students, from + 500); n++) {
        const teamsUserId = `29:pupil-${n}`;
        const { user } = await users.identify({ teamsUserId }, now);
        await users.saveConversationReference(
          user.id,
          { serviceUrl, channelId: 'msteams', tenantId: 'tenant-bench', userId: teamsUserId, conversationId: `a:conv-pupil-${n}`, botId: '28:partix', botName: 'Partix' },
          now,
        );
        const key = `campaign:${campaign}:push:${n}`;
        await outbox.enqueue({ idempotencyKey: key, userId: user.id, kind: 'campaign', payload: { text: key }, now });
        keys.push(key);
      }
    });
  }
  return keys;
}
