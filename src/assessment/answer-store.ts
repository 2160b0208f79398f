/** The queries of the answers table, compiled once per database, for the assessment repository. */
import type { Kysely } from 'kysely';
import { CompiledStatement, type Step } from '../store/compiled-query.js';
import type { AnswersTable, Database } from '../store/schema.js';
import type { NewAnswer, StoredAnswer } from './model.js';

export class AnswerStore {
  private readonly byAssessment;
  private readonly last;
  private readonly lastPerCompetence;
  private readonly insert;
  private readonly seen;

  constructor(private readonly db: Kysely<Database>) {
    this.byAssessment = new CompiledStatement((p) =>
      db.selectFrom('answers').selectAll().where('assessment_id', '=', p<string>('assessmentId')).orderBy('created_at', 'asc').orderBy('id', 'asc'),
    );
    this.last = new CompiledStatement((p) =>
      db
        .selectFrom('answers')
        .select('created_at')
        .where('user_id', '=', p<string>('userId'))
        .where('competence_id', '=', p<string>('competenceId'))
        .orderBy('created_at', 'desc')
        .limit(1),
    );
    this.seen = new CompiledStatement((p) =>
      db
        .selectFrom('answers')
        .select('challenge_id')
        .distinct()
        .where('user_id', '=', p<string>('userId'))
        .where('assessment_id', '<>', p<string>('assessmentId'))
        .where('created_at', '<', p<string>('before')),
    );
    this.lastPerCompetence = new CompiledStatement((p) =>
      db
        .selectFrom('answers')
        .select(['competence_id', (eb) => eb.fn.max('created_at').as('last')])
        .where('user_id', '=', p<string>('userId'))
        .where('competence_id', 'is not', null)
        .groupBy('competence_id'),
    );
    this.insert = new CompiledStatement((p) =>
      db.insertInto('answers').values({
        id: p('id'),
        assessment_id: p('assessmentId'),
        user_id: p('userId'),
        challenge_id: p('challengeId'),
        skill_id: p('skillId'),
        competence_id: p('competenceId'),
        value: p('value'),
        status: p('status'),
        elapsed_seconds: p('elapsedSeconds'),
        activity_id: p('activityId'),
        created_at: p('stamp'),
      }),
    );
  }

  /** Challenges the user answered in other tests started before this one: fixed while it runs. */
  async seenBefore(assessment: { id: string; userId: string; createdAt: Date }): Promise<Set<string>> {
    const rows = await this.seen.rows(this.db, { userId: assessment.userId, assessmentId: assessment.id, before: assessment.createdAt.toISOString() });
    return new Set(rows.map((r) => r.challenge_id));
  }

  async read(assessmentId: string): Promise<StoredAnswer[]> {
    const rows = await this.byAssessment.rows(this.db, { assessmentId });
    return rows.map(toStoredAnswer);
  }

  async lastAt(userId: string, competenceId: string): Promise<Date | null> {
    const row = await this.last.first(this.db, { userId, competenceId });
    return row ? new Date(row.created_at) : null;
  }

  async lastPerCompetenceOf(userId: string): Promise<Map<string, Date>> {
    const rows = await this.lastPerCompetence.rows(this.db, { userId });
    return new Map(rows.map((r) => [r.competence_id!, new Date(r.last)]));
  }

  /** The answer of `recordAnswer`, for its transaction: the statement and its values (the caller's NewAnswer, its id and its time). */
  addStep({ id, answer, stamp }: { id: string; answer: NewAnswer; stamp: string }): Step {
    return [
      this.insert,
      {
        id,
        assessmentId: answer.assessment.id,
        userId: answer.assessment.userId,
        challengeId: answer.challengeId,
        skillId: answer.skillId,
        competenceId: answer.competenceId,
        value: answer.value,
        status: answer.status,
        elapsedSeconds: answer.elapsedSeconds,
        activityId: answer.activityId,
        stamp,
      },
    ];
  }
}

/** An answer as the test reads it, from its row. */
export function toStoredAnswer(r: Pick<AnswersTable, 'id' | 'challenge_id' | 'skill_id' | 'status' | 'value' | 'activity_id' | 'created_at'>): StoredAnswer {
  return { id: r.id, challengeId: r.challenge_id, skillId: r.skill_id, status: r.status, value: r.value, activityId: r.activity_id, createdAt: new Date(r.created_at) };
}
