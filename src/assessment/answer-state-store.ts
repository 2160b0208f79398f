/**
 * What an answer turn reads, in one statement: the test's row, its answers in order and the user's
 * current knowledge of its competence, the two lists as JSON arrays beside the row (Kysely's
 * jsonArrayFrom, in each dialect's JSON functions). On PostgreSQL it is one round trip instead of
 * two; on SQLite one statement instead of two.
 */
import type { Kysely } from 'kysely';
import { jsonArrayFrom as pgJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { CompiledStatement } from '../store/compiled-query.js';
import type { Dialect } from '../store/migrations.js';
import type { AnswersTable, AssessmentsTable, Database, KnowledgeElementsTable } from '../store/schema.js';
import { toStoredAnswer } from './answer-store.js';
import type { KnowledgeElement } from './knowledge.js';
import { latestPerSkill } from './knowledge-store.js';
import type { StoredAnswer } from './model.js';

type AnswerRow = Pick<AnswersTable, 'id' | 'challenge_id' | 'skill_id' | 'status' | 'value' | 'activity_id' | 'created_at'>;
type KnowledgeRow = Pick<KnowledgeElementsTable, 'skill_id' | 'status' | 'source' | 'created_at'>;

/** SQLite gives the arrays as JSON text, PostgreSQL (pg) as parsed values. */
function list<T>(value: unknown): T[] {
  return (typeof value === 'string' ? JSON.parse(value) : value ?? []) as T[];
}

export class AnswerStateStore {
  private readonly state;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: Dialect,
  ) {
    const jsonArrayFrom = dialect === 'postgres' ? pgJsonArray : sqliteJsonArray;
    this.state = new CompiledStatement((p) =>
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
          // A sitting (no competence) has none: its competence_id is null, which equals nothing.
          jsonArrayFrom(
            eb
              .selectFrom('knowledge_elements')
              .select(['knowledge_elements.skill_id', 'knowledge_elements.status', 'knowledge_elements.source', 'knowledge_elements.created_at'])
              .where('knowledge_elements.user_id', '=', p<string>('userId'))
              .where('knowledge_elements.dropped_at', 'is', null)
              .whereRef('knowledge_elements.competence_id', '=', 'assessments.competence_id')
              .orderBy('knowledge_elements.id', 'asc'),
          ).as('knowledge_rows'),
        ])
        .where('assessments.id', '=', p<string>('assessmentId')),
    );
  }

  /** The test's row, its answers in order, and the latest element per skill of `userId` on its competence; null when there is no such test. */
  async read(assessmentId: string, userId: string): Promise<{ row: AssessmentsTable; answers: StoredAnswer[]; knowledge: Map<string, KnowledgeElement> } | null> {
    const found = await this.state.first(this.db, { assessmentId, userId });
    if (!found) return null;
    const { answer_rows: answers, knowledge_rows: knowledge, ...row } = found;
    return { row: row as AssessmentsTable, answers: list<AnswerRow>(answers).map(toStoredAnswer), knowledge: latestPerSkill(list<KnowledgeRow>(knowledge)) };
  }
}
