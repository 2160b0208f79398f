/** Users as the bot knows them (a Teams account), and their conversation references. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isLang, type Lang } from '../i18n/lang.js';
import type { Database, UsersTable } from '../store/schema.js';
import { readByKey } from '../store/batch.js';
import { userStatements } from './user-store.js';
import { conversationReferenceSchema, type ConversationReference } from './conversation-reference.js';

export interface User {
  id: string;
  teamsUserId: string;
  name: string | null;
  locale: string | null;
  /** The language the user chose (`langue anglais`), which wins over the Teams locale. */
  language: Lang | null;
}

export interface TeamsIdentity {
  teamsUserId: string;
  aadObjectId?: string | null;
  tenantId?: string | null;
  name?: string | null;
  locale?: string | null;
}

type SenderRow = NonNullable<Awaited<ReturnType<ReturnType<typeof userStatements>['byTeamsIdWithReference']['first']>>>;

export class UserRepository {
  private readonly q;
  /** A sender and their reference: on PostgreSQL, the turns of one turn of the event loop in one statement (batch.ts). */
  private readonly sender: (teamsUserId: string) => Promise<SenderRow | undefined>;

  constructor(private readonly db: Kysely<Database>) {
    const q = (this.q = userStatements(db));
    this.sender = readByKey(db, { one: q.byTeamsIdWithReference, oneParam: 'teamsUserId', many: q.byTeamsIdsWithReference, manyParam: 'teamsUserIds', keyOf: (row) => row.teams_user_id });
  }

  /**
   * Finds or creates the user; `created` tells whether this is their first contact. `reference` is
   * the conversation reference stored for them (read in the same query), for saveConversationReference.
   */
  async identify(identity: TeamsIdentity, now: Date): Promise<{ user: User; created: boolean; reference: ConversationReference | null }> {
    const existing = await this.sender(identity.teamsUserId);
    const stamp = now.toISOString();
    if (existing) {
      const changed =
        (identity.name && identity.name !== existing.name) || (identity.locale && identity.locale !== existing.locale);
      if (changed) {
        await this.q.rename.run(this.db, { id: existing.id, name: identity.name ?? existing.name, locale: identity.locale ?? existing.locale, stamp });
      }
      return {
        user: { ...userOf(existing), name: identity.name ?? existing.name, locale: identity.locale ?? existing.locale },
        created: false,
        reference:
          existing.ref_service_url === null
            ? null
            : referenceOf({
                service_url: existing.ref_service_url,
                channel_id: existing.ref_channel_id,
                tenant_id: existing.ref_tenant_id,
                teams_user_id: existing.ref_teams_user_id,
                conversation_id: existing.ref_conversation_id,
                bot_id: existing.ref_bot_id,
                bot_name: existing.ref_bot_name,
              }),
      };
    }
    const user: User = { id: randomUUID(), teamsUserId: identity.teamsUserId, name: identity.name ?? null, locale: identity.locale ?? null, language: null };
    const inserted = await this.q.add.affected(this.db, {
      id: user.id,
      teamsUserId: user.teamsUserId,
      aadObjectId: identity.aadObjectId ?? null,
      tenantId: identity.tenantId ?? null,
      name: user.name,
      locale: user.locale,
      stamp,
    });
    if (inserted === 0) {
      // Two first messages raced: the other one created the user.
      return { ...(await this.identify(identity, now)), created: false };
    }
    return { user, created: true, reference: null };
  }

  /**
   * The user of a Teams id someone else named (a mention): found as stored, or added with the name
   * given. Never renames a known user: only their own messages say what they are called.
   */
  async findOrAdd(identity: { teamsUserId: string; name: string | null }, now: Date): Promise<User> {
    const existing = await this.findByTeamsId(identity.teamsUserId);
    if (existing) return existing;
    const stamp = now.toISOString();
    await this.q.add.run(this.db, { id: randomUUID(), teamsUserId: identity.teamsUserId, aadObjectId: null, tenantId: null, name: identity.name, locale: null, stamp });
    // Whoever won a race to add them, this is the row.
    return (await this.findByTeamsId(identity.teamsUserId))!;
  }

  async findByTeamsId(teamsUserId: string): Promise<User | null> {
    const row = await this.q.byTeamsId.first(this.db, { teamsUserId });
    return row ? userOf(row) : null;
  }

  async find(id: string): Promise<User | null> {
    const row = await this.q.byId.first(this.db, { id });
    return row ? userOf(row) : null;
  }

  /** The language the user chose; it wins over the Teams locale from then on. */
  async setLanguage(userId: string, language: Lang, now: Date): Promise<void> {
    await this.db.updateTable('users').set({ language, updated_at: now.toISOString() }).where('id', '=', userId).execute();
  }

  /**
   * Keeps the latest reference: Teams may move a user to another service URL. Writes only what changed.
   * `stored`: the reference read with the user (identify), so as not to read it again.
   */
  async saveConversationReference(userId: string, reference: ConversationReference, now: Date, stored?: ConversationReference | null): Promise<void> {
    const ref = conversationReferenceSchema.parse(reference);
    if (stored === undefined) stored = await this.conversationReference(userId);
    if (stored && JSON.stringify(stored) === JSON.stringify(ref)) return;
    await this.q.saveReference.run(this.db, {
      id: userId,
      serviceUrl: ref.serviceUrl,
      tenantId: ref.tenantId,
      teamsUserId: ref.userId,
      conversationId: ref.conversationId,
      botId: ref.botId,
      botName: ref.botName,
      channelId: ref.channelId,
      stamp: now.toISOString(),
    });
  }

  async conversationReference(userId: string): Promise<ConversationReference | null> {
    const row = await this.q.reference.first(this.db, { userId });
    return row ? referenceOf(row) : null;
  }

  /** The references of several users in one query (a delivery batch): those who have none are left out. */
  async conversationReferences(userIds: string[]): Promise<Map<string, ConversationReference>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('conversation_refs').selectAll().where('user_id', 'in', userIds).execute();
    return new Map(rows.map((row) => [row.user_id, referenceOf(row)]));
  }
}

type StoredReference = { service_url: string; channel_id: string | null; tenant_id: string | null; teams_user_id: string | null; conversation_id: string | null; bot_id: string | null; bot_name: string | null };

function referenceOf(row: StoredReference): ConversationReference {
  return conversationReferenceSchema.parse({
    serviceUrl: row.service_url,
    channelId: row.channel_id,
    tenantId: row.tenant_id,
    userId: row.teams_user_id,
    conversationId: row.conversation_id,
    botId: row.bot_id,
    botName: row.bot_name,
  });
}

function userOf(row: UsersTable): User {
  return { id: row.id, teamsUserId: row.teams_user_id, name: row.name, locale: row.locale, language: isLang(row.language) ? row.language : null };
}
