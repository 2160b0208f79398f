/**
 * What "commencer" reads, in one statement: the student's latest test of the competence, their
 * current knowledge of it and the challenges they answered before now (to prefer unseen variants),
 * each beside the others as JSON (json-select.ts). The first challenge of a new test is chosen from
 * them before the test is inserted, so that a start is one read and one write instead of five
 * statements.
 */
import type { Kysely } from 'kysely';
import { CompiledStatement } from '../store/compiled-query.js';
import { jsonHelpers, jsonList, jsonRow } from '../store/json-select.js';
import type { Dialect } from '../store/migrations.js';
import type { AssessmentsTable, Database, KnowledgeElementsTable } from '../store/schema.js';
import { latestTest } from './assessment-store.js';
import type { KnowledgeElement } from './knowledge.js';
import { latestPerSkill, liveKnowledge } from './knowledge-store.js';

type KnowledgeRow = Pick<KnowledgeElementsTable, 'skill_id' | 'status' | 'source' | 'created_at'>;
type StartRow = { latest: unknown; knowledge_rows: unknown; seen_rows: unknown };

export interface StartState {
  latest: AssessmentsTable | null;
  knowledge: Map<string, KnowledgeElement>;
  /** Challenges answered before `before`, in any test. */
  seen: Set<string>;
}

export class StartStateStore {
  private readonly statement: CompiledStatement<StartRow>;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: Dialect,
  ) {
    const { jsonArrayFrom, jsonObjectFrom } = jsonHelpers(dialect);
    this.statement = new CompiledStatement((p) =>
      db.selectNoFrom((eb) => [
        // The same queries as `latest` and `knowledge`, on the competence's test.
        jsonObjectFrom(latestTest(db, p, true)).as('latest'),
        jsonArrayFrom(liveKnowledge(db, p, true)).as('knowledge_rows'),
        jsonArrayFrom(eb.selectFrom('answers').select('challenge_id').distinct().where('user_id', '=', p<string>('userId')).where('created_at', '<', p<string>('before'))).as('seen_rows'),
      ]),
    ) as unknown as CompiledStatement<StartRow>;
  }

  async read(userId: string, competenceId: string, before: Date): Promise<StartState> {
    const row = (await this.statement.first(this.db, { userId, kind: 'competence', competenceId, before: before.toISOString() }))!;
    return {
      latest: jsonRow<AssessmentsTable>(row.latest),
      knowledge: latestPerSkill(jsonList<KnowledgeRow>(row.knowledge_rows)),
      seen: new Set(jsonList<{ challenge_id: string }>(row.seen_rows).map((r) => r.challenge_id)),
    };
  }
}
