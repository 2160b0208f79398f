/** The queries of the knowledge elements table, for the assessment repository. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { KnowledgeElement } from './knowledge.js';

/** The latest element per skill that no reset or improvement has dropped. */
export async function readKnowledge(db: Kysely<Database>, userId: string, competenceId?: string): Promise<Map<string, KnowledgeElement>> {
  let query = db
    .selectFrom('knowledge_elements')
    .select(['skill_id', 'status', 'source', 'created_at'])
    .where('user_id', '=', userId)
    .where('dropped_at', 'is', null);
  if (competenceId) query = query.where('competence_id', '=', competenceId);
  const rows = await query.orderBy('id', 'asc').execute();
  const latest = new Map<string, KnowledgeElement>();
  for (const r of rows) {
    latest.set(r.skill_id, {
      skillId: r.skill_id,
      status: r.status,
      source: r.source,
      createdAt: new Date(r.created_at),
    });
  }
  return latest;
}

export async function insertKnowledge(
  trx: Transaction<Database>,
  args: { userId: string; competenceId: string; answerId: string; knowledge: readonly KnowledgeElement[] },
): Promise<void> {
  if (args.knowledge.length === 0) return;
  await trx
    .insertInto('knowledge_elements')
    .values(
      args.knowledge.map((k) => ({
        user_id: args.userId,
        competence_id: args.competenceId,
        skill_id: k.skillId,
        status: k.status,
        source: k.source,
        answer_id: args.answerId,
        created_at: k.createdAt.toISOString(),
        dropped_at: null,
      })),
    )
    .execute();
}

/** Forgets knowledge of a competence (kept as history): all of it on reset, failures only on improve. */
export async function dropKnowledge(db: Kysely<Database>, userId: string, competenceId: string, scope: 'all' | 'invalidated', now: Date): Promise<void> {
  let query = db
    .updateTable('knowledge_elements')
    .set({ dropped_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('competence_id', '=', competenceId)
    .where('dropped_at', 'is', null);
  if (scope === 'invalidated') query = query.where('status', '=', 'invalidated');
  await query.execute();
}
