/**
 * Layer: use cases on the real store (SQLite). A referent creates sessions and enrols students by
 * class or one by one, partner schools of the network enrol their own; every refusal of the issue's
 * list has its message in French and English, and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_CODE_PATTERN } from '../../src/certification/access-code.js';
import { createSession } from '../../src/certification/create-session.js';
import { enrolDivisions } from '../../src/certification/enrol-divisions.js';
import { enrolStudent } from '../../src/certification/enrol-student.js';
import { enrolByIdentity, enrolmentTarget } from '../../src/certification/enrol-by-identity.js';
import { checkEligibility } from '../../src/certification/check-eligibility.js';
import { listCandidates } from '../../src/certification/list-candidates.js';
import type { CertificationError } from '../../src/certification/errors.js';
import { certificationErrorText } from '../../src/i18n/certification-errors.js';
import { addStudents, openSeason, outboxOf, seedNetwork, sessionInput, siecleStudent, type Season } from './season-helpers.js';

let season: Season;
let seed: Awaited<ReturnType<typeof seedNetwork>>;
const deps = () => season.app.certification;

beforeEach(async () => {
  // Thursday 1 April 2027, 10:00 in Paris.
  season = await openSeason({ now: '2027-04-01T08:00:00Z' });
  seed = await seedNetwork(season.app);
});
afterEach(() => season.close());

/** The refusal, and its words in both languages (none left untranslated). */
async function refusal(work: Promise<unknown>): Promise<{ name: string; fr: string; en: string }> {
  const error = (await work.then(
    () => null,
    (e: unknown) => e,
  )) as CertificationError | null;
  expect(error, 'a refusal').not.toBeNull();
  return { name: error!.name, fr: certificationErrorText(error!, 'fr') ?? '', en: certificationErrorText(error!, 'en') ?? '' };
}

const sessionsOf = (schoolId: string) => deps().sessions.ofSchool(schoolId);

describe('creating a session', () => {
  it('gives an access code of 4 letters and 2 digits, and keeps every field', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { time: '14:30' }), deps: deps() });
    expect(session.accessCode).toMatch(ACCESS_CODE_PATTERN);
    expect(await deps().sessions.byCode(session.accessCode)).toMatchObject({ site: 'Bâtiment B', room: 'Salle 12', date: '2027-05-18', time: '14:30', examiners: 'M. Leroy', status: 'created' });
  });

  it('refuses a date in the past, outside April–July, or that does not exist, and stores nothing', async () => {
    const cases = [
      [sessionInput('2027-03-31'), /passée/, /passed/],
      [sessionInput('2027-04-01', { time: '09:59' }), /passée/, /passed/],
      [sessionInput('2027-09-14'), /1er avril et le 31 juillet/, /April 1 and July 31/],
      [sessionInput('2027-02-30'), /n’existe pas/, /does not exist/],
    ] as const;
    for (const [input, fr, en] of cases) {
      const r = await refusal(createSession({ userId: seed.referents.host, input, deps: deps() }));
      expect(r.name).toBe('SessionDateError');
      expect(r.fr).toMatch(fr);
      expect(r.en).toMatch(en);
    }
    expect(await sessionsOf(seed.schools.host.id)).toEqual([]);
  });

  it('takes a date outside the window when the referent overrides it, never one in the past', async () => {
    expect(await createSession({ userId: seed.referents.host, input: sessionInput('2027-09-14', { outsideWindow: true }), deps: deps() })).toMatchObject({ date: '2027-09-14' });
    expect((await refusal(createSession({ userId: seed.referents.host, input: sessionInput('2027-03-01', { outsideWindow: true }), deps: deps() }))).name).toBe('SessionDateError');
  });

  it('names the missing fields, and is for referents only', async () => {
    const r = await refusal(createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { site: ' ', examiners: '' }), deps: deps() }));
    expect(r.fr).toBe('Champs manquants ou trop longs : site, surveillant·es.');
    expect(r.en).toBe('Missing or too long: site, examiners.');
    await expect(createSession({ userId: seed.users.lea, input: sessionInput('2027-05-18'), deps: deps() })).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(await sessionsOf(seed.schools.host.id)).toEqual([]);
  });
});

describe('enrolling', () => {
  it('by class: every active student of the classes once, a second time adds nobody', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18'), deps: deps() });
    expect(await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A', '3B'], deps: deps() })).toMatchObject({ added: 3, already: 0 });
    expect(await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A'], deps: deps() })).toMatchObject({ added: 0, already: 2 });
    expect((await deps().candidates.ofSession(session.id)).map((c) => c.firstName)).toEqual(['Tom', 'Léa', 'Inès']);
  });

  it('refuses an unknown class and enrols nobody of the others', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18'), deps: deps() });
    const r = await refusal(enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A', '9Z'], deps: deps() }));
    expect(r.fr).toBe('Classes inconnues : 9Z. Rien n’a été inscrit.');
    expect(await deps().candidates.ofSession(session.id)).toEqual([]);
  });

  it('one by one: a student of the school; twice is refused; a student of another school is refused', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18'), deps: deps() });
    await enrolStudent({ userId: seed.referents.host, sessionId: session.id, studentId: seed.records.paul, deps: deps() });
    expect((await refusal(enrolStudent({ userId: seed.referents.host, sessionId: session.id, studentId: seed.records.paul, deps: deps() }))).name).toBe('AlreadyEnrolledError');
    const outside = await refusal(enrolStudent({ userId: seed.referents.host, sessionId: session.id, studentId: seed.records.ugo, deps: deps() }));
    expect(outside.name).toBe('OutsideNetworkError');
    expect(outside.en).toMatch(/only students of your school/);
    expect((await deps().candidates.ofSession(session.id)).map((c) => c.firstName)).toEqual(['Paul']);
  });

  it('a session open to the network: the partner’s referent enrols their students, and the host’s referent is told', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: deps() });
    expect(await enrolDivisions({ userId: seed.referents.partner, sessionId: session.id, divisions: ['3P'], deps: deps() })).toMatchObject({ added: 1 });
    expect(await outboxOf(season.app, seed.referents.host)).toEqual([
      expect.objectContaining({ kind: 'certification-partner-enrolment', text: 'Collège Camille Claudel a inscrit 1 élève à votre session de certification du 18/05/2027.' }),
    ]);
    // The partner enrols only their own: not the host's students.
    expect((await refusal(enrolStudent({ userId: seed.referents.partner, sessionId: session.id, studentId: seed.records.lea, deps: deps() }))).name).toBe('OutsideNetworkError');
  });

  it('refuses a school outside the network, and a partner on a session not open to it; nothing enrolled', async () => {
    const open = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: deps() });
    const closed = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-19'), deps: deps() });
    expect((await refusal(enrolDivisions({ userId: seed.referents.outsider, sessionId: open.id, divisions: ['3C'], deps: deps() }))).name).toBe('OutsideNetworkError');
    expect((await refusal(enrolDivisions({ userId: seed.referents.partner, sessionId: closed.id, divisions: ['3P'], deps: deps() }))).name).toBe('OutsideNetworkError');
    expect(await deps().candidates.ofSession(open.id)).toEqual([]);
    expect(await deps().candidates.ofSession(closed.id)).toEqual([]);
    expect(await outboxOf(season.app, seed.referents.host)).toEqual([]);
  });
});

describe('"certification": is the student eligible?', () => {
  it('level 1 or more in 5 competences: eligible', async () => {
    const lea = await checkEligibility({ userId: seed.users.lea, deps: deps() });
    expect(lea.eligible).toBe(true);
    expect(lea.certifiable.map((c) => c.competenceId)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
  });

  it('otherwise, the competences closest to level 1, as many as are missing', async () => {
    // Tom: level 1 in 1.1 and 1.2; a little in 3.4 (one skill of 3: 2 pix) and 5.1 (two skills: 5 pix).
    const stamp = season.clock.now.toISOString();
    const ke = (skill: string, competence: string) => ({ user_id: seed.users.tom, competence_id: competence, skill_id: skill, status: 'validated' as const, source: 'direct' as const, answer_id: 'seed', created_at: stamp, dropped_at: null });
    await season.app.store.db.insertInto('knowledge_elements').values([ke('@alpha341', '3.4'), ke('@alpha511', '5.1'), ke('@beta511', '5.1')]).execute();
    const tom = await checkEligibility({ userId: seed.users.tom, deps: deps() });
    expect(tom.eligible).toBe(false);
    expect(tom.closest.map((c) => [c.competenceId, c.missingPix])).toEqual([
      ['5.1', 3],
      ['3.4', 6],
      ['1.3', 8],
    ]);
  });
});

describe('who is eligible among the candidates', () => {
  it('the host’s referent sees every candidate, a partner’s referent only their own, each with whether they are eligible', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: deps() });
    await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A'], deps: deps() });
    await enrolDivisions({ userId: seed.referents.partner, sessionId: session.id, divisions: ['3P'], deps: deps() });
    const lines = (list: Awaited<ReturnType<typeof listCandidates>>) => list.map((l) => [l.candidate.firstName, l.eligible, l.certifiable]);
    expect(lines(await listCandidates({ userId: seed.referents.host, sessionId: session.id, deps: deps() }))).toEqual([
      ['Tom', false, 2],
      ['Léa', true, 5],
      ['Zoé', true, 6],
    ]);
    expect(lines(await listCandidates({ userId: seed.referents.partner, sessionId: session.id, deps: deps() }))).toEqual([['Zoé', true, 6]]);
    await expect(listCandidates({ userId: seed.referents.outsider, sessionId: session.id, deps: deps() })).rejects.toMatchObject({ name: 'OutsideNetworkError' });
  });
});

describe('enrolling one student by INE or names', () => {
  it('finds the student of the referent’s own school, accents and case aside; homonyms ask for the INE; a student of another school is not found; nothing enrolled on a miss', async () => {
    const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: deps() });
    const enrol = (userId: string, who: string) => enrolByIdentity({ userId, sessionId: session.id, who, deps: deps() });
    expect(await enrol(seed.referents.host, 'ROUX ines')).toMatchObject({ outcome: 'added', firstName: 'Inès', division: '3B' });
    expect(await enrol(seed.referents.host, '333333333cc')).toMatchObject({ outcome: 'already' });
    expect(await enrol(seed.referents.host, 'Petit Zoé')).toEqual({ outcome: 'notFound', typed: 'Petit Zoé' });
    expect(await enrol(seed.referents.partner, 'Zoé Petit')).toMatchObject({ outcome: 'added', division: '3P' });
    await addStudents(season.app, seed.schools.host, [siecleStudent('111111111AA', 'Léa', 'Martin', '3A'), siecleStudent('777777777GG', 'Léa', 'Martin', '3B', '2011-08-08')]);
    expect(await enrol(seed.referents.host, 'Léa Martin')).toEqual({ outcome: 'homonyms', typed: 'Léa Martin' });
    expect(await enrol(seed.referents.host, '777777777GG')).toMatchObject({ outcome: 'added', division: '3B' });
    expect((await deps().candidates.ofSession(session.id)).map((c) => c.firstName).sort()).toEqual(['Inès', 'Léa', 'Zoé']);
    expect((await refusal(enrol(seed.referents.outsider, 'Ugo Faure'))).name).toBe('OutsideNetworkError');
  });

  it('reads what follows the code: classes (a word with a digit is a class), an INE, or names', () => {
    const classes = ['3A', '3B', 'ULIS'];
    expect(enrolmentTarget(['3a', 'ULIS'], classes)).toEqual({ kind: 'divisions', divisions: ['3A', 'ULIS'] });
    expect(enrolmentTarget(['9Z'], classes)).toEqual({ kind: 'divisions', divisions: ['9Z'] });
    expect(enrolmentTarget(['123456789AB'], classes)).toEqual({ kind: 'student', who: '123456789AB' });
    expect(enrolmentTarget(['Martin', 'Léa'], classes)).toEqual({ kind: 'student', who: 'Martin Léa' });
  });
});
