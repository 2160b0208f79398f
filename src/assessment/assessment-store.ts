/** The queries of the assessments table, compiled once per database, for the assessment repository. */
import type { Kysely } from 'kysely';
import { CompiledStatement, type Param } from '../store/compiled-query.js';
import type { AssessmentsTable, Database } from '../store/schema.js';

export type AssessmentStatements = ReturnType<typeof assessmentStatements>;

/** Every column of a test, named (SQLite's json_object takes no `*`); the type checker keeps the list whole. */
export const ASSESSMENT_COLUMNS = Object.keys({
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

/**
 * The latest test of `userId` of `kind` on `competenceId` (or the latest sitting of the kind when
 * `ofCompetence` is false); abandoned duplicates never count: the test kept beside them is the student's.
 */
export function latestTest(db: Kysely<Database>, p: Param, ofCompetence: boolean) {
  const query = db
    .selectFrom('assessments')
    .select(ASSESSMENT_COLUMNS)
    .where('user_id', '=', p<string>('userId'))
    .where('kind', '=', p<AssessmentsTable['kind']>('kind'))
    .where('state', '!=', 'abandoned');
  return (ofCompetence ? query.where('competence_id', '=', p<string>('competenceId')) : query.where('competence_id', 'is', null))
    .orderBy('created_at', 'desc')
    .orderBy('pass', 'desc')
    .limit(1);
}

export function assessmentStatements(db: Kysely<Database>) {
  const assessments = () => db.selectFrom('assessments').selectAll();
  const latest = (ofCompetence: boolean) => new CompiledStatement((p) => latestTest(db, p, ofCompetence));
  const running = (competence: boolean) =>
    new CompiledStatement((p) => {
      const query = assessments().where('user_id', '=', p<string>('userId')).where('kind', '=', p<AssessmentsTable['kind']>('kind')).where('state', '=', 'started');
      return competence ? query.where('competence_id', '=', p<string>('competenceId')) : query.where('competence_id', 'is', null);
    });
  const stamped = { pending_since: null, pending_activity_id: null };
  return {
    find: new CompiledStatement((p) => assessments().where('id', '=', p<string>('id'))),
    latestOfCompetence: latest(true),
    latestOfSitting: latest(false),
    runningOfCompetence: running(true),
    runningSitting: running(false),
    /** The latest finished sitting of a kind (a new one may be running beside it). */
    lastCompletedSitting: new CompiledStatement((p) =>
      assessments()
        .where('user_id', '=', p<string>('userId'))
        .where('kind', '=', p<AssessmentsTable['kind']>('kind'))
        .where('competence_id', 'is', null)
        .where('state', '=', 'completed')
        .orderBy('completed_at', 'desc')
        .limit(1),
    ),
    inProgress: new CompiledStatement((p) =>
      assessments().where('user_id', '=', p<string>('userId')).where('state', '=', 'started').orderBy('updated_at', 'desc').limit(1),
    ),
    latestPerCompetence: new CompiledStatement((p) =>
      assessments()
        .where('user_id', '=', p<string>('userId'))
        .where('kind', '=', 'competence')
        .where('state', '!=', 'abandoned')
        .orderBy('created_at', 'asc')
        .orderBy('pass', 'asc'),
    ),
    insert: new CompiledStatement((p) =>
      db.insertInto('assessments').values({
        id: p('id'),
        user_id: p('userId'),
        kind: p('kind'),
        competence_id: p('competenceId'),
        state: 'started',
        strategy: p('strategy'),
        pass: p('pass'),
        // A competence's test is inserted with its first challenge (start-state-store.ts); a sitting without.
        pending_challenge_id: p('pendingChallengeId'),
        pending_since: p('pendingSince'),
        pending_activity_id: null,
        seed: p('seed'),
        created_at: p('stamp'),
        updated_at: p('stamp'),
        completed_at: null,
      }),
    ),
    /** Marked reset, guarded by the state it was read in. */
    markReset: new CompiledStatement((p) =>
      db
        .updateTable('assessments')
        .set({ state: 'reset', pending_challenge_id: null, ...stamped, updated_at: p('stamp') })
        .where('id', '=', p<string>('id'))
        .where('state', '=', p<AssessmentsTable['state']>('state')),
    ),
    /** The challenge to ask next; `guarded`: only while `pendingChallengeId` is the pending one. */
    ...pendingStatements(db),
    setPendingActivity: new CompiledStatement((p) =>
      db
        .updateTable('assessments')
        .set({ pending_activity_id: p('activityId') })
        .where('id', '=', p<string>('id'))
        .where('pending_challenge_id', '=', p<string>('challengeId')),
    ),
  };
}

/** Moving a test on: to its next challenge, or to its end (completed); either unguarded or guarded by the pending challenge. */
function pendingStatements(db: Kysely<Database>) {
  const move = (next: boolean, guarded: boolean) =>
    new CompiledStatement((p) => {
      const query = db
        .updateTable('assessments')
        .set(
          next
            ? { pending_challenge_id: p('challengeId'), pending_since: p('stamp'), pending_activity_id: null, updated_at: p('stamp') }
            : { pending_challenge_id: null, pending_since: null, pending_activity_id: null, state: 'completed', completed_at: p('stamp'), updated_at: p('stamp') },
        )
        .where('id', '=', p<string>('id'));
      return guarded ? query.where('pending_challenge_id', '=', p<string>('pendingChallengeId')) : query;
    });
  return { setNext: move(true, false), complete: move(false, false), answeredNext: move(true, true), answeredComplete: move(false, true) };
}
