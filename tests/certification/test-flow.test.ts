/**
 * Layer: use cases on the real store (SQLite), two app instances for a restart. On the session's
 * day a candidate checks in with the access code and their identity, takes the test (no feedback,
 * timed challenges on the server's clock, resumed with the same challenges after a restart, ended
 * at the deadline), then the referent finalises and publishes: results through the outbox, a CSV
 * per class.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCertificationChallenge } from '../../src/certification/answer-certification.js';
import { checkIn, type Identity } from '../../src/certification/check-in.js';
import { createSession } from '../../src/certification/create-session.js';
import { enrolDivisions } from '../../src/certification/enrol-divisions.js';
import { classResultRows } from '../../src/certification/class-results.js';
import { classResultsCsv } from '../../src/certification/results-csv.js';
import { finaliseSession } from '../../src/certification/finalise-session.js';
import type { Session } from '../../src/certification/model.js';
import { publishSession } from '../../src/certification/publish-session.js';
import { resumeCertificationTest, startCertificationTest } from '../../src/certification/start-test.js';
import type { CertificationStep } from '../../src/certification/test-step.js';
import type { CertificationDeps } from '../../src/certification/deps.js';
import { enrolStudent } from '../../src/certification/enrol-student.js';
import { openSeason, outboxOf, seedNetwork, sessionInput, type Season } from './season-helpers.js';

let season: Season;
let seed: Awaited<ReturnType<typeof seedNetwork>>;
let session: Session;
const deps = () => season.app.certification;
const LEA: Identity = { firstName: 'lea', lastName: ' MARTIN', birthDate: '2011-05-04' };

beforeEach(async () => {
  season = await openSeason({ now: '2027-05-18T06:00:00Z' }); // Tuesday 18 May 2027, 8:00 in Paris
  seed = await seedNetwork(season.app);
  session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { time: '08:30', openToNetwork: true }), deps: deps() });
  await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A', '3B'], deps: deps() });
  await enrolDivisions({ userId: seed.referents.partner, sessionId: session.id, divisions: ['3P'], deps: deps() });
  season.clock.set('2027-05-18T06:35:00Z');
});
afterEach(() => season.close());

/** Answers every challenge: right (proposal 1 of the test bank), or wrong for the positions given. */
async function answerAll(userId: string, step: CertificationStep, wrong: number[] = [], d: CertificationDeps = deps()): Promise<CertificationStep> {
  while (!step.ended) {
    const choice = wrong.includes(step.position) ? '2' : '1';
    step = await answerCertificationChallenge({ userId, candidateId: step.candidateId, challengeId: step.challenge.id, raw: { choice }, skip: false, deps: d });
  }
  return step;
}

describe('check-in', () => {
  it('refuses a wrong code, another day’s code, a student not enrolled, an identity that does not match; nothing changes', async () => {
    await expect(checkIn({ userId: seed.users.lea, accessCode: 'BBBB22', identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'InvalidAccessCodeError' });
    const later = await createSession({ userId: seed.referents.host, input: sessionInput('2027-06-01'), deps: deps() });
    await expect(checkIn({ userId: seed.users.lea, accessCode: later.accessCode, identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'ExpiredAccessCodeError', date: '2027-06-01' });
    await expect(checkIn({ userId: seed.users.ugo, accessCode: session.accessCode, identity: { firstName: 'Ugo', lastName: 'Faure', birthDate: '2011-02-02' }, deps: deps() })).rejects.toMatchObject({ name: 'CandidateNotEnrolledError' });
    await expect(checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: { ...LEA, birthDate: '2011-05-05' }, deps: deps() })).rejects.toMatchObject({ name: 'IdentityMismatchError' });
    // Tom's account typing Léa's identity: her record is linked to her own account.
    await expect(checkIn({ userId: seed.users.tom, accessCode: session.accessCode, identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'IdentityMismatchError' });
    expect((await deps().candidates.ofSession(session.id)).map((c) => c.state)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled']);
  });

  it('takes the code in any case and with spaces, and the names without accents or case', async () => {
    const { candidate } = await checkIn({ userId: seed.users.lea, accessCode: ` ${session.accessCode.toLowerCase().slice(0, 4)} ${session.accessCode.slice(4)} `, identity: LEA, deps: deps() });
    expect(candidate).toMatchObject({ firstName: 'Léa', state: 'checked_in', userId: seed.users.lea });
  });
});

describe('the certification test', () => {
  it('draws up to 3 challenges per certifiable competence from the highest validated skills, other tubes first', async () => {
    const { candidate } = await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() });
    const step = await startCertificationTest({ userId: seed.users.lea, candidateId: candidate.id, deps: deps() });
    const drawn = await deps().candidates.drawn(candidate.id);
    expect(drawn).toHaveLength(15);
    expect(step).toMatchObject({ ended: false, position: 1, total: 15 });
    for (const competenceId of ['1.1', '1.2', '1.3', '2.1', '2.2']) {
      const mine = drawn.filter((d) => d.competenceId === competenceId).map((d) => season.app.framework.challenges.get(d.challengeId)!);
      expect(mine.map((c) => c.level)).toEqual([2, 2, 2]);
      expect(new Set(mine.map((c) => c.tubeName)).size).toBe(3);
    }
  });

  it('gives no feedback, ends after the last answer, and is never taken twice', async () => {
    const { candidate } = await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() });
    const first = await startCertificationTest({ userId: seed.users.lea, candidateId: candidate.id, deps: deps() });
    const next = await answerCertificationChallenge({ userId: seed.users.lea, candidateId: candidate.id, challengeId: (first as { challenge: { id: string } }).challenge.id, raw: { choice: '2' }, skip: false, deps: deps() });
    expect(Object.keys(next).sort()).toEqual(['askedAt', 'candidateId', 'challenge', 'deadline', 'ended', 'position', 'total']);
    expect(await answerAll(seed.users.lea, next)).toEqual({ ended: true, candidateId: candidate.id });
    expect(await deps().candidates.byId(candidate.id)).toMatchObject({ state: 'ended', reproducibilityRate: 93, outcome: 'certified' });
    await expect(startCertificationTest({ userId: seed.users.lea, candidateId: candidate.id, deps: deps() })).rejects.toMatchObject({ name: 'SecondAttemptError' });
    await expect(checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'SecondAttemptError' });
  });

  it('refuses a candidate who is not eligible, and lets them not start', async () => {
    const { candidate } = await checkIn({ userId: seed.users.tom, accessCode: session.accessCode, identity: { firstName: 'Tom', lastName: 'Durand', birthDate: '2011-09-12' }, deps: deps() });
    await expect(startCertificationTest({ userId: seed.users.tom, candidateId: candidate.id, deps: deps() })).rejects.toMatchObject({ name: 'NotEligibleError', certifiable: 2, required: 5 });
    expect(await deps().candidates.drawn(candidate.id)).toEqual([]);
  });

  it('a process killed mid-test: another instance resumes the same challenges where the candidate was', async () => {
    const { candidate } = await checkIn({ userId: seed.users.zoe, accessCode: session.accessCode, identity: { firstName: 'Zoé', lastName: 'Petit', birthDate: '2011-07-07' }, deps: deps() });
    let step = await startCertificationTest({ userId: seed.users.zoe, candidateId: candidate.id, deps: deps() });
    for (let i = 0; i < 4 && !step.ended; i++) step = await answerCertificationChallenge({ userId: seed.users.zoe, candidateId: candidate.id, challengeId: step.challenge.id, raw: { choice: '1' }, skip: false, deps: deps() });
    const before = await deps().candidates.drawn(candidate.id);
    const restarted = await season.instance();
    const resumed = await resumeCertificationTest({ userId: seed.users.zoe, deps: restarted.certification });
    expect(resumed).toMatchObject({ ended: false, position: 5, total: 18, challenge: { id: before[4]!.challengeId } });
    expect((await restarted.certification.candidates.drawn(candidate.id)).map((d) => d.challengeId)).toEqual(before.map((d) => d.challengeId));
    // A retried delivery of an answer already recorded moves nothing.
    const replay = await answerCertificationChallenge({ userId: seed.users.zoe, candidateId: candidate.id, challengeId: before[0]!.challengeId, raw: { choice: '2' }, skip: false, deps: restarted.certification });
    expect(replay).toMatchObject({ position: 5 });
    expect((await restarted.certification.candidates.drawn(candidate.id))[0]!.status).toBe('ok');
  });

  it('ends at the session’s time: an answer after the deadline is not recorded, the rest count as failures', async () => {
    const { candidate } = await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() });
    let step = await startCertificationTest({ userId: seed.users.lea, candidateId: candidate.id, deps: deps() });
    for (let i = 0; i < 12 && !step.ended; i++) step = await answerCertificationChallenge({ userId: seed.users.lea, candidateId: candidate.id, challengeId: step.challenge.id, raw: { choice: '1' }, skip: false, deps: deps() });
    season.clock.advanceSeconds(121 * 60);
    const late = await answerCertificationChallenge({ userId: seed.users.lea, candidateId: candidate.id, challengeId: (step as { challenge: { id: string } }).challenge.id, raw: { choice: '1' }, skip: false, deps: deps() });
    expect(late).toEqual({ ended: true, candidateId: candidate.id });
    const drawn = await deps().candidates.drawn(candidate.id);
    expect(drawn.map((d) => d.status)).toEqual([...Array(12).fill('ok'), 'skipped', 'skipped', 'skipped']);
    // 12 of 15 = 80: 2.2 (0 of 3) is not certified, the others validated.
    expect(await deps().candidates.byId(candidate.id)).toMatchObject({ reproducibilityRate: 80, totalPix: 4 * 16 });
  });

  it('a timed challenge answered right after its timer, counted from its first showing on the server, is a failure', async () => {
    // Paul has the timed QROC of 1.1 (level 5 of the tube @types11) as his highest skill there.
    const paul = await season.app.users.identify({ teamsUserId: 'paul', name: 'Paul', locale: 'fr-FR' }, season.clock.now);
    await season.app.schools.students.link(seed.records.paul, paul.user.id, season.clock.now);
    await enrolStudent({ userId: seed.referents.host, sessionId: session.id, studentId: seed.records.paul, deps: deps() });
    const stamp = season.clock.now.toISOString();
    const ke = (skill: string, competence: string) => ({ user_id: paul.user.id, competence_id: competence, skill_id: skill, status: 'validated' as const, source: 'direct' as const, answer_id: 'seed', created_at: stamp, dropped_at: null });
    const others = ['1.2', '1.3', '2.1', '2.2'].flatMap((c) => ['alpha', 'beta', 'gamma'].map((t) => ke(`@${t}${c.replace('.', '')}1`, c)));
    await season.app.store.db.insertInto('knowledge_elements').values([...[1, 2, 3, 4, 5].map((l) => ke(`@types11${l}`, '1.1')), ...others]).execute();
    const { candidate } = await checkIn({ userId: paul.user.id, accessCode: session.accessCode, identity: { firstName: 'Paul', lastName: 'Blanc', birthDate: '2012-03-03' }, deps: deps() });
    const step = await startCertificationTest({ userId: paul.user.id, candidateId: candidate.id, deps: deps() });
    expect(step).toMatchObject({ position: 1, challenge: { id: 'c11-types-5-timed', timer: 30 } });
    season.clock.advanceSeconds(20);
    // Shown again (a resumed chat): the timer does not start over.
    await resumeCertificationTest({ userId: paul.user.id, deps: deps() });
    season.clock.advanceSeconds(20);
    await answerCertificationChallenge({ userId: paul.user.id, candidateId: candidate.id, challengeId: 'c11-types-5-timed', raw: { answer: '42' }, skip: false, deps: deps() });
    expect((await deps().candidates.drawn(candidate.id))[0]).toMatchObject({ status: 'timedout' });
  });
});

describe('finalising and publishing', () => {
  it('publishing before finalising, and finalising before the day, are refused; then each candidate gets their results and the referents a summary and a CSV per class', async () => {
    const lea = (await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() })).candidate;
    await answerAll(seed.users.lea, await startCertificationTest({ userId: seed.users.lea, candidateId: lea.id, deps: deps() }), [1]);
    const ines = (await checkIn({ userId: seed.users.ines, accessCode: session.accessCode, identity: { firstName: 'Ines', lastName: 'Roux', birthDate: '2011-01-30' }, deps: deps() })).candidate;
    await answerAll(seed.users.ines, await startCertificationTest({ userId: seed.users.ines, candidateId: ines.id, deps: deps() }), [1, 2, 4, 5, 7, 8, 10, 11]);
    const zoe = (await checkIn({ userId: seed.users.zoe, accessCode: session.accessCode, identity: { firstName: 'Zoe', lastName: 'Petit', birthDate: '2011-07-07' }, deps: deps() })).candidate;
    await startCertificationTest({ userId: seed.users.zoe, candidateId: zoe.id, deps: deps() });

    await expect(publishSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() })).rejects.toMatchObject({ name: 'PublishBeforeFinaliseError' });
    await expect(finaliseSession({ userId: seed.referents.partner, sessionId: session.id, deps: deps() })).rejects.toMatchObject({ name: 'SessionNotFoundError' });
    const tomorrow = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-19'), deps: deps() });
    await expect(finaliseSession({ userId: seed.referents.host, sessionId: tomorrow.id, deps: deps() })).rejects.toMatchObject({ name: 'SessionNotHeldYetError' });
    expect(await outboxOf(season.app, seed.users.lea)).toEqual([]);

    season.clock.set('2027-05-18T15:00:00Z');
    const tom = (await deps().candidates.ofSession(session.id)).find((c) => c.firstName === 'Tom')!;
    await finaliseSession({ userId: seed.referents.host, sessionId: session.id, notes: { [tom.id]: '=HYPERLINK("http://x") absent' }, deps: deps() });
    expect(await deps().candidates.byId(zoe.id)).toMatchObject({ state: 'ended', outcome: 'rejected', totalPix: 0 });
    expect(await deps().candidates.byId(tom.id)).toMatchObject({ outcome: 'absent', note: '=HYPERLINK("http://x") absent' });

    const { session: published } = await publishSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() });
    const leaTold = await outboxOf(season.app, seed.users.lea);
    expect(leaTold.map((m) => m.kind)).toEqual(['certification-result']);
    expect(leaTold[0]!.text).toContain('Vos résultats de certification (session du 18/05/2027)');
    expect(leaTold[0]!.text).toContain("1.1 Mener une recherche et une veille d'information · niveau 2 · 16 pix");
    expect(leaTold[0]!.text).toContain('Score certifié : 80 pix.');
    const inesTold = await outboxOf(season.app, seed.users.ines);
    expect(inesTold[0]!.text).toContain('Your certification was not validated');
    expect((await outboxOf(season.app, seed.users.zoe))[0]!.text).toContain('n’a pas été validée');
    expect(await outboxOf(season.app, seed.users.tom)).toEqual([]);
    const hostSummary = (await outboxOf(season.app, seed.referents.host)).filter((m) => m.kind === 'certification-summary');
    expect(hostSummary[0]!.text).toContain('Classe 3A : 1/2 certifié·e, score moyen 80 pix');
    expect(hostSummary[0]!.text).toContain('Classe 3B : 0/1 certifié·e');
    expect(hostSummary[0]!.text).not.toContain('3P');
    const partnerSummary = (await outboxOf(season.app, seed.referents.partner)).filter((m) => m.kind === 'certification-summary');
    expect(partnerSummary[0]!.text).toContain('Class 3P: 0/1 certified');
    // Without PUBLIC_URL, no link: the summary says who must set it, never a command to run.
    expect(hostSummary[0]!.text).toContain('l’administrateur de Partix doit définir PUBLIC_URL');
    expect(hostSummary[0]!.text).not.toContain('partix certification');
    const csv = classResultsCsv(deps().framework, await classResultRows(deps(), published, '3A'));
    expect(csv.startsWith('\uFEFF"Classe";"Nom";"Prénom"')).toBe(true);
    expect(csv).toContain(`"3A";"Martin";"Léa";"2011-05-04";"Certifié";"93";"80";"2";"2";"2";"2";"2"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") absent"`);
    await expect(publishSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() })).rejects.toMatchObject({ name: 'AlreadyPublishedError' });
  });
});

describe('access codes typed in a loop', () => {
  it('after 5 wrong codes in the hour, even the right one is refused until the oldest is an hour old', async () => {
    for (let i = 0; i < 5; i++) await expect(checkIn({ userId: seed.users.lea, accessCode: `BBBB${22 + i}`, identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'InvalidAccessCodeError' });
    await expect(checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() })).rejects.toMatchObject({ name: 'TooManyCodeAttemptsError', retryInMinutes: 60 });
    season.clock.advanceSeconds(3601);
    expect((await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() })).candidate.state).toBe('checked_in');
  });

  it('a session finalised twice is refused the second time, in words of its own', async () => {
    season.clock.set('2027-05-18T16:00:00Z');
    await finaliseSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() });
    await expect(finaliseSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() })).rejects.toMatchObject({ name: 'AlreadyFinalisedError' });
  });

  it('a candidate checked in but not started when the session is finalised is absent, and cannot start after', async () => {
    const { candidate } = await checkIn({ userId: seed.users.lea, accessCode: session.accessCode, identity: LEA, deps: deps() });
    season.clock.set('2027-05-18T16:00:00Z');
    await finaliseSession({ userId: seed.referents.host, sessionId: session.id, deps: deps() });
    expect(await deps().candidates.byId(candidate.id)).toMatchObject({ outcome: 'absent' });
    await expect(startCertificationTest({ userId: seed.users.lea, candidateId: candidate.id, deps: deps() })).rejects.toMatchObject({ name: 'SessionClosedError' });
    expect(await deps().candidates.drawn(candidate.id)).toEqual([]);
  });
});
