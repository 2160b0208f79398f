/** The queries of the users and conversation_refs tables, compiled once per database (they run on every turn). */
import { sql, type Kysely } from 'kysely';
import { CompiledStatement } from '../store/compiled-query.js';
import type { Database } from '../store/schema.js';

export function userStatements(db: Kysely<Database>) {
  const reference = {
    service_url: 'serviceUrl',
    tenant_id: 'tenantId',
    teams_user_id: 'teamsUserId',
    conversation_id: 'conversationId',
    bot_id: 'botId',
    bot_name: 'botName',
    channel_id: 'channelId',
    updated_at: 'stamp',
  } as const;
  const withReference = () =>
    db
      .selectFrom('users')
      .leftJoin('conversation_refs', 'conversation_refs.user_id', 'users.id')
      .selectAll('users')
      .select([
        'conversation_refs.service_url as ref_service_url',
        'conversation_refs.channel_id as ref_channel_id',
        'conversation_refs.tenant_id as ref_tenant_id',
        'conversation_refs.teams_user_id as ref_teams_user_id',
        'conversation_refs.conversation_id as ref_conversation_id',
        'conversation_refs.bot_id as ref_bot_id',
        'conversation_refs.bot_name as ref_bot_name',
      ]);
  return {
    byTeamsId: new CompiledStatement((p) => db.selectFrom('users').selectAll().where('teams_user_id', '=', p<string>('teamsUserId'))),
    /** A turn's sender and the reference stored for them, in one query. */
    byTeamsIdWithReference: new CompiledStatement((p) => withReference().where('users.teams_user_id', '=', p<string>('teamsUserId'))),
    /** The same for several senders (PostgreSQL: the turns of one turn of the event loop, batch.ts). */
    byTeamsIdsWithReference: new CompiledStatement((p) => withReference().where('users.teams_user_id', '=', sql<string>`any(${p<string[]>('teamsUserIds')})`)),
    byId: new CompiledStatement((p) => db.selectFrom('users').selectAll().where('id', '=', p<string>('id'))),
    rename: new CompiledStatement((p) =>
      db.updateTable('users').set({ name: p('name'), locale: p('locale'), updated_at: p('stamp') }).where('id', '=', p<string>('id')),
    ),
    /** Adds a user unless their Teams id is known already (a race: the other request added them). */
    add: new CompiledStatement((p) =>
      db
        .insertInto('users')
        .values({
          id: p('id'),
          teams_user_id: p('teamsUserId'),
          aad_object_id: p('aadObjectId'),
          tenant_id: p('tenantId'),
          name: p('name'),
          locale: p('locale'),
          created_at: p('stamp'),
          updated_at: p('stamp'),
        })
        .onConflict((oc) => oc.column('teams_user_id').doNothing()),
    ),
    reference: new CompiledStatement((p) => db.selectFrom('conversation_refs').selectAll().where('user_id', '=', p<string>('userId'))),
    saveReference: new CompiledStatement((p) => {
      const row = Object.fromEntries(Object.entries(reference).map(([column, name]) => [column, p(name)])) as Record<keyof typeof reference, string>;
      return db
        .insertInto('conversation_refs')
        .values({ user_id: p('id'), ...row })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(row));
    }),
  };
}
