/**
 * Persistence of tests, answers and knowledge elements: the one port the test use cases write
 * through, since an answer, its knowledge and the test's next step go in one transaction. The
 * queries of each table are in answer-store.ts and knowledge-store.ts, the turn's one read in
 * answer-state-store.ts (in the dialect's JSON functions).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../store/migrations.js';
import type { AssessmentsTable, Database } from '../store/schema.js';
import type { Step } from '../store/compiled-query.js';
import { batched } from '../store/batch.js';
import { directOf, type Direct } from '../store/direct.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { AnswerStateStore } from './answer-state-store.js';
import { AnswerStore } from './answer-store.js';
import { assessmentStatements, type AssessmentStatements } from './assessment-store.js';
import { AssessmentError } from './errors.js';
import { KnowledgeStore } from './knowledge-store.js';
import type { KnowledgeElement } from './knowledge.js';
import type { Assessment, AssessmentKind, NewAnswer, StoredAnswer } from './model.js';
import { PgAnswerWriter } from './record-answer-pg.js';
import { StartStateStore } from './start-state-store.js';

function toAssessment(row: AssessmentsTable): Assessment {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    competenceId: row.competence_id,
    state: row.state,
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

interface PendingActivity {
  assessmentId: string;
  challengeId: string;
  activityId: string;
}

/**
 * setPendingActivity of several tests in one statement (PostgreSQL), each guarded by its pending
 * challenge as alone. Of two for one test, the later wins, as when they run one after the other.
 */
const PENDING_ACTIVITIES =
  'update assessments set pending_activity_id = v.activity_id from unnest($1::text[], $2::text[], $3::text[]) as v(id, challenge_id, activity_id) ' +
  'where assessments.id = v.id and assessments.pending_challenge_id = v.challenge_id';

async function setPendingActivities(direct: Direct, pending: PendingActivity[]): Promise<Map<PendingActivity, undefined>> {
  const latest = [...new Map(pending.map((p) => [p.assessmentId, p])).values()];
  await direct.run(PENDING_ACTIVITIES, [latest.map((p) => p.assessmentId), latest.map((p) => p.challengeId), latest.map((p) => p.activityId)]);
  return new Map();
}

/** The tests in progress whose seenBefore is kept (a few hundred bytes each). */
const MAX_SEEN_CACHED = 10_000;

export interface AnswerState {
  assessment: Assessment;
  answers: StoredAnswer[];
  knowledge: Map<string, KnowledgeElement>;
}

/**
 * A new test's first challenge, chosen before it is inserted so that it is inserted asking it: `choose`
 * is given the test as it will be (null: none, the test is inserted without); `seen` is what the
 * choice took as its seenBefore, kept as the test's.
 */
export interface FirstChallenge {
  choose(test: Assessment): string | null;
  seen: ReadonlySet<string>;
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
  private readonly q: AssessmentStatements;
  private readonly answerStore: AnswerStore;
  private readonly knowledgeStore: KnowledgeStore;
  private readonly stateStore: AnswerStateStore;
  private readonly startStateStore: StartStateStore;
  /** seenBefore of the tests in progress, oldest first. */
  private readonly seen = new Map<string, ReadonlySet<string>>();

  /** PostgreSQL: an answer is written in one statement (record-answer-pg.ts). */
  private readonly pgWriter: PgAnswerWriter | null;
  /** PostgreSQL: the pending cards' message ids of one turn of the event loop, written in one statement (batch.ts). */
  private readonly pendingActivities: ((pending: PendingActivity) => Promise<unknown>) | null = null;

  /** `dialect`: the store's (the turn's read is in its JSON functions; 'postgres' writes an answer in one statement). */
  constructor(
    private readonly db: Kysely<Database>,
    dialect: Dialect,
  ) {
    this.pgWriter = dialect === 'postgres' ? new PgAnswerWriter(db) : null;
    this.q = assessmentStatements(db);
    this.answerStore = new AnswerStore(db);
    this.knowledgeStore = new KnowledgeStore(db);
    this.stateStore = new AnswerStateStore(db, dialect);
    this.startStateStore = new StartStateStore(db, dialect);
    const direct = directOf(db);
    if (direct?.batches) this.pendingActivities = batched((pending: PendingActivity[]) => setPendingActivities(direct, pending));
  }

  async find(id: string): Promise<Assessment | null> {
    const row = await this.q.find.first(this.db, { id });
    return row ? toAssessment(row) : null;
  }

  /**
   * The latest test of a user on a competence (or the latest sitting of the kind when competenceId is
   * null). Abandoned duplicates never count: the test kept beside them is the student's.
   */
  async latest(userId: string, kind: AssessmentKind, competenceId: string | null): Promise<Assessment | null> {
    const query = competenceId === null ? this.q.latestOfSitting : this.q.latestOfCompetence;
    const row = await query.first(this.db, { userId, kind, competenceId });
    return row ? toAssessment(row) : null;
  }

  /** The latest finished sitting of the kind (discovery, positioning), even while a new one runs. */
  async lastCompleted(userId: string, kind: 'discovery' | 'positioning'): Promise<Assessment | null> {
    const row = await this.q.lastCompletedSitting.first(this.db, { userId, kind });
    return row ? toAssessment(row) : null;
  }

  /** The test the user touched last among those in progress, if any. */
  async inProgress(userId: string): Promise<Assessment | null> {
    const row = await this.q.inProgress.first(this.db, { userId });
    return row ? toAssessment(row) : null;
  }

  /** Latest competence test per competence, for the profile. */
  async latestPerCompetence(userId: string): Promise<Map<string, Assessment>> {
    const rows = await this.q.latestPerCompetence.rows(this.db, { userId });
    const latest = new Map<string, Assessment>();
    for (const row of rows) latest.set(row.competence_id!, toAssessment(row));
    return latest;
  }

  /** The test running on this competence (or the running sitting of the kind when competenceId is null): one at most. */
  async running(userId: string, kind: AssessmentKind, competenceId: string | null): Promise<Assessment | null> {
    const query = competenceId === null ? this.q.runningSitting : this.q.runningOfCompetence;
    const row = await query.first(this.db, { userId, kind, competenceId });
    return row ? toAssessment(row) : null;
  }

  /** Inserts a running test; fails on the unique index when one is running already (see start). */
  async create(args: NewAssessment): Promise<Assessment> {
    const row = newRow(args);
    await this.q.insert.run(this.db, insertValues(row));
    return toAssessment(row);
  }

  /**
   * Starts a test, or returns the one already running when another request (a second click, another
   * instance) started it first: the database's unique index decides, and the loser resumes the
   * winner's test. With `forget`, the knowledge an improvement pass drops goes in the same
   * transaction, so that a losing "retenter" forgets nothing of the winner's new answers. With
   * `first`, the test is inserted asking its first challenge (not with `forget`: the choice would be
   * made from knowledge the insert's transaction drops).
   */
  async start(args: NewAssessment & ({ forget?: 'invalidated'; first?: never } | { forget?: never; first?: FirstChallenge })): Promise<{ assessment: Assessment; created: boolean }> {
    const row = newRow(args);
    if (args.first) {
      const first = args.first.choose(toAssessment(row));
      if (first) Object.assign(row, { pending_challenge_id: first, pending_since: row.created_at });
    }
    try {
      if (args.forget && args.competenceId) {
        const competenceId = args.competenceId;
        await this.db.transaction().execute(async (trx) => {
          await this.knowledgeStore.drop(trx, args.userId, competenceId, 'invalidated', args.now);
          await this.q.insert.run(trx, insertValues(row));
        });
      } else {
        // One statement is its own transaction.
        await this.q.insert.run(this.db, insertValues(row));
      }
      if (args.first) this.remember(row.id, args.first.seen);
      return { assessment: toAssessment(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const running = await this.running(args.userId, args.kind, args.competenceId);
      if (!running) throw error;
      return { assessment: running, created: false };
    }
  }

  /**
   * What starting a competence's test reads, in one statement (start-state-store.ts): the latest test
   * of the competence, the knowledge of it, and the challenges answered before `now` (the new test's
   * seenBefore, passed back to `start` with its first challenge).
   */
  async startState(userId: string, competenceId: string, now: Date): Promise<{ latest: Assessment | null; knowledge: Map<string, KnowledgeElement>; seen: ReadonlySet<string> }> {
    const { latest, knowledge, seen } = await this.startStateStore.read(userId, competenceId, now);
    return { latest: latest ? toAssessment(latest) : null, knowledge, seen };
  }

  /**
   * Resets a competence in one transaction: its latest test is marked reset, guarded by the state it
   * was read in, then its knowledge is dropped. False (nothing changed) when another request changed
   * that test first, e.g. a second confirmation.
   */
  async reset(args: { userId: string; competenceId: string; assessment: Assessment; now: Date }): Promise<boolean> {
    const stamp = args.now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const marked = await this.q.markReset.affected(trx, { id: args.assessment.id, state: args.assessment.state, stamp });
      if (marked !== 1) return false;
      await this.knowledgeStore.drop(trx, args.userId, args.competenceId, 'all', args.now);
      return true;
    });
  }

  /** Sets the challenge to ask next, or completes the test when there is none. */
  async setPending(assessmentId: string, challengeId: string | null, now: Date): Promise<void> {
    const stamp = now.toISOString();
    if (challengeId) await this.q.setNext.run(this.db, { id: assessmentId, challengeId, stamp });
    else await this.q.complete.run(this.db, { id: assessmentId, stamp });
  }

  /** Remembers which message shows the pending challenge, so that the answer can update it in place. */
  async setPendingActivity(assessmentId: string, challengeId: string, activityId: string): Promise<void> {
    if (this.pendingActivities) return void (await this.pendingActivities({ assessmentId, challengeId, activityId }));
    const values = { id: assessmentId, challengeId, activityId };
    // SQLite: in the transaction this turn of the event loop's writes share, when there is one.
    const direct = directOf(this.db);
    const shared = await direct?.transaction(() => this.q.setPendingActivity.runDirect(direct, values));
    if (!shared) await this.q.setPendingActivity.run(this.db, values);
  }

  /**
   * What an answer turn reads: the test, its answers and the user's current knowledge of its
   * competence, in one statement (answer-state-store.ts); null when there is no such test or it is
   * not `userId`'s, so that nothing of another user's test leaves the store.
   */
  async answerState(assessmentId: string, userId: string): Promise<AnswerState | null> {
    const state = await this.stateStore.read(assessmentId, userId);
    return state ? { assessment: toAssessment(state.row), answers: state.answers, knowledge: state.knowledge } : null;
  }

  answers(assessmentId: string): Promise<StoredAnswer[]> {
    return this.answerStore.read(assessmentId);
  }

  /**
   * Challenges the student answered before this test started (any test), for preferring unseen
   * variants. It is fixed while the test runs (answers before its start), so it is read once per test
   * and kept (a bounded cache of the tests in progress; a test that ends leaves it).
   */
  async seenBefore(assessment: Assessment): Promise<ReadonlySet<string>> {
    const cached = this.seen.get(assessment.id);
    if (cached) return cached;
    const seen = await this.answerStore.seenBefore(assessment);
    this.remember(assessment.id, seen);
    return seen;
  }

  private remember(assessmentId: string, seen: ReadonlySet<string>): void {
    if (this.seen.size >= MAX_SEEN_CACHED) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(assessmentId, seen);
  }

  lastAnswerAt(userId: string, competenceId: string): Promise<Date | null> {
    return this.answerStore.lastAt(userId, competenceId);
  }

  lastAnswerPerCompetence(userId: string): Promise<Map<string, Date>> {
    return this.answerStore.lastPerCompetenceOf(userId);
  }

  /** The latest element per skill that no reset or improvement has dropped. */
  knowledge(userId: string, competenceId?: string): Promise<Map<string, KnowledgeElement>> {
    return this.knowledgeStore.read(userId, competenceId);
  }

  /** Records an answer, its knowledge and the next pending challenge at once: all or nothing. */
  async recordAnswer(a: NewAnswer): Promise<string> {
    const answerId = randomUUID();
    const stamp = a.now.toISOString();
    try {
      // The guard on the pending challenge makes two racing deliveries record one answer.
      const moved = this.pgWriter ? await this.pgWriter.record(a, answerId, stamp) : await this.recordInTransaction(a, answerId, stamp);
      if (!moved) throw new DuplicateAnswerError();
      if (!a.next) this.seen.delete(a.assessment.id);
    } catch (error) {
      if (error instanceof DuplicateAnswerError) throw error;
      if (isUniqueViolation(error)) throw new DuplicateAnswerError();
      throw error;
    }
    return answerId;
  }

  /**
   * SQLite: the guarded move, the answer and its knowledge in one transaction; false when the test had
   * moved (then nothing is written). On the direct path, in the transaction that the writes of this
   * turn of the event loop share, in a savepoint of its own (direct.ts); else a Kysely transaction.
   */
  private async recordInTransaction(a: NewAnswer, answerId: string, stamp: string): Promise<boolean> {
    const next = a.next?.challengeId ?? null;
    const guard = { id: a.assessment.id, pendingChallengeId: a.challengeId, stamp };
    const move: Step = next ? [this.q.answeredNext, { ...guard, challengeId: next }] : [this.q.answeredComplete, guard];
    const writes: Step[] = [this.answerStore.addStep({ id: answerId, answer: a, stamp })];
    const knowledge = a.competenceId ? this.knowledgeStore.addStep({ userId: a.assessment.userId, competenceId: a.competenceId, answerId, knowledge: a.knowledge }) : null;
    if (knowledge) writes.push(knowledge);
    const direct = directOf(this.db);
    const done = await direct?.transaction(() => {
      if (Number(move[0].runDirect(direct, move[1]).numAffectedRows ?? 0n) !== 1) return false;
      for (const [statement, values] of writes) statement.runDirect(direct, values);
      return true;
    });
    if (done) return done.value;
    return this.db.transaction().execute(async (trx) => {
      if ((await move[0].affected(trx, move[1])) !== 1) return false;
      for (const [statement, values] of writes) await statement.run(trx, values);
      return true;
    });
  }

  /** Forgets knowledge of a competence (kept as history): all of it on reset, failures only on improve. */
  async dropKnowledge(userId: string, competenceId: string, scope: 'all' | 'invalidated', now: Date): Promise<void> {
    await this.knowledgeStore.drop(this.db, userId, competenceId, scope, now);
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

function insertValues(row: AssessmentsTable): Record<string, unknown> {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    competenceId: row.competence_id,
    strategy: row.strategy,
    pass: row.pass,
    pendingChallengeId: row.pending_challenge_id,
    pendingSince: row.pending_since,
    seed: row.seed,
    stamp: row.created_at,
  };
}
