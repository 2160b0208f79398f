/** The queries of the knowledge elements table, compiled once per database, for the assessment repository. */
import type { Kysely } from 'kysely';
import { CompiledStatement, type Param, type Step } from '../store/compiled-query.js';
import type { Database } from '../store/schema.js';
import type { KnowledgeElement } from './knowledge.js';

/** An answer infers a few elements at most; a test's conclusion one per skill of its competence. */
const MAX_CACHED_ROWS = 64;

export class KnowledgeStore {
  private readonly current;
  private readonly currentOfCompetence;
  private readonly dropAll;
  private readonly dropInvalidated;
  /** One insert per number of rows. */
  private readonly inserts = new Map<number, CompiledStatement<unknown>>();

  constructor(private readonly db: Kysely<Database>) {
    this.current = new CompiledStatement((p) => liveKnowledge(db, p, false));
    this.currentOfCompetence = new CompiledStatement((p) => liveKnowledge(db, p, true));
    const drop = (p: <T>(name: string) => T) =>
      db
        .updateTable('knowledge_elements')
        .set({ dropped_at: p('stamp') })
        .where('user_id', '=', p<string>('userId'))
        .where('competence_id', '=', p<string>('competenceId'))
        .where('dropped_at', 'is', null);
    this.dropAll = new CompiledStatement((p) => drop(p));
    this.dropInvalidated = new CompiledStatement((p) => drop(p).where('status', '=', 'invalidated'));
  }

  /** The latest element per skill that no reset or improvement has dropped. */
  async read(userId: string, competenceId?: string): Promise<Map<string, KnowledgeElement>> {
    return latestPerSkill(competenceId ? await this.currentOfCompetence.rows(this.db, { userId, competenceId }) : await this.current.rows(this.db, { userId }));
  }

  /** The elements an answer inferred, for its transaction: the statement and its values, or null when there are none. */
  addStep(args: { userId: string; competenceId: string; answerId: string; knowledge: readonly KnowledgeElement[] }): Step | null {
    const count = args.knowledge.length;
    if (count === 0) return null;
    const values: Record<string, unknown> = { userId: args.userId, competenceId: args.competenceId, answerId: args.answerId };
    args.knowledge.forEach((k, i) => {
      values[`skill${i}`] = k.skillId;
      values[`status${i}`] = k.status;
      values[`source${i}`] = k.source;
      values[`at${i}`] = k.createdAt.toISOString();
    });
    return [this.insertOf(count), values];
  }

  /** Forgets knowledge of a competence (kept as history): all of it on reset, failures only on improve. */
  async drop(trx: Kysely<Database>, userId: string, competenceId: string, scope: 'all' | 'invalidated', now: Date): Promise<void> {
    await (scope === 'all' ? this.dropAll : this.dropInvalidated).run(trx, { userId, competenceId, stamp: now.toISOString() });
  }

  private insertOf(count: number): CompiledStatement<unknown> {
    let statement = this.inserts.get(count);
    if (!statement) {
      statement = new CompiledStatement((p) =>
        this.db.insertInto('knowledge_elements').values(
          Array.from({ length: count }, (_, i) => ({
            user_id: p<string>('userId'),
            competence_id: p<string>('competenceId'),
            skill_id: p<string>(`skill${i}`),
            status: p<KnowledgeElement['status']>(`status${i}`),
            source: p<KnowledgeElement['source']>(`source${i}`),
            answer_id: p<string>('answerId'),
            created_at: p<string>(`at${i}`),
            dropped_at: null,
          })),
        ),
      );
      if (count <= MAX_CACHED_ROWS) this.inserts.set(count, statement);
    }
    return statement;
  }
}

/** The elements of `userId` that no reset or improvement dropped (of `competenceId` when `ofCompetence`), oldest first: latestPerSkill reads them. */
export function liveKnowledge(db: Kysely<Database>, p: Param, ofCompetence: boolean) {
  const live = db.selectFrom('knowledge_elements').select(['skill_id', 'status', 'source', 'created_at']).where('user_id', '=', p<string>('userId')).where('dropped_at', 'is', null);
  return (ofCompetence ? live.where('competence_id', '=', p<string>('competenceId')) : live).orderBy('id', 'asc');
}

export function latestPerSkill(rows: ReadonlyArray<{ skill_id: string; status: KnowledgeElement['status']; source: KnowledgeElement['source']; created_at: string }>): Map<string, KnowledgeElement> {
  const latest = new Map<string, KnowledgeElement>();
  for (const r of rows) latest.set(r.skill_id, { skillId: r.skill_id, status: r.status, source: r.source, createdAt: new Date(r.created_at) });
  return latest;
}
