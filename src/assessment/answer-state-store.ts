/**
 * What an answer turn reads, in one statement: the test's row, its answers in order and its owner's
 * current knowledge of its competence, the two lists as JSON arrays beside the row (json-select.ts).
 * On PostgreSQL it is one round trip instead of two, shared by the answers of one turn of the event
 * loop; on SQLite one statement instead of two.
 */
import { sql, type Kysely } from 'kysely';
import { readByKey } from '../store/batch.js';
import { CompiledStatement, type Param } from '../store/compiled-query.js';
import { jsonHelpers, jsonList } from '../store/json-select.js';
import type { Dialect } from '../store/migrations.js';
import type { AnswersTable, AssessmentsTable, Database, KnowledgeElementsTable } from '../store/schema.js';
import { toStoredAnswer } from './answer-store.js';
import type { KnowledgeElement } from './knowledge.js';
import { latestPerSkill } from './knowledge-store.js';
import type { StoredAnswer } from './model.js';

type AnswerRow = Pick<AnswersTable, 'id' | 'challenge_id' | 'skill_id' | 'status' | 'value' | 'activity_id' | 'created_at'>;
type KnowledgeRow = Pick<KnowledgeElementsTable, 'skill_id' | 'status' | 'source' | 'created_at'>;

type StateRow = AssessmentsTable & { answer_rows: unknown; knowledge_rows: unknown };

export class AnswerStateStore {
  /** PostgreSQL: the reads of one turn of the event loop in one statement (batch.ts). */
  private readonly state: (assessmentId: string) => Promise<StateRow | undefined>;

  constructor(
    db: Kysely<Database>,
    dialect: Dialect,
  ) {
    const { jsonArrayFrom } = jsonHelpers(dialect);
    const state = (p: Param) =>
      db
        .selectFrom('assessments')
        .selectAll('assessments')
        .select((eb) => [
          jsonArrayFrom(
            eb
              .selectFrom('answers')
              .select(['answers.id', 'answers.challenge_id', 'answers.skill_id', 'answers.status', 'answers.value', 'answers.activity_id', 'answers.created_at'])
              .whereRef('answers.assessment_id', '=', 'assessments.id')
              .orderBy('answers.created_at', 'asc')
              .orderBy('answers.id', 'asc'),
          ).as('answer_rows'),
          // The knowledge of the test's owner; a sitting (no competence) has none: its
          // competence_id is null, which equals nothing.
          jsonArrayFrom(
            eb
              .selectFrom('knowledge_elements')
              .select(['knowledge_elements.skill_id', 'knowledge_elements.status', 'knowledge_elements.source', 'knowledge_elements.created_at'])
              .whereRef('knowledge_elements.user_id', '=', 'assessments.user_id')
              .where('knowledge_elements.dropped_at', 'is', null)
              .whereRef('knowledge_elements.competence_id', '=', 'assessments.competence_id')
              .orderBy('knowledge_elements.id', 'asc'),
          ).as('knowledge_rows'),
        ]);
    this.state = readByKey(db, {
      one: new CompiledStatement((p) => state(p).where('assessments.id', '=', p<string>('assessmentId'))) as CompiledStatement<StateRow>,
      oneParam: 'assessmentId',
      many: new CompiledStatement((p) => state(p).where('assessments.id', '=', sql<string>`any(${p<string[]>('assessmentIds')})`)) as CompiledStatement<StateRow>,
      manyParam: 'assessmentIds',
      keyOf: (row) => row.id,
    });
  }

  /** The test's row, its answers in order, and the latest element per skill of its competence; null when `userId` has no such test. */
  async read(assessmentId: string, userId: string): Promise<{ row: AssessmentsTable; answers: StoredAnswer[]; knowledge: Map<string, KnowledgeElement> } | null> {
    const found = await this.state(assessmentId);
    if (!found || found.user_id !== userId) return null;
    const { answer_rows: answers, knowledge_rows: knowledge, ...row } = found;
    return { row, answers: jsonList<AnswerRow>(answers).map(toStoredAnswer), knowledge: latestPerSkill(jsonList<KnowledgeRow>(knowledge)) };
  }
}
