/**
 * Layer: store. One contract for the repositories, run against SQLite and PostgreSQL (a database made
 * for the run on the machine's server at 127.0.0.1:5432), so that every query stays dialect-neutral.
 */
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AssessmentRepository, DuplicateAnswerError } from '../../src/assessment/repository.js';
import type { AssessmentKind, AssessmentState } from '../../src/assessment/model.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { ImportRepository } from '../../src/schools/import-repository.js';
import { SchoolRepository } from '../../src/schools/repository.js';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { siecleStudent } from '../helpers/siecle-student.js';
import { migrate, openStore, type Store } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations.js';
import type { Database } from '../../src/store/schema.js';
import { StoredRowError } from '../../src/store/json-column.js';
import { directOf } from '../../src/store/direct.js';
import { isUniqueViolation } from '../../src/store/unique-violation.js';
import { UserRepository } from '../../src/users/users.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: its half of the store contract is skipped');

const now = new Date('2026-03-02T09:00:00Z');
const student = (ine: string, over: Partial<SiecleStudent> = {}): SiecleStudent => ({ ...siecleStudent(ine, 'Léa', 'MARTIN', '5A'), ...over });

/** A database of the dialect migrated only up to `upTo`, as one deployed before a later migration. */
async function databaseAt(dialect: string, upTo: string): Promise<{ db: Kysely<Database>; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = tempDir('partix-contract-old-');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'old.sqlite')) }) });
    await new Migrator({ db, provider: { getMigrations: async () => migrations('sqlite') } }).migrateTo(upTo);
    return {
      db,
      drop: async () => {
        await db.destroy();
        removeTempDir(dir);
      },
    };
  }
  const database = await freshDatabase('partix_contract_old');
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }) });
  await new Migrator({ db, provider: { getMigrations: async () => migrations('postgres') } }).migrateTo(upTo);
  return {
    db,
    drop: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

const dialects: Array<[string, () => Promise<{ store: Store; drop: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const dir = tempDir('partix-contract-');
      const store = await openStore(join(dir, 'c.sqlite'));
      return {
        store,
        drop: async () => {
          await store.close();
          removeTempDir(dir);
        },
      };
    },
  ],
  [
    'postgres',
    async () => {
      const database = await freshDatabase('partix_contract');
      const store = await openStore(database.url);
      return {
        store,
        drop: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
  ],
];

describe.each(dialects)('%s', (dialect, open) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (dialect === 'postgres' && !pgUp) return;
    ({ store, drop } = await open());
  });
  afterAll(async () => drop?.());
  const it = dialect === 'postgres' && !pgUp ? test.skip : test;

  it('users and conversation references: first contact, latest service URL wins', async () => {
    const users = new UserRepository(store.db);
    const first = await users.identify({ teamsUserId: '29:a', name: 'A', locale: 'fr-FR' }, now);
    expect(first.created).toBe(true);
    expect((await users.identify({ teamsUserId: '29:a' }, now)).created).toBe(false);
    const ref = { serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', tenantId: 't', userId: '29:a', conversationId: 'a:1', botId: '28:b', botName: 'Partix' };
    await users.saveConversationReference(first.user.id, ref, now);
    await users.saveConversationReference(first.user.id, { ...ref, serviceUrl: 'https://smba.example/amer/' }, now);
    expect((await users.conversationReference(first.user.id))?.serviceUrl).toBe('https://smba.example/amer/');
    // A turn reads the sender and their reference at once; the one told is the one written last.
    expect(first.reference).toBeNull();
    const again = await users.identify({ teamsUserId: '29:a' }, now);
    expect(again.reference).toEqual({ ...ref, serviceUrl: 'https://smba.example/amer/' });
    expect(again.user).toEqual(first.user);
    // Saving what was read with the user writes nothing; a new service URL is written.
    await users.saveConversationReference(again.user.id, { ...ref, serviceUrl: 'https://smba.example/apac/' }, now, again.reference);
    expect((await users.identify({ teamsUserId: '29:a' }, now)).reference?.serviceUrl).toBe('https://smba.example/apac/');
  });

  /** A student's competence test, waiting on challenge c1. */
  async function pendingTest(teamsUserId: string, competenceId: string) {
    const { user } = await new UserRepository(store.db).identify({ teamsUserId }, now);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const created = await repo.create({ userId: user.id, kind: 'competence', competenceId, strategy: 'smart-random', pass: 1, seed: 42, now });
    await repo.setPending(created.id, 'c1', now);
    return { user, repo, assessment: (await repo.find(created.id))! };
  }

  it('answers: one per challenge and test, with knowledge, and the pending challenge moves in the same transaction', async () => {
    const { user, repo, assessment } = await pendingTest('29:answers', '1.1');
    const answer = {
      assessment,
      challengeId: 'c1',
      skillId: '@t2',
      competenceId: '1.1',
      value: '2',
      status: 'ok' as const,
      elapsedSeconds: 12,
      activityId: 'act-1',
      knowledge: [
        { skillId: '@t2', status: 'validated' as const, source: 'direct' as const, createdAt: now },
        { skillId: '@t1', status: 'validated' as const, source: 'inferred' as const, createdAt: now },
      ],
      next: { challengeId: 'c2' },
      now,
    };
    await repo.recordAnswer(answer);
    await expect(repo.recordAnswer(answer)).rejects.toBeInstanceOf(DuplicateAnswerError);
    expect((await repo.answers(assessment.id)).map((a) => a.challengeId)).toEqual(['c1']);
    expect((await repo.find(assessment.id))?.pendingChallengeId).toBe('c2');
    expect([...(await repo.knowledge(user.id, '1.1')).keys()].sort()).toEqual(['@t1', '@t2']);
    expect((await repo.lastAnswerPerCompetence(user.id)).get('1.1')?.toISOString()).toBe(now.toISOString());
    await repo.dropKnowledge(user.id, '1.1', 'all', now);
    expect((await repo.knowledge(user.id, '1.1')).size).toBe(0);
    // The test's end: a conclusion may restate a skill the answer inferred; the later element wins.
    const last = { ...answer, assessment: (await repo.find(assessment.id))!, challengeId: 'c2', activityId: null, next: null };
    const restated = [
      { skillId: '@t3', status: 'validated' as const, source: 'direct' as const, createdAt: now },
      { skillId: '@t3', status: 'invalidated' as const, source: 'direct' as const, createdAt: now },
    ];
    await repo.recordAnswer({ ...last, knowledge: restated });
    expect((await repo.find(assessment.id))?.state).toBe('completed');
    expect((await repo.knowledge(user.id, '1.1')).get('@t3')?.status).toBe('invalidated');
    await expect(repo.recordAnswer({ ...last, knowledge: restated })).rejects.toBeInstanceOf(DuplicateAnswerError);
    expect(await repo.answers(assessment.id)).toHaveLength(2);
  });

  it('two deliveries of one answer at once: one is recorded with its knowledge, the other is refused', async () => {
    const { user, repo, assessment: test } = await pendingTest('29:racing-answers', '1.2');
    const answer = {
      assessment: test,
      challengeId: 'c1',
      skillId: '@r1',
      competenceId: '1.2',
      value: '1',
      status: 'ok' as const,
      elapsedSeconds: null,
      activityId: 'act-r',
      knowledge: [{ skillId: '@r1', status: 'validated' as const, source: 'direct' as const, createdAt: now }],
      next: { challengeId: 'c2' },
      now,
    };
    const outcomes = await Promise.allSettled([repo.recordAnswer(answer), repo.recordAnswer(answer), repo.recordAnswer({ ...answer, next: null })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DuplicateAnswerError);
    expect(await repo.answers(test.id)).toHaveLength(1);
    const rows = await store.db.selectFrom('knowledge_elements').select('skill_id').where('user_id', '=', user.id).execute();
    expect(rows.map((r) => r.skill_id)).toEqual(['@r1']);
  });

  it('a class answering at once: each turn reads and writes its own, and PostgreSQL shares the round trips', async () => {
    const users = new UserRepository(store.db);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const students = await Promise.all(['29:class-a', '29:class-b', '29:class-c'].map((id, i) => pendingTest(id, `5.${i + 1}`)));
    // Statements sent meanwhile, on the direct path (every one of these calls takes it).
    const direct = directOf(store.db)!;
    const run = direct.run.bind(direct);
    let sent = 0;
    direct.run = (sql, parameters) => (sent++, run(sql, parameters));
    try {
      // The senders, a newcomer among them, and one of them twice.
      const senders = await Promise.all(['29:class-a', '29:class-b', '29:class-newcomer', '29:class-a'].map((teamsUserId) => users.identify({ teamsUserId }, now)));
      expect(senders.map((s) => s.user.teamsUserId)).toEqual(['29:class-a', '29:class-b', '29:class-newcomer', '29:class-a']);
      expect(senders.map((s) => s.created)).toEqual([false, false, true, false]);
      expect(senders[0]!.user).toEqual(students[0]!.user);
      expect(senders[1]!.user).toEqual(students[1]!.user);
      // One read for the four, then the newcomer's insert.
      if (dialect === 'postgres') expect(sent).toBe(2);

      sent = 0;
      const states = await Promise.all([...students.map((s) => repo.answerState(s.assessment.id, s.user.id)), repo.answerState(students[0]!.assessment.id, students[1]!.user.id)]);
      expect(states.slice(0, 3).map((s) => s?.assessment)).toEqual(students.map((s) => s.assessment));
      // Another student's test reads as none, and none of it is told.
      expect(states[3]).toBeNull();
      if (dialect === 'postgres') expect(sent).toBe(1);

      sent = 0;
      const answer = (s: (typeof students)[number], challengeId: string, skillId: string) => ({
        assessment: s.assessment,
        challengeId,
        skillId,
        competenceId: s.assessment.competenceId,
        value: '1',
        status: 'ok' as const,
        elapsedSeconds: 4,
        activityId: `act-${skillId}`,
        knowledge: [{ skillId, status: 'validated' as const, source: 'direct' as const, createdAt: now }],
        next: skillId === '@c' ? null : { challengeId: 'c2' },
        now,
      });
      const [a, b, c] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
      const outcomes = await Promise.allSettled([
        repo.recordAnswer(answer(a, 'c1', '@a')),
        // Not the pending challenge: refused, and nothing of it is written.
        repo.recordAnswer(answer(b, 'c9', '@stale')),
        repo.recordAnswer(answer(b, 'c1', '@b')),
        repo.recordAnswer(answer(c, 'c1', '@c')),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateAnswerError);
      // One statement for the first three tests, then b's second answer alone.
      if (dialect === 'postgres') expect(sent).toBe(2);
      for (const [s, skill] of [[a, '@a'], [b, '@b'], [c, '@c']] as const) {
        expect((await repo.answers(s.assessment.id)).map((x) => x.skillId)).toEqual([skill]);
        expect([...(await repo.knowledge(s.user.id, s.assessment.competenceId!)).keys()]).toEqual([skill]);
      }
      expect((await repo.find(a.assessment.id))?.pendingChallengeId).toBe('c2');
      expect((await repo.find(c.assessment.id))?.state).toBe('completed');

      // The message ids of the next cards, one guarded out (its test has moved past c1).
      sent = 0;
      await Promise.all([repo.setPendingActivity(a.assessment.id, 'c2', 'msg-a'), repo.setPendingActivity(b.assessment.id, 'c1', 'msg-b')]);
      if (dialect === 'postgres') expect(sent).toBe(1);
      expect((await repo.find(a.assessment.id))?.pendingActivityId).toBe('msg-a');
      expect((await repo.find(b.assessment.id))?.pendingActivityId).toBeNull();
    } finally {
      direct.run = run;
    }
  });

  it('answers written together: one that fails the statement fails alone', async () => {
    const repo = new AssessmentRepository(store.db, store.dialect);
    const [ok, broken] = await Promise.all([pendingTest('29:together-ok', '5.4'), pendingTest('29:together-broken', '5.5')]);
    // An answer to c1 already stored while c1 is still pending: its insert breaks answers_once_idx.
    await store.db
      .insertInto('answers')
      .values({ id: 'stray', assessment_id: broken.assessment.id, user_id: broken.user.id, challenge_id: 'c1', skill_id: '@x', competence_id: '5.5', value: '', status: 'ko', elapsed_seconds: null, activity_id: null, created_at: now.toISOString() })
      .execute();
    const answer = (s: typeof ok) => ({ assessment: s.assessment, challengeId: 'c1', skillId: '@y', competenceId: s.assessment.competenceId, value: '1', status: 'ok' as const, elapsedSeconds: 1, activityId: null, knowledge: [], next: { challengeId: 'c2' }, now });
    const outcomes = await Promise.allSettled([repo.recordAnswer(answer(ok)), repo.recordAnswer(answer(broken))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateAnswerError);
    expect((await repo.find(ok.assessment.id))?.pendingChallengeId).toBe('c2');
    // The failed one moved nothing.
    expect((await repo.find(broken.assessment.id))?.pendingChallengeId).toBe('c1');
  });

  it("an answer turn's reads: the test, its answers in order and its competence's current knowledge, at once", async () => {
    const users = new UserRepository(store.db);
    const { user } = await users.identify({ teamsUserId: '29:state' }, now);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const test = await repo.create({ userId: user.id, kind: 'competence', competenceId: '2.1', strategy: 'smart-random', pass: 1, seed: 7, now });
    await repo.setPending(test.id, 'c1', now);
    const empty = (await repo.answerState(test.id, user.id))!;
    expect(empty.assessment).toEqual(await repo.find(test.id));
    expect(empty.answers).toEqual([]);
    expect(empty.knowledge.size).toBe(0);

    const later = new Date(now.getTime() + 60_000);
    const base = { skillId: '@s1', competenceId: '2.1', value: '1', status: 'ok' as const, elapsedSeconds: 3, activityId: null };
    const known = (skillId: string, status: 'validated' | 'invalidated', at: Date) => ({ skillId, status, source: 'direct' as const, createdAt: at });
    await repo.recordAnswer({ ...base, assessment: empty.assessment, challengeId: 'c1', knowledge: [known('@s1', 'validated', now)], next: { challengeId: 'c2' }, now });
    await repo.recordAnswer({ ...base, assessment: empty.assessment, challengeId: 'c2', status: 'ko', knowledge: [known('@s1', 'invalidated', later)], next: { challengeId: 'c3' }, now: later });
    // Knowledge of another competence is not this test's.
    const other = await repo.create({ userId: user.id, kind: 'competence', competenceId: '3.1', strategy: 'smart-random', pass: 1, seed: 8, now });
    await repo.setPending(other.id, 'x1', now);
    await repo.recordAnswer({ ...base, assessment: (await repo.find(other.id))!, challengeId: 'x1', competenceId: '3.1', skillId: '@o1', knowledge: [known('@o1', 'validated', now)], next: null, now });

    const state = (await repo.answerState(test.id, user.id))!;
    expect(state.assessment).toEqual(await repo.find(test.id));
    expect(state.answers).toEqual(await repo.answers(test.id));
    expect(state.answers.map((a) => a.challengeId)).toEqual(['c1', 'c2']);
    expect(state.knowledge).toEqual(await repo.knowledge(user.id, '2.1'));
    expect(state.knowledge.get('@s1')?.status).toBe('invalidated');
    expect([...state.knowledge.keys()]).toEqual(['@s1']);
    expect(await repo.answerState('no-such-test', user.id)).toBeNull();
    // Knowledge dropped (a reset) is not read; a sitting (no competence) has none.
    await repo.dropKnowledge(user.id, '2.1', 'all', later);
    expect((await repo.answerState(test.id, user.id))!.knowledge.size).toBe(0);
    const sitting = await repo.create({ userId: user.id, kind: 'discovery', competenceId: null, strategy: 'discovery', pass: 1, seed: 9, now });
    expect((await repo.answerState(sitting.id, user.id))!.knowledge.size).toBe(0);
  });

  it("a start's read and write: the latest test, the knowledge and the challenges seen at once, then the test inserted asking its first challenge", async () => {
    const users = new UserRepository(store.db);
    const { user } = await users.identify({ teamsUserId: '29:start-state' }, now);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const nothing = await repo.startState(user.id, '4.1', now);
    expect(nothing).toEqual({ latest: null, knowledge: new Map(), seen: new Set() });

    // A finished first pass on 4.1 and a test of 4.2, answered before `now`.
    const before = new Date(now.getTime() - 3_600_000);
    const base = { value: '1', status: 'ok' as const, elapsedSeconds: 2, activityId: null };
    const known = (skillId: string, status: 'validated' | 'invalidated') => ({ skillId, status, source: 'direct' as const, createdAt: before });
    const first = await repo.create({ userId: user.id, kind: 'competence', competenceId: '4.1', strategy: 'smart-random', pass: 1, seed: 3, now: before });
    await repo.setPending(first.id, 'c1', before);
    const firstTest = (await repo.find(first.id))!;
    await repo.recordAnswer({ ...base, assessment: firstTest, challengeId: 'c1', skillId: '@a1', competenceId: '4.1', knowledge: [known('@a1', 'validated')], next: { challengeId: 'c2' }, now: before });
    await repo.recordAnswer({ ...base, assessment: firstTest, challengeId: 'c2', skillId: '@a2', competenceId: '4.1', status: 'ko', knowledge: [known('@a2', 'invalidated')], next: null, now: before });
    const other = await repo.create({ userId: user.id, kind: 'competence', competenceId: '4.2', strategy: 'smart-random', pass: 1, seed: 4, now: before });
    await repo.setPending(other.id, 'x1', before);
    await repo.recordAnswer({ ...base, assessment: (await repo.find(other.id))!, challengeId: 'x1', skillId: '@b1', competenceId: '4.2', knowledge: [known('@b1', 'validated')], next: { challengeId: 'c1' }, now: before });
    // An abandoned duplicate, later, never counts; an answer after `now` is not seen before it.
    await store.db
      .insertInto('assessments')
      .values({ id: 'abandoned-4.1', user_id: user.id, kind: 'competence', competence_id: '4.1', state: 'abandoned', strategy: 'smart-random', pass: 1, pending_challenge_id: null, pending_since: null, pending_activity_id: null, seed: 5, created_at: now.toISOString(), updated_at: now.toISOString(), completed_at: null })
      .execute();
    const after = new Date(now.getTime() + 60_000);
    await repo.recordAnswer({ ...base, assessment: (await repo.find(other.id))!, challengeId: 'c1', skillId: '@b2', competenceId: '4.2', knowledge: [], next: null, now: after });

    const state = await repo.startState(user.id, '4.1', now);
    expect(state.latest).toEqual(await repo.latest(user.id, 'competence', '4.1'));
    expect(state.latest).toMatchObject({ id: first.id, state: 'completed', pass: 1, seed: 3 });
    expect(state.knowledge).toEqual(await repo.knowledge(user.id, '4.1'));
    expect([...state.knowledge.keys()]).toEqual(['@a1', '@a2']);
    expect([...state.seen].sort()).toEqual(['c1', 'c2', 'x1']);

    // A new test of 4.3 inserted asking its first challenge, chosen from the test as it will be.
    const seen = (await repo.startState(user.id, '4.3', now)).seen;
    let chosenFor: unknown = null;
    const started = await repo.start({
      userId: user.id,
      kind: 'competence',
      competenceId: '4.3',
      strategy: 'smart-random',
      pass: 1,
      seed: 11,
      now,
      first: { choose: (test) => ((chosenFor = test), 'q1'), seen },
    });
    expect(started.created).toBe(true);
    expect(chosenFor).toMatchObject({ id: started.assessment.id, competenceId: '4.3', seed: 11, state: 'started' });
    expect(started.assessment).toMatchObject({ pendingChallengeId: 'q1', pendingSince: now });
    expect(await repo.find(started.assessment.id)).toEqual(started.assessment);
    expect(await repo.seenBefore(started.assessment)).toEqual(seen);
    // A second click loses the race to it and resumes it, on the same question.
    const again = await repo.start({ userId: user.id, kind: 'competence', competenceId: '4.3', strategy: 'smart-random', pass: 1, seed: 12, now, first: { choose: () => 'q9', seen } });
    expect(again).toEqual({ assessment: started.assessment, created: false });
    // None to ask: inserted without one.
    const none = await repo.start({ userId: user.id, kind: 'competence', competenceId: '4.4', strategy: 'smart-random', pass: 1, seed: 13, now, first: { choose: () => null, seen } });
    expect((await repo.find(none.assessment.id))?.pendingChallengeId).toBeNull();
  });

  it('running tests: one per student and competence, and one sitting per kind, whatever the code does', async () => {
    const users = new UserRepository(store.db);
    const { user } = await users.identify({ teamsUserId: '29:running' }, now);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const args = { userId: user.id, kind: 'competence' as const, competenceId: '1.1', strategy: 'smart-random', pass: 1, seed: 1, now };
    const first = await repo.create(args);
    const refused = await repo.create(args).then(() => null, (error: unknown) => error);
    expect(isUniqueViolation(refused), String(refused)).toBe(true);
    // The loser of a race is given the running test, not a new one.
    expect(await repo.start(args)).toEqual({ assessment: first, created: false });
    // Another competence, and the sittings, are each their own.
    expect((await repo.start({ ...args, competenceId: '1.2' })).created).toBe(true);
    for (const kind of ['discovery', 'positioning'] as const) {
      const sitting = { ...args, kind, competenceId: null };
      const started = await repo.start(sitting);
      expect(started.created).toBe(true);
      expect(await repo.start(sitting)).toEqual({ assessment: started.assessment, created: false });
    }
    // Once the first is over, a new pass may start.
    await repo.setPending(first.id, null, now);
    expect((await repo.start({ ...args, pass: 2 })).created).toBe(true);
    // Any other constraint is not taken for a running test.
    const other = await store.db.insertInto('users').values({ id: user.id, teams_user_id: 'x', aad_object_id: null, tenant_id: null, name: null, locale: null, created_at: '', updated_at: '' }).execute().then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(other)).toBe(true);
    const notNull = await store.db.insertInto('users').values({ id: 'n', teams_user_id: null as unknown as string, aad_object_id: null, tenant_id: null, name: null, locale: null, created_at: '', updated_at: '' }).execute().then(() => null, (e: unknown) => e);
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
  });

  it('the last finished sitting of a kind: the latest completed, even while a new one runs', async () => {
    const users = new UserRepository(store.db);
    const { user } = await users.identify({ teamsUserId: '29:last-sitting' }, now);
    const repo = new AssessmentRepository(store.db, store.dialect);
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const sitting = { userId: user.id, kind: 'positioning' as const, competenceId: null, strategy: 'positioning', pass: 1, seed: 1, now };
    expect(await repo.lastCompleted(user.id, 'positioning')).toBeNull();
    const first = await repo.create(sitting);
    expect(await repo.lastCompleted(user.id, 'positioning')).toBeNull();
    await repo.setPending(first.id, null, at(1));
    const second = await repo.create({ ...sitting, now: at(2) });
    await repo.setPending(second.id, null, at(3));
    const third = await repo.create({ ...sitting, now: at(4) });
    expect((await repo.lastCompleted(user.id, 'positioning'))?.id).toBe(second.id);
    expect((await repo.running(user.id, 'positioning', null))?.id).toBe(third.id);
    // Another kind, another student: not this one's.
    expect(await repo.lastCompleted(user.id, 'discovery')).toBeNull();
    const { user: other } = await users.identify({ teamsUserId: '29:last-sitting-other' }, now);
    expect(await repo.lastCompleted(other.id, 'positioning')).toBeNull();
  });

  it('a database that already holds duplicate running tests migrates: the most advanced is kept, the others are abandoned', async () => {
    const old = await databaseAt(dialect, '004_import_files');
    try {
      const stamp = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
      await old.db.insertInto('users').values({ id: 'u1', teams_user_id: '29:dup', aad_object_id: null, tenant_id: null, name: null, locale: null, created_at: stamp(0), updated_at: stamp(0) }).execute();
      const test = (id: string, kind: AssessmentKind, competenceId: string | null, minutes: number, state: AssessmentState = 'started') => ({
        id, user_id: 'u1', kind, competence_id: competenceId, state, strategy: 's', pass: 1, pending_challenge_id: `c-${id}`, pending_since: stamp(minutes),
        pending_activity_id: null, seed: 1, created_at: stamp(minutes), updated_at: stamp(minutes), completed_at: null,
      });
      await old.db.insertInto('assessments').values([
        test('a-oldest', 'competence', '1.1', 0),
        test('a-advanced', 'competence', '1.1', 1),
        test('a-newest', 'competence', '1.1', 2),
        test('a-done', 'competence', '1.1', 3, 'completed'),
        test('p-first', 'positioning', null, 0),
        test('p-second', 'positioning', null, 0),
        test('d-alone', 'discovery', null, 5),
      ]).execute();
      const answer = (id: string, assessmentId: string) => ({
        id, assessment_id: assessmentId, user_id: 'u1', challenge_id: id, skill_id: '@s1', competence_id: '1.1', value: '1', status: 'ok' as const, elapsed_seconds: 1, activity_id: null, created_at: stamp(1),
      });
      await old.db.insertInto('answers').values([answer('w1', 'a-advanced'), answer('w2', 'a-advanced'), answer('w3', 'a-newest')]).execute();

      await migrate(old.db, dialect as 'sqlite' | 'postgres');

      const states = await old.db.selectFrom('assessments').select(['id', 'state', 'pending_challenge_id']).orderBy('id').execute();
      expect(states).toEqual([
        { id: 'a-advanced', state: 'started', pending_challenge_id: 'c-a-advanced' },
        { id: 'a-done', state: 'completed', pending_challenge_id: 'c-a-done' },
        { id: 'a-newest', state: 'abandoned', pending_challenge_id: null },
        { id: 'a-oldest', state: 'abandoned', pending_challenge_id: null },
        { id: 'd-alone', state: 'started', pending_challenge_id: 'c-d-alone' },
        { id: 'p-first', state: 'started', pending_challenge_id: 'c-p-first' },
        { id: 'p-second', state: 'abandoned', pending_challenge_id: null },
      ]);
      // The code knows the state: the kept test is the student's, answers stay as history.
      const repo = new AssessmentRepository(old.db, store.dialect);
      expect((await repo.latest('u1', 'competence', '1.1'))?.id).toBe('a-done');
      expect((await repo.running('u1', 'competence', '1.1'))?.id).toBe('a-advanced');
      expect((await repo.running('u1', 'positioning', null))?.id).toBe('p-first');
      expect(await old.db.selectFrom('answers').select('id').orderBy('id').execute()).toHaveLength(3);
    } finally {
      await old.drop();
    }
  });

  it('schools: import all or nothing, re-import disables who left, links survive', async () => {
    const schools = new SchoolRepository(store.db);
    const users = new UserRepository(store.db);
    const school = await schools.addSchool('0860001A', 'Collège', now);
    expect(await schools.students.applyImport(school.id, [student('A1'), student('A2'), student('A3', { firstName: 'Tom' })], now)).toEqual({
      imported: 3,
      updated: 0,
      unchanged: 0,
      disabled: 0,
    });
    const { user } = await users.identify({ teamsUserId: '29:lea' }, now);
    const [a1] = await schools.students.activeStudentsBornOn([school.id], '2012-05-01');
    expect(await schools.students.link(a1!.id, user.id, now)).toBe(true);
    expect(await schools.students.link(a1!.id, 'someone-else', now)).toBe(false);
    expect(await schools.students.applyImport(school.id, [student('A1'), student('A2', { division: '4B' })], now)).toEqual({
      imported: 0,
      updated: 1,
      unchanged: 1,
      disabled: 1,
    });
    expect(await schools.students.divisions(school.id)).toEqual([
      { division: '4B', students: 1 },
      { division: '5A', students: 1 },
    ]);
    expect((await schools.students.studentsOfUser(user.id))[0]?.ine).toBe(a1!.ine);
    // Two records with one INE break the (school, INE) key: the whole import is refused, nothing kept.
    const uniqueViolation = dialect === 'sqlite' ? { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: students.school_id, students.ine' } : { code: '23505', constraint: 'students_ine_idx' };
    await expect(schools.students.applyImport(school.id, [student('B1'), student('B1')], now)).rejects.toMatchObject(uniqueViolation);
    expect((await schools.students.divisions(school.id)).reduce((n, d) => n + d.students, 0)).toBe(2);
  });

  it('invitations are used once and expire', async () => {
    const schools = new SchoolRepository(store.db);
    const school = await schools.addSchool('0860002B', 'Lycée', now);
    await schools.addInvitation({ codeHash: 'h1', schoolId: school.id, kind: 'teacher', createdBy: null, now, expiresAt: new Date(now.getTime() + 3600_000) });
    expect(await schools.useInvitation('h1', 'u1', now)).toMatchObject({ kind: 'teacher' });
    expect(await schools.useInvitation('h1', 'u2', now)).toBeNull();
    await schools.addInvitation({ codeHash: 'h2', schoolId: school.id, kind: 'teacher', createdBy: null, now, expiresAt: now });
    expect(await schools.useInvitation('h2', 'u2', now)).toBeNull();
  });

  it('outbox: one row per key, claimed once, with a lease; only the row on the wire can be left ambiguous', async () => {
    const outbox = new Outbox(store.db);
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(await outbox.enqueue({ idempotencyKey: 'k', userId: 'u', kind: 't', payload: { text: 'x' }, now })).toBe(true);
    expect(await outbox.enqueue({ idempotencyKey: 'k', userId: 'u', kind: 't', payload: { text: 'x' }, now })).toBe(false);
    expect(await outbox.enqueue({ idempotencyKey: 'k2', userId: 'u', kind: 't', payload: { text: 'y' }, now })).toBe(true);
    const [first, second] = await Promise.all([outbox.claimDue(now, 10, 10_000), outbox.claimDue(now, 10, 10_000)]);
    expect(first!.messages.length + second!.messages.length).toBe(2);
    const mine = first!.messages.length ? first! : second!;
    expect(new Set(mine.messages.map((m) => m.state))).toEqual(new Set(['pending']));
    // While the lease runs nobody else takes them; the first goes on the wire, then the worker dies.
    expect((await outbox.claimDue(later(9_000), 10, 10_000)).messages).toEqual([]);
    expect(await outbox.markSending(mine.messages[0]!, mine.token, later(1_000))).toBe(true);
    // After the lease, the row never sent is another worker's; the dead one can no longer send it.
    const next = await outbox.claimDue(later(11_000), 10, 10_000);
    expect(next.messages.map((m) => m.idempotencyKey)).toEqual([mine.messages[1]!.idempotencyKey]);
    expect(await outbox.markSending(mine.messages[1]!, mine.token, later(11_000))).toBe(false);
    expect(await outbox.markSending(next.messages[0]!, next.token, later(11_000))).toBe(true);
    await outbox.markSent(next.messages[0]!.id, later(11_000));
    expect(await outbox.recoverInterrupted(later(60_000))).toBe(0);
    expect(await outbox.recoverInterrupted(later(11 * 60_000 + 1_000))).toBe(1);
    expect(await outbox.counts()).toEqual({ failed: 1, sent: 1 });
  });

  it('JSON columns are read through their schema: a report older than its English texts reads, a row of the wrong shape is refused and named', async () => {
    const school = await new SchoolRepository(store.db).addSchool('0860003C', 'Collège', now);
    const imports = new ImportRepository(store.db);
    const job = await imports.create({ schoolId: school.id, runBy: null, runByLabel: 'cli', fileName: 'e.xml', chunks: (async function* () {})(), now });
    const oldReport = { fileError: null, errors: [{ ine: null, line: 3, field: 'NOM', code: 'missing', message: 'Nom manquant' }], skipped: [] };
    await imports.update(job.id, { state: 'failed', failed_step: 'validation', report: JSON.stringify(oldReport) }, now);
    expect((await imports.find(job.id))!.report).toEqual(oldReport);
    await imports.update(job.id, { counts: JSON.stringify({ imported: 'many' }) }, now);
    await expect(imports.find(job.id)).rejects.toThrow(StoredRowError);
    await expect(imports.find(job.id)).rejects.toThrow(`imports.counts of ${job.id}`);
    await imports.update(job.id, { counts: null, report: '{"fileError": null' }, now);
    await expect(imports.find(job.id)).rejects.toThrow(`imports.report of ${job.id} is not JSON`);

    const outbox = new Outbox(store.db);
    await outbox.enqueue({ idempotencyKey: 'shape', userId: 'u', kind: 't', payload: { card: { type: 'AdaptiveCard', body: [] } }, now });
    expect((await outbox.byKey('shape'))!.payload).toEqual({ card: { type: 'AdaptiveCard', body: [] } });
    await store.db.updateTable('outbox').set({ payload: JSON.stringify({ card: 'not a card' }) }).where('idempotency_key', '=', 'shape').execute();
    await expect(outbox.byKey('shape')).rejects.toThrow(/outbox\.payload of .* does not have the expected shape/);
  });
});
