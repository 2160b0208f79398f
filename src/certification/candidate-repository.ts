/**
 * Persistence of candidates: enrolment, check-in, the drawn challenges and their answers, and the
 * scored result. Every change of state is a guarded update, so that two turns (two instances, a
 * retried delivery) never both move a candidate on.
 */
import { studentNamesOf } from '../schools/student-repository.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnswerStatus } from '../assessment/answers.js';
import type { Database } from '../store/schema.js';
import type { CertificationCandidatesTable, CertificationChallengesTable } from '../store/schema-certification.js';
import type { StudentsTable } from '../store/schema-schools.js';
import type { Candidate, CompetenceResult, DrawnChallenge, EnrolledStudent } from './model.js';
import type { CertificationScore } from './scoring.js';

const toCandidate = (r: CertificationCandidatesTable): Candidate => ({
  id: r.id,
  sessionId: r.session_id,
  studentId: r.student_id,
  state: r.state,
  userId: r.user_id,
  deadlineAt: r.deadline_at ? new Date(r.deadline_at) : null,
  note: r.note,
  reproducibilityRate: r.reproducibility_rate,
  totalPix: r.total_pix,
  outcome: r.outcome,
});

type Joined = CertificationCandidatesTable &
  Pick<StudentsTable, 'school_id' | 'first_name' | 'second_first_name' | 'third_first_name' | 'last_name' | 'usage_name' | 'birth_date' | 'division'> & {
    linked_user_id: string | null;
  };

const toEnrolled = (r: Joined): EnrolledStudent => ({
  ...toCandidate(r),
  ...studentNamesOf(r),
  linkedUserId: r.linked_user_id,
});

const toDrawn = (r: CertificationChallengesTable): DrawnChallenge => ({
  position: r.position,
  challengeId: r.challenge_id,
  competenceId: r.competence_id,
  profileLevel: r.profile_level,
  profilePix: r.profile_pix,
  askedAt: r.asked_at ? new Date(r.asked_at) : null,
  status: r.status,
});

export class CandidateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private joined() {
    return this.db
      .selectFrom('certification_candidates')
      .innerJoin('students', 'students.id', 'certification_candidates.student_id')
      .selectAll('certification_candidates')
      .select([
        'students.school_id',
        'students.first_name',
        'students.second_first_name',
        'students.third_first_name',
        'students.last_name',
        'students.usage_name',
        'students.birth_date',
        'students.division',
        'students.user_id as linked_user_id',
      ]);
  }

  /** Enrols those not enrolled yet (no duplicate: a unique index); returns how many were new. */
  async enrol(sessionId: string, studentIds: string[], by: string, now: Date): Promise<number> {
    let added = 0;
    for (const studentId of studentIds) {
      const result = await this.db
        .insertInto('certification_candidates')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          student_id: studentId,
          enrolled_by: by,
          state: 'enrolled',
          user_id: null,
          checked_in_at: null,
          started_at: null,
          deadline_at: null,
          ended_at: null,
          note: null,
          reproducibility_rate: null,
          total_pix: null,
          outcome: null,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['session_id', 'student_id']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async ofSession(sessionId: string): Promise<EnrolledStudent[]> {
    const rows = await this.joined().where('certification_candidates.session_id', '=', sessionId).orderBy('students.division').orderBy('students.last_name').orderBy('students.first_name').execute();
    return rows.map(toEnrolled);
  }

  async ofSessions(sessionIds: string[]): Promise<EnrolledStudent[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.joined().where('certification_candidates.session_id', 'in', sessionIds).execute();
    return rows.map(toEnrolled);
  }

  async byId(id: string): Promise<EnrolledStudent | null> {
    const row = await this.joined().where('certification_candidates.id', '=', id).executeTakeFirst();
    return row ? toEnrolled(row) : null;
  }

  /** The candidate this account checked in as, in a test not ended: where a resumed chat goes on. */
  async current(userId: string): Promise<EnrolledStudent | null> {
    const row = await this.joined()
      .where('certification_candidates.user_id', '=', userId)
      .where('certification_candidates.state', 'in', ['checked_in', 'started'])
      .executeTakeFirst();
    return row ? toEnrolled(row) : null;
  }

  /** Guarded: only an enrolled candidate, or one this very account checked in already. */
  async checkIn(id: string, userId: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('certification_candidates')
      .set({ state: 'checked_in', user_id: userId, checked_in_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('state', '=', 'enrolled'), eb.and([eb('state', '=', 'checked_in'), eb('user_id', '=', userId)])]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Stores the drawn challenges and starts the test, in one transaction; false if it had started already. */
  async start(id: string, challenges: Array<Pick<DrawnChallenge, 'challengeId' | 'competenceId' | 'profileLevel' | 'profilePix'>>, deadline: Date, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('certification_candidates')
        .set({ state: 'started', started_at: now.toISOString(), deadline_at: deadline.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'checked_in')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (challenges.length > 0) {
        await trx
          .insertInto('certification_challenges')
          .values(challenges.map((c, i) => ({ candidate_id: id, position: i + 1, challenge_id: c.challengeId, competence_id: c.competenceId, profile_level: c.profileLevel, profile_pix: c.profilePix, asked_at: null, answered_at: null, value: null, status: null })))
          .execute();
      }
      return true;
    });
  }

  async drawn(id: string): Promise<DrawnChallenge[]> {
    const rows = await this.db.selectFrom('certification_challenges').selectAll().where('candidate_id', '=', id).orderBy('position').execute();
    return rows.map(toDrawn);
  }

  /** The first showing starts the challenge's timer; showing it again after a restart does not. */
  async markAsked(id: string, position: number, now: Date): Promise<void> {
    await this.db
      .updateTable('certification_challenges')
      .set({ asked_at: now.toISOString() })
      .where('candidate_id', '=', id)
      .where('position', '=', position)
      .where('asked_at', 'is', null)
      .execute();
  }

  /** False when that challenge had its answer already (a retried delivery). */
  async recordAnswer(id: string, position: number, value: string, status: AnswerStatus, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('certification_challenges')
      .set({ value, status, answered_at: now.toISOString() })
      .where('candidate_id', '=', id)
      .where('position', '=', position)
      .where('status', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Ends the test with its score: challenges left unanswered (time up, finalised) count as skipped.
   * False when it had ended already.
   */
  async end(id: string, score: CertificationScore, now: Date): Promise<boolean> {
    const stamp = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('certification_candidates')
        .set({ state: 'ended', ended_at: stamp, reproducibility_rate: score.reproducibilityRate, total_pix: score.totalPix, outcome: score.outcome })
        .where('id', '=', id)
        .where('state', '=', 'started')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx.updateTable('certification_challenges').set({ status: 'skipped', value: '', answered_at: stamp }).where('candidate_id', '=', id).where('status', 'is', null).execute();
      if (score.competences.length > 0) {
        await trx
          .insertInto('certification_results')
          .values(score.competences.map((c) => ({ candidate_id: id, competence_id: c.competenceId, asked: c.asked, correct: c.correct, outcome: c.outcome, level: c.level, pix: c.pix })))
          .execute();
      }
      return true;
    });
  }

  /** At finalisation: the referent's note, and "absent" for a candidate who never started. */
  async close(id: string, note: string | null): Promise<void> {
    await this.db.updateTable('certification_candidates').set({ note }).where('id', '=', id).execute();
    await this.db.updateTable('certification_candidates').set({ outcome: 'absent' }).where('id', '=', id).where('state', 'in', ['enrolled', 'checked_in']).execute();
  }

  async results(id: string): Promise<CompetenceResult[]> {
    const rows = await this.db.selectFrom('certification_results').selectAll().where('candidate_id', '=', id).orderBy('competence_id').execute();
    return rows.map((r) => ({ competenceId: r.competence_id, asked: r.asked, correct: r.correct, outcome: r.outcome, level: r.level, pix: r.pix }));
  }

  /** Challenges this account has seen before: in its tests and in any certification test. */
  async seenChallenges(userId: string): Promise<Set<string>> {
    const answered = await this.db.selectFrom('answers').select('challenge_id').where('user_id', '=', userId).execute();
    const certified = await this.db
      .selectFrom('certification_challenges')
      .innerJoin('certification_candidates', 'certification_candidates.id', 'certification_challenges.candidate_id')
      .select('certification_challenges.challenge_id')
      .where('certification_candidates.user_id', '=', userId)
      .execute();
    return new Set([...answered, ...certified].map((r) => r.challenge_id));
  }
}
