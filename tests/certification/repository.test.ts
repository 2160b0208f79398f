/**
 * Layer: store. The certification and reminder repositories' contract, on SQLite and on PostgreSQL
 * (a database made for the run on the machine's server), so that every query stays dialect-neutral:
 * a taken access code is drawn again, no duplicate enrolment, every change of state guarded, a
 * session created once per creation key (migration 016), even by requests at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSession } from '../../src/certification/create-session.js';
import { SessionDateError } from '../../src/certification/errors.js';
import { scoreCertification } from '../../src/certification/scoring.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { openSeason, seedNetwork, sessionInput, type Season } from './season-helpers.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the certification repository runs on SQLite only');

describe.each([
  ['SQLite', false, true],
  ['PostgreSQL', true, pgUp],
] as const)('certification repositories on %s', (_name, postgres, available) => {
  let season: Season;
  let seed: Awaited<ReturnType<typeof seedNetwork>>;
  let drop: (() => Promise<void>) | null = null;
  let app: App;
  const now = new Date('2027-05-18T08:00:00Z');
  const newSession = (code: () => string) =>
    app.certification.sessions.create(
      { schoolId: seed.schools.host.id, site: 'Site', room: 'Salle', date: '2027-05-18', time: '10:00', examiners: 'X', description: '', durationMinutes: 60, openToNetwork: true, createdBy: seed.referents.host },
      now,
      code,
    );

  beforeAll(async () => {
    if (!available) return;
    const database = postgres ? await freshDatabase('partix_cert') : null;
    drop = database?.drop ?? null;
    season = await openSeason({ now: now.toISOString(), ...(database ? { url: database.url } : {}) });
    app = season.app;
    seed = await seedNetwork(app);
  }, 60_000);
  afterAll(async () => {
    await season?.close();
    await drop?.();
  });

  it.skipIf(!available)('draws a new access code when one is taken, and finds a session by its code', async () => {
    const first = await newSession(() => 'KTBX47');
    const codes = ['KTBX47', 'KTBX47', 'MPQR23'];
    const second = await newSession(() => codes.shift()!);
    expect([first.accessCode, second.accessCode]).toEqual(['KTBX47', 'MPQR23']);
    expect(await app.certification.sessions.byCode('MPQR23')).toEqual(second);
    expect(await app.certification.sessions.setStatus(second.id, 'finalised', 'published', now)).toBe(false);
    expect(await app.certification.sessions.setStatus(second.id, 'created', 'finalised', now)).toBe(true);
    expect(await app.certification.sessions.setStatus(second.id, 'created', 'finalised', now)).toBe(false);
  });

  it.skipIf(!available)('enrols once, checks in once per account, starts once, records an answer once, ends once', async () => {
    const session = await newSession(() => 'DFGH66');
    const repo = app.certification.candidates;
    expect(await repo.enrol(session.id, [seed.records.lea, seed.records.tom], seed.referents.host, now)).toBe(2);
    expect(await repo.enrol(session.id, [seed.records.lea], seed.referents.host, now)).toBe(0);
    const lea = (await repo.ofSession(session.id)).find((c) => c.firstName === 'Léa')!;
    expect(lea).toMatchObject({ state: 'enrolled', linkedUserId: seed.users.lea, division: '3A', birthDate: '2011-05-04' });
    expect(await repo.checkIn(lea.id, seed.users.tom, now)).toBe(true);
    expect(await repo.checkIn(lea.id, seed.users.lea, now)).toBe(false);
    expect(await repo.checkIn(lea.id, seed.users.tom, now)).toBe(true);
    const drawn = [
      { challengeId: 'c11-alpha-2-a', competenceId: '1.1', profileLevel: 2, profilePix: 16 },
      { challengeId: 'c11-beta-2-a', competenceId: '1.1', profileLevel: 2, profilePix: 16 },
    ];
    const deadline = new Date(now.getTime() + 3600_000);
    expect(await repo.start(lea.id, drawn, deadline, now)).toBe(true);
    expect(await repo.start(lea.id, drawn, deadline, now)).toBe(false);
    expect((await repo.current(seed.users.tom))?.id).toBe(lea.id);
    await repo.markAsked(lea.id, 1, now);
    await repo.markAsked(lea.id, 1, new Date(now.getTime() + 5000));
    expect((await repo.drawn(lea.id))[0]).toMatchObject({ position: 1, askedAt: now, status: null, profileLevel: 2 });
    expect(await repo.recordAnswer(lea.id, 1, '1', 'ok', now)).toBe(true);
    expect(await repo.recordAnswer(lea.id, 1, '2', 'ko', now)).toBe(false);
    const score = scoreCertification({ sittings: [{ competenceId: '1.1', level: 2, pix: 16, outcomes: [true, false] }], highestLevel: 5 });
    expect(await repo.end(lea.id, score, now)).toBe(true);
    expect(await repo.end(lea.id, score, now)).toBe(false);
    expect((await repo.drawn(lea.id)).map((d) => d.status)).toEqual(['ok', 'skipped']);
    expect(await repo.results(lea.id)).toEqual([{ competenceId: '1.1', asked: 2, correct: 1, outcome: 'lowered', level: 1, pix: 8 }]);
    expect(await repo.byId(lea.id)).toMatchObject({ state: 'ended', reproducibilityRate: 50, totalPix: 8, outcome: 'certified', deadlineAt: deadline });
    expect(await repo.seenChallenges(seed.users.tom)).toEqual(new Set(['c11-alpha-2-a', 'c11-beta-2-a']));
    const tom = (await repo.ofSession(session.id)).find((c) => c.firstName === 'Tom')!;
    await repo.close(tom.id, 'absent ce jour');
    expect(await repo.byId(tom.id)).toMatchObject({ outcome: 'absent', note: 'absent ce jour', state: 'enrolled' });
  });

  it.skipIf(!available)('keeps each school’s settings, its referents and students by class', async () => {
    const sessions = app.certification.sessions;
    expect(await sessions.settings(seed.schools.outsider.id)).toEqual({ network: null, zone: null });
    await sessions.saveSettings(seed.schools.outsider.id, { network: 'Autre', zone: 'B' }, now);
    await sessions.saveSettings(seed.schools.outsider.id, { network: null, zone: 'C' }, now);
    expect(await sessions.settings(seed.schools.outsider.id)).toEqual({ network: null, zone: 'C' });
    expect(await sessions.referentsOf(seed.schools.host.id)).toEqual([seed.referents.host]);
    const { students, unknown } = await sessions.studentsOfDivisions(seed.schools.host.id, ['3A', '3Z']);
    expect(students.map((s) => s.division).sort()).toEqual(['3A', '3A']);
    expect(unknown).toEqual(['3Z']);
    expect(await sessions.locales([seed.users.ines])).toEqual(new Map([[seed.users.ines, 'en-GB']]));
  });

  it.skipIf(!available)('finds the network’s open sessions for a partner school, and a school’s students for enrolment one by one', async () => {
    const sessions = app.certification.sessions;
    const open = await newSession(() => 'QRST23');
    const closed = await sessions.create({ schoolId: seed.schools.host.id, site: 'S', room: 'R', date: '2027-05-19', time: '10:00', examiners: 'X', description: '', durationMinutes: 60, openToNetwork: false, createdBy: seed.referents.host }, now, () => 'QRST24');
    // The earlier tests' sessions (open, the 18th) are there too.
    const found = await sessions.openInNetwork('réseau Eclère', seed.schools.partner.id, '2027-05-18');
    expect(found).toContainEqual({ session: open, schoolName: 'Collège Jean Moulin' });
    expect(found.map((f) => f.session.id)).not.toContain(closed.id);
    expect(found.every((f) => f.session.openToNetwork && f.session.status === 'created' && f.schoolName === 'Collège Jean Moulin')).toBe(true);
    expect(await sessions.openInNetwork('réseau Eclère', seed.schools.partner.id, '2027-05-19')).toEqual([]);
    expect(await sessions.openInNetwork('réseau Eclère', seed.schools.host.id, '2027-05-18')).toEqual([]);
    expect(await sessions.openInNetwork('Autre', seed.schools.partner.id, '2027-05-18')).toEqual([]);
    const students = await sessions.studentsOfSchool(seed.schools.partner.id);
    expect(students).toEqual([{ id: seed.records.zoe, ine: '555555555EE', firstName: 'Zoé', lastName: 'Petit', usageName: null, division: '3P' }]);
  });

  it.skipIf(!available)('reminders: the preference, the season snapshot, and the keys the outbox holds', async () => {
    const reminders = app.reminders.reminders;
    expect(await reminders.enabled(seed.users.tom)).toBe(true);
    await reminders.setEnabled(seed.users.tom, false, now);
    expect(await reminders.enabled(seed.users.tom)).toBe(false);
    const snapshot = await reminders.snapshot({ day: '2027-05-18', framework: app.framework, highestLevel: 5, certificationClasses: /^3/ });
    expect(snapshot.stopped).toEqual(new Set([seed.users.tom]));
    expect(snapshot.schools.find((s) => s.id === seed.schools.host.id)?.zone).toBe('A');
    expect(snapshot.classStudents.filter((s) => s.eligibility.eligible).map((s) => s.userId).sort()).toEqual([seed.users.lea, seed.users.ines, seed.users.zoe].sort());
    await reminders.setEnabled(seed.users.tom, true, now);
    await app.outbox.enqueue({ idempotencyKey: 'reminder:x:1', userId: seed.users.tom, kind: 'reminder-x', payload: { text: 'x' }, now });
    await app.outbox.enqueue({ idempotencyKey: 'other:1', userId: seed.users.tom, kind: 'other', payload: { text: 'x' }, now });
    expect(await reminders.enqueuedKeys()).toEqual(new Set(['reminder:x:1']));
  });

  // The outsider school's own sessions: nothing above counts them.
  const keyed = (key: string) => app.store.db.selectFrom('certification_sessions').select('id').where('creation_key', '=', key).execute();
  const byOutsider = (key: string | null, draw?: () => string) =>
    app.certification.sessions.create(
      { schoolId: seed.schools.outsider.id, site: 'Site', room: 'Salle', date: '2027-05-20', time: '10:00', examiners: 'X', description: '', durationMinutes: 60, openToNetwork: false, createdBy: seed.referents.outsider, creationKey: key },
      now,
      draw,
    );
  const create = (key: string | null, date = '2027-05-20', userId = seed.referents.outsider) => createSession({ userId, input: sessionInput(date), creationKey: key, deps: app.certification });

  it.skipIf(!available)('four inserts with one creation key at once, past the look-up: the unique index lets one in, all four get that one', async () => {
    const codes = ['KEYA22', 'KEYB33', 'KEYC44', 'KEYD55'];
    const made = await Promise.all(codes.map((code) => byOutsider('k:raced', () => code)));
    expect(new Set(made.map((s) => `${s.id} ${s.accessCode}`)).size).toBe(1);
    expect(codes).toContain(made[0]!.accessCode);
    expect(await keyed('k:raced')).toHaveLength(1);
    // A code already taken, with a new key: drawn again, never the session of that code.
    const draws = [made[0]!.accessCode, 'KEYE66'];
    const other = await byOutsider('k:fresh', () => draws.shift()!);
    expect([other.accessCode, other.id === made[0]!.id]).toEqual(['KEYE66', false]);
  });

  it.skipIf(!available)('createSession: four requests with one key at once make one session; a refusal writes nothing and leaves the key free; rights come first', async () => {
    const together = await Promise.all(Array.from({ length: 4 }, () => create('k:together')));
    expect(new Set(together.map((s) => s.accessCode)).size).toBe(1);
    expect(await keyed('k:together')).toHaveLength(1);

    await expect(create('k:refused', '2027-05-17')).rejects.toBeInstanceOf(SessionDateError);
    expect(await keyed('k:refused')).toHaveLength(0);
    const corrected = await create('k:refused');
    expect((await create('k:refused')).accessCode).toBe(corrected.accessCode);
    expect(await keyed('k:refused')).toHaveLength(1);

    // A student given a used key is refused, and shown nothing.
    await expect(create('k:refused', '2027-05-20', seed.users.lea)).rejects.toMatchObject({ name: 'NotAllowedError' });
    // Without a key (a request Teams gave no id), each request is a session.
    const loose = await Promise.all([create(null), create(null)]);
    expect(loose[0]!.id).not.toBe(loose[1]!.id);
  });
});
