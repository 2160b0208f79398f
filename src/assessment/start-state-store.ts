/**
 * What "commencer" reads, in one statement: the student's latest test of the competence, their
 * current knowledge of it and the challenges they answered before now (to prefer unseen variants),
 * each beside the others as JSON (Kysely's jsonObjectFrom and jsonArrayFrom, in each dialect's JSON
 * functions). The first challenge of a new test is chosen from them before the test is inserted, so
 * that a start is one read and one write instead of five statements.
 */
import type { Kysely } from 'kysely';
import { jsonArrayFrom as pgJsonArray, jsonObjectFrom as pgJsonObject } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray, jsonObjectFrom as sqliteJsonObject } from 'kysely/helpers/sqlite';
import { CompiledStatement } from '../store/compiled-query.js';
import type { Dialect } from '../store/migrations.js';
import type { AssessmentsTable, Database, KnowledgeElementsTable } from '../store/schema.js';
import type { KnowledgeElement } from './knowledge.js';
import { latestPerSkill } from './knowledge-store.js';

/** Every column of a test, named (SQLite's json_object takes no `*`); the type checker keeps the list whole. */
const ASSESSMENT_COLUMNS = Object.keys({
  id: true,
  user_id: true,
  kind: true,
  competence_id: true,
  state: true,
  strategy: true,
  pass: true,
  pending_challenge_id: true,
  pending_since: true,
  pending_activity_id: true,
  seed: true,
  created_at: true,
  updated_at: true,
  completed_at: true,
} satisfies Record<keyof AssessmentsTable, true>) as (keyof AssessmentsTable)[];

type KnowledgeRow = Pick<KnowledgeElementsTable, 'skill_id' | 'status' | 'source' | 'created_at'>;
type StartRow = { latest: unknown; knowledge_rows: unknown; seen_rows: unknown };

/** SQLite gives JSON as text, PostgreSQL (pg) as parsed values. */
function parsed<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

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
    const [jsonArrayFrom, jsonObjectFrom] = dialect === 'postgres' ? [pgJsonArray, pgJsonObject] : [sqliteJsonArray, sqliteJsonObject];
    this.statement = new CompiledStatement((p) =>
      db.selectNoFrom((eb) => [
        // The latest test of the competence; abandoned duplicates never count (as `latest`).
        jsonObjectFrom(
          eb
            .selectFrom('assessments')
            .select(ASSESSMENT_COLUMNS)
            .where('user_id', '=', p<string>('userId'))
            .where('kind', '=', 'competence')
            .where('state', '!=', 'abandoned')
            .where('competence_id', '=', p<string>('competenceId'))
            .orderBy('created_at', 'desc')
            .orderBy('pass', 'desc')
            .limit(1),
        ).as('latest'),
        jsonArrayFrom(
          eb
            .selectFrom('knowledge_elements')
            .select(['skill_id', 'status', 'source', 'created_at'])
            .where('user_id', '=', p<string>('userId'))
            .where('dropped_at', 'is', null)
            .where('competence_id', '=', p<string>('competenceId'))
            .orderBy('id', 'asc'),
        ).as('knowledge_rows'),
        jsonArrayFrom(eb.selectFrom('answers').select('challenge_id').distinct().where('user_id', '=', p<string>('userId')).where('created_at', '<', p<string>('before'))).as('seen_rows'),
      ]),
    ) as unknown as CompiledStatement<StartRow>;
  }

  async read(userId: string, competenceId: string, before: Date): Promise<StartState> {
    const row = (await this.statement.first(this.db, { userId, competenceId, before: before.toISOString() }))!;
    return {
      latest: parsed<AssessmentsTable | null>(row.latest) ?? null,
      knowledge: latestPerSkill(parsed<KnowledgeRow[] | null>(row.knowledge_rows) ?? []),
      seen: new Set((parsed<{ challenge_id: string }[] | null>(row.seen_rows) ?? []).map((r) => r.challenge_id)),
    };
  }
}
