/** The queries of the answers table, for the assessment repository. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { NewAnswer, StoredAnswer } from './model.js';

export async function readAnswers(db: Kysely<Database>, assessmentId: string): Promise<StoredAnswer[]> {
  const rows = await db
    .selectFrom('answers')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
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

export async function lastAnswerAt(db: Kysely<Database>, userId: string, competenceId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('answers')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('competence_id', '=', competenceId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}

/** Challenges the user answered in other tests started before this one: fixed while it runs. */
export async function seenBefore(db: Kysely<Database>, assessment: { id: string; userId: string; createdAt: Date }): Promise<Set<string>> {
  const rows = await db
    .selectFrom('answers')
    .select('challenge_id')
    .distinct()
    .where('user_id', '=', assessment.userId)
    .where('assessment_id', '<>', assessment.id)
    .where('created_at', '<', assessment.createdAt.toISOString())
    .execute();
  return new Set(rows.map((r) => r.challenge_id));
}

export async function lastAnswerPerCompetence(db: Kysely<Database>, userId: string): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('answers')
    .select(['competence_id', (eb) => eb.fn.max('created_at').as('last')])
    .where('user_id', '=', userId)
    .where('competence_id', 'is not', null)
    .groupBy('competence_id')
    .execute();
  return new Map(rows.map((r) => [r.competence_id!, new Date(r.last)]));
}

/** The answer of `recordAnswer`, in its transaction: the caller's NewAnswer, its id and its time. */
export async function insertAnswer(
  trx: Transaction<Database>,
  { id, answer, stamp }: { id: string; answer: NewAnswer; stamp: string },
): Promise<void> {
  await trx
    .insertInto('answers')
    .values({
      id,
      assessment_id: answer.assessment.id,
      user_id: answer.assessment.userId,
      challenge_id: answer.challengeId,
      skill_id: answer.skillId,
      competence_id: answer.competenceId,
      value: answer.value,
      status: answer.status,
      elapsed_seconds: answer.elapsedSeconds,
      activity_id: answer.activityId,
      created_at: stamp,
    })
    .execute();
}
