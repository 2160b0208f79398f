/**
 * Layer: store. One contract for the repositories, run against SQLite and PostgreSQL (a database made
 * for the run on the machine's server at 127.0.0.1:5432), so that every query stays dialect-neutral.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AssessmentRepository, DuplicateAnswerError } from '../../src/assessment/repository.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { SchoolRepository } from '../../src/schools/repository.js';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { openStore, type Store } from '../../src/store/database.js';
import { UserRepository } from '../../src/users/users.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: its half of the store contract is skipped');

const now = new Date('2026-03-02T09:00:00Z');
const student = (ine: string, over: Partial<SiecleStudent> = {}): SiecleStudent => ({
  ine,
  lastName: 'MARTIN',
  usageName: null,
  firstName: 'Léa',
  secondFirstName: null,
  thirdFirstName: null,
  birthDate: '2012-05-01',
  sex: 'F',
  birthCountryCode: '100',
  birthDepartmentCode: '086',
  birthCityCode: '86194',
  birthCity: 'POITIERS',
  mefCode: '10110001110',
  status: 'ST',
  division: '5A',
  groups: [],
  ...over,
});

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
  });

  it('answers: one per challenge and test, with knowledge, and the pending challenge moves in the same transaction', async () => {
    const users = new UserRepository(store.db);
    const { user } = await users.identify({ teamsUserId: '29:answers' }, now);
    const repo = new AssessmentRepository(store.db);
    const assessment = await repo.create({ userId: user.id, kind: 'competence', competenceId: '1.1', strategy: 'smart-random', pass: 1, seed: 42, now });
    await repo.setPending(assessment.id, 'c1', now);
    const fresh = (await repo.find(assessment.id))!;
    const answer = {
      assessment: fresh,
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
  });

  it('schools: import all or nothing, re-import disables who left, links survive', async () => {
    const schools = new SchoolRepository(store.db);
    const users = new UserRepository(store.db);
    const school = await schools.addSchool('0860001A', 'Collège', now);
    expect(await schools.applyImport(school.id, [student('A1'), student('A2'), student('A3', { firstName: 'Tom' })], now)).toEqual({
      imported: 3,
      updated: 0,
      unchanged: 0,
      disabled: 0,
    });
    const { user } = await users.identify({ teamsUserId: '29:lea' }, now);
    const [a1] = await schools.activeStudentsBornOn([school.id], '2012-05-01');
    expect(await schools.link(a1!.id, user.id, now)).toBe(true);
    expect(await schools.link(a1!.id, 'someone-else', now)).toBe(false);
    expect(await schools.applyImport(school.id, [student('A1'), student('A2', { division: '4B' })], now)).toEqual({
      imported: 0,
      updated: 1,
      unchanged: 1,
      disabled: 1,
    });
    expect(await schools.divisions(school.id)).toEqual([
      { division: '4B', students: 1 },
      { division: '5A', students: 1 },
    ]);
    expect((await schools.studentsOfUser(user.id))[0]?.ine).toBe(a1!.ine);
    // Two records with one INE break the (school, INE) key: the whole import is refused, nothing kept.
    const uniqueViolation = dialect === 'sqlite' ? { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: students.school_id, students.ine' } : { code: '23505', constraint: 'students_ine_idx' };
    await expect(schools.applyImport(school.id, [student('B1'), student('B1')], now)).rejects.toMatchObject(uniqueViolation);
    expect((await schools.divisions(school.id)).reduce((n, d) => n + d.students, 0)).toBe(2);
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

  it('outbox: one row per key, claimed once', async () => {
    const outbox = new Outbox(store.db);
    expect(await outbox.enqueue({ idempotencyKey: 'k', userId: 'u', kind: 't', payload: { text: 'x' }, now })).toBe(true);
    expect(await outbox.enqueue({ idempotencyKey: 'k', userId: 'u', kind: 't', payload: { text: 'x' }, now })).toBe(false);
    const [first, second] = await Promise.all([outbox.claimDue(now, 10), outbox.claimDue(now, 10)]);
    expect(first!.length + second!.length).toBe(1);
    expect(await outbox.recoverInterrupted(now)).toBe(0);
    expect(await outbox.recoverInterrupted(new Date(now.getTime() + 11 * 60_000))).toBe(1);
  });
});
