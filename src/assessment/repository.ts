/** Persistence of tests, answers and knowledge elements. Queries stay dialect-neutral (SQLite and PostgreSQL). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AssessmentsTable, Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import type { AnswerStatus } from './answers.js';
import { AssessmentError } from './errors.js';
import type { KnowledgeElement } from './knowledge.js';
import type { AnsweredChallenge } from './strategy.js';

/** positioning: the whole-profile sitting over the 16 competences (its result is its own, not the profile's). */
export type AssessmentKind = 'competence' | 'discovery' | 'positioning';

export interface Assessment {
  id: string;
  userId: string;
  kind: AssessmentKind;
  competenceId: string | null;
  /**
   * reset: the student wiped the competence; a new test starts from nothing. abandoned: a duplicate
   * running test, set aside when migration 005 kept one per student and competence (or sitting).
   */
  state: 'started' | 'completed' | 'reset' | 'abandoned';
  strategy: string;
  pass: number;
  pendingChallengeId: string | null;
  pendingSince: Date | null;
  pendingActivityId: string | null;
  seed: number;
  createdAt: Date;
  completedAt: Date | null;
}

export interface StoredAnswer extends AnsweredChallenge {
  id: string;
  value: string;
  activityId: string | null;
  createdAt: Date;
}

export interface NewAnswer {
  assessment: Assessment;
  challengeId: string;
  skillId: string;
  competenceId: string | null;
  value: string;
  status: AnswerStatus;
  elapsedSeconds: number | null;
  activityId: string | null;
  knowledge: KnowledgeElement[];
  next: { challengeId: string } | null;
  now: Date;
}

function toAssessment(row: AssessmentsTable): Assessment {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as AssessmentKind,
    competenceId: row.competence_id,
    state: row.state as Assessment['state'],
    strategy: row.strategy,
    pass: row.pass,
    pendingChallengeId: row.pending_challenge_id,
    pendingSince: row.pending_since ? new Date(row.pending_since) : null,
    pendingActivityId: row.pending_activity_id,
    seed: row.seed,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at ? new Date(row.completed_at) : null,
  };
}

/** The challenge was answered already (a retried delivery, or two clicks racing). */
export class DuplicateAnswerError extends AssessmentError {
  constructor() {
    super('challenge answered already');
  }
}

export interface NewAssessment {
  userId: string;
  kind: AssessmentKind;
  competenceId: string | null;
  strategy: string;
  pass: number;
  seed: number;
  now: Date;
}

export class AssessmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(id: string): Promise<Assessment | null> {
    const row = await this.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAssessment(row) : null;
  }

  /**
   * The latest test of a user on a competence (or the latest sitting of the kind when competenceId is
   * null). Abandoned duplicates never count: the test kept beside them is the student's.
   */
  async latest(userId: string, kind: AssessmentKind, competenceId: string | null): Promise<Assessment | null> {
    let query = this.db.selectFrom('assessments').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('state', '!=', 'abandoned');
    query = competenceId === null ? query.where('competence_id', 'is', null) : query.where('competence_id', '=', competenceId);
    const row = await query.orderBy('created_at', 'desc').orderBy('pass', 'desc').limit(1).executeTakeFirst();
    return row ? toAssessment(row) : null;
  }

  /** The test the user touched last among those in progress, if any. */
  async inProgress(userId: string): Promise<Assessment | null> {
    const row = await this.db
      .selectFrom('assessments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('state', '=', 'started')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toAssessment(row) : null;
  }

  /** Latest competence test per competence, for the profile. */
  async latestPerCompetence(userId: string): Promise<Map<string, Assessment>> {
    const rows = await this.db
      .selectFrom('assessments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'competence')
      .where('state', '!=', 'abandoned')
      .orderBy('created_at', 'asc')
      .orderBy('pass', 'asc')
      .execute();
    const latest = new Map<string, Assessment>();
    for (const row of rows) latest.set(row.competence_id!, toAssessment(row));
    return latest;
  }

  /** The test running on this competence (or the running sitting of the kind when competenceId is null): one at most. */
  async running(userId: string, kind: AssessmentKind, competenceId: string | null): Promise<Assessment | null> {
    let query = this.db.selectFrom('assessments').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('state', '=', 'started');
    query = competenceId === null ? query.where('competence_id', 'is', null) : query.where('competence_id', '=', competenceId);
    const row = await query.executeTakeFirst();
    return row ? toAssessment(row) : null;
  }

  /** Inserts a running test; fails on the unique index when one is running already (see start). */
  async create(args: NewAssessment): Promise<Assessment> {
    const row = newRow(args);
    await this.db.insertInto('assessments').values(row).execute();
    return toAssessment(row);
  }

  /**
   * Starts a test, or returns the one already running when another request (a second click, another
   * instance) started it first: the database's unique index decides, and the loser resumes the
   * winner's test. With `forget`, the knowledge an improvement pass drops goes in the same
   * transaction, so that a losing "retenter" forgets nothing of the winner's new answers.
   */
  async start(args: NewAssessment & { forget?: 'invalidated' }): Promise<{ assessment: Assessment; created: boolean }> {
    const row = newRow(args);
    try {
      await this.db.transaction().execute(async (trx) => {
        if (args.forget && args.competenceId) await dropKnowledgeIn(trx, args.userId, args.competenceId, args.forget, args.now);
        await trx.insertInto('assessments').values(row).execute();
      });
      return { assessment: toAssessment(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const running = await this.running(args.userId, args.kind, args.competenceId);
      if (!running) throw error;
      return { assessment: running, created: false };
    }
  }

  /**
   * Resets a competence in one transaction: its latest test is marked reset, guarded by the state it
   * was read in, then its knowledge is dropped. False (nothing changed) when another request changed
   * that test first, e.g. a second confirmation.
   */
  async reset(args: { userId: string; competenceId: string; assessment: Assessment; now: Date }): Promise<boolean> {
    const stamp = args.now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('assessments')
        .set({ state: 'reset', pending_challenge_id: null, pending_since: null, pending_activity_id: null, updated_at: stamp })
        .where('id', '=', args.assessment.id)
        .where('state', '=', args.assessment.state)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return false;
      await dropKnowledgeIn(trx, args.userId, args.competenceId, 'all', args.now);
      return true;
    });
  }

  /** Sets the challenge to ask next, or completes the test when there is none. */
  async setPending(assessmentId: string, challengeId: string | null, now: Date): Promise<void> {
    const stamp = now.toISOString();
    await this.db
      .updateTable('assessments')
      .set(pendingChange(challengeId, stamp))
      .where('id', '=', assessmentId)
      .execute();
  }

  /** Remembers which message shows the pending challenge, so that the answer can update it in place. */
  async setPendingActivity(assessmentId: string, challengeId: string, activityId: string): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({ pending_activity_id: activityId })
      .where('id', '=', assessmentId)
      .where('pending_challenge_id', '=', challengeId)
      .execute();
  }

  async answers(assessmentId: string): Promise<StoredAnswer[]> {
    const rows = await this.db
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
      status: r.status as AnswerStatus,
      value: r.value,
      activityId: r.activity_id,
      createdAt: new Date(r.created_at),
    }));
  }

  async lastAnswerAt(userId: string, competenceId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('answers')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('competence_id', '=', competenceId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(row.created_at) : null;
  }

  async lastAnswerPerCompetence(userId: string): Promise<Map<string, Date>> {
    const rows = await this.db
      .selectFrom('answers')
      .select(['competence_id', (eb) => eb.fn.max('created_at').as('last')])
      .where('user_id', '=', userId)
      .where('competence_id', 'is not', null)
      .groupBy('competence_id')
      .execute();
    return new Map(rows.map((r) => [r.competence_id!, new Date(r.last)]));
  }

  /** The latest element per skill that no reset or improvement has dropped. */
  async knowledge(userId: string, competenceId?: string): Promise<Map<string, KnowledgeElement>> {
    let query = this.db
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
        status: r.status as KnowledgeElement['status'],
        source: r.source as KnowledgeElement['source'],
        createdAt: new Date(r.created_at),
      });
    }
    return latest;
  }

  /** Records an answer, its knowledge and the next pending challenge at once: all or nothing. */
  async recordAnswer(a: NewAnswer): Promise<string> {
    const answerId = randomUUID();
    const stamp = a.now.toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        // The guard on the pending challenge makes two racing deliveries record one answer.
        const moved = await trx
          .updateTable('assessments')
          .set(pendingChange(a.next?.challengeId ?? null, stamp))
          .where('id', '=', a.assessment.id)
          .where('pending_challenge_id', '=', a.challengeId)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new DuplicateAnswerError();
        await trx
          .insertInto('answers')
          .values({
            id: answerId,
            assessment_id: a.assessment.id,
            user_id: a.assessment.userId,
            challenge_id: a.challengeId,
            skill_id: a.skillId,
            competence_id: a.competenceId,
            value: a.value,
            status: a.status,
            elapsed_seconds: a.elapsedSeconds,
            activity_id: a.activityId,
            created_at: stamp,
          })
          .execute();
        await insertKnowledge(trx, a, answerId);
      });
    } catch (error) {
      if (error instanceof DuplicateAnswerError) throw error;
      if (isUniqueViolation(error)) throw new DuplicateAnswerError();
      throw error;
    }
    return answerId;
  }

  /** Forgets knowledge of a competence (kept as history): all of it on reset, failures only on improve. */
  async dropKnowledge(userId: string, competenceId: string, scope: 'all' | 'invalidated', now: Date): Promise<void> {
    await dropKnowledgeIn(this.db, userId, competenceId, scope, now);
  }
}

function newRow(args: NewAssessment): AssessmentsTable {
  const stamp = args.now.toISOString();
  return {
    id: randomUUID(),
    user_id: args.userId,
    kind: args.kind,
    competence_id: args.competenceId,
    state: 'started',
    strategy: args.strategy,
    pass: args.pass,
    pending_challenge_id: null,
    pending_since: null,
    pending_activity_id: null,
    seed: args.seed,
    created_at: stamp,
    updated_at: stamp,
    completed_at: null,
  };
}

async function dropKnowledgeIn(db: Kysely<Database>, userId: string, competenceId: string, scope: 'all' | 'invalidated', now: Date): Promise<void> {
  let query = db
    .updateTable('knowledge_elements')
    .set({ dropped_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('competence_id', '=', competenceId)
    .where('dropped_at', 'is', null);
  if (scope === 'invalidated') query = query.where('status', '=', 'invalidated');
  await query.execute();
}

function pendingChange(challengeId: string | null, stamp: string) {
  return challengeId
    ? { pending_challenge_id: challengeId, pending_since: stamp, pending_activity_id: null, updated_at: stamp }
    : { pending_challenge_id: null, pending_since: null, pending_activity_id: null, state: 'completed', completed_at: stamp, updated_at: stamp };
}

async function insertKnowledge(trx: Transaction<Database>, a: NewAnswer, answerId: string) {
  if (a.knowledge.length === 0 || !a.competenceId) return;
  await trx
    .insertInto('knowledge_elements')
    .values(
      a.knowledge.map((k) => ({
        user_id: a.assessment.userId,
        competence_id: a.competenceId!,
        skill_id: k.skillId,
        status: k.status,
        source: k.source,
        answer_id: answerId,
        created_at: k.createdAt.toISOString(),
        dropped_at: null,
      })),
    )
    .execute();
}
