/** The queries of the answers table, compiled once per database, for the assessment repository. */
import type { Kysely, Transaction } from 'kysely';
import { CompiledStatement } from '../store/compiled-query.js';
import type { AssessmentsTable, Database } from '../store/schema.js';
import type { NewAnswer, StoredAnswer } from './model.js';

export class AnswerStore {
  private readonly byAssessment;
  private readonly last;
  private readonly lastPerCompetence;
  private readonly insert;
  private readonly withTest;
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
    this.withTest = new CompiledStatement((p) =>
      db
        .selectFrom('assessments')
        .leftJoin('answers', 'answers.assessment_id', 'assessments.id')
        .selectAll('assessments')
        .select([
          'answers.id as answer_id',
          'answers.challenge_id as answer_challenge_id',
          'answers.skill_id as answer_skill_id',
          'answers.status as answer_status',
          'answers.value as answer_value',
          'answers.activity_id as answer_activity_id',
          'answers.created_at as answer_created_at',
        ])
        .where('assessments.id', '=', p<string>('assessmentId'))
        .orderBy('answers.created_at', 'asc')
        .orderBy('answers.id', 'asc'),
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
    return rows.map((r) => ({
      id: r.id,
      challengeId: r.challenge_id,
      skillId: r.skill_id,
      status: r.status,
      value: r.value,
      activityId: r.activity_id,
      createdAt: new Date(r.created_at),
    }));
  }

  /** A test's row and its answers in order, in one query; null when there is no such test. */
  async readWithTest(assessmentId: string): Promise<{ row: AssessmentsTable; answers: StoredAnswer[] } | null> {
    const rows = await this.withTest.rows(this.db, { assessmentId });
    const first = rows[0];
    if (!first) return null;
    const { answer_id: _id, answer_challenge_id: _c, answer_skill_id: _s, answer_status: _st, answer_value: _v, answer_activity_id: _a, answer_created_at: _at, ...row } = first;
    const answers: StoredAnswer[] = [];
    for (const r of rows) {
      if (r.answer_id === null) continue;
      answers.push({
        id: r.answer_id,
        challengeId: r.answer_challenge_id!,
        skillId: r.answer_skill_id!,
        status: r.answer_status!,
        value: r.answer_value!,
        activityId: r.answer_activity_id,
        createdAt: new Date(r.answer_created_at!),
      });
    }
    return { row, answers };
  }

  async lastAt(userId: string, competenceId: string): Promise<Date | null> {
    const row = await this.last.first(this.db, { userId, competenceId });
    return row ? new Date(row.created_at) : null;
  }

  async lastPerCompetenceOf(userId: string): Promise<Map<string, Date>> {
    const rows = await this.lastPerCompetence.rows(this.db, { userId });
    return new Map(rows.map((r) => [r.competence_id!, new Date(r.last)]));
  }

  /** The answer of `recordAnswer`, in its transaction: the caller's NewAnswer, its id and its time. */
  async add(trx: Transaction<Database>, { id, answer, stamp }: { id: string; answer: NewAnswer; stamp: string }): Promise<void> {
    await this.insert.run(trx, {
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
    });
  }
}
