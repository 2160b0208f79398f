/**
 * Layer: jobs + use cases + store. A whole season walked day by day with a fake clock, March to
 * August 2027, on two app instances sharing one database (SQLite, then PostgreSQL): each job is kicked on both
 * at night, in the morning, at noon and in the evening, as their ticks would. Which reminders go out
 * on which days, to whom, exactly once; none at night, on a weekend, a public or a school holiday of
 * the recipient's zone, or outside April–July; "stop rappels" holds; a day missed while both were
 * down is caught up once at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSession } from '../../src/certification/create-session.js';
import { enrolDivisions } from '../../src/certification/enrol-divisions.js';
import { finaliseSession } from '../../src/certification/finalise-session.js';
import { publishSession } from '../../src/certification/publish-session.js';
import { addDays, parisDay } from '../../src/certification/window.js';
import { parisPeriod } from '../../src/jobs/periods.js';
import { isPublicHoliday, isSchoolHoliday } from '../../src/reminders/holidays.js';
import { SHIPPED_HOLIDAYS } from '../../src/reminders/holidays-calendar.js';
import { setReminders } from '../../src/reminders/set-reminders.js';
import { REMINDER_JOBS } from '../../src/reminders/wiring.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';
import { openSeason, seedNetwork, sessionInput, type Season } from '../certification/season-helpers.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the season is walked on SQLite only');

type Sent = { day: string; hour: number; kind: string; userId: string; text: string };
const TIMES = ['01:00', '08:30', '12:00', '16:30'];
/** Both instances are down on the morning of the week-before reminder, and start at 14:00 UTC. */
const DOWN_MORNING = '2027-05-11';

/** Walks the season on two instances of one database; returns what the outbox received, by Paris day and hour. */
async function walkSeason(season: Season) {
  const seed = await seedNetwork(season.app);
  const app = season.app;
  const instances: App[] = [app, await season.instance()];
  const kickAll = async (at: string) => {
    season.clock.set(at);
    for (const { name } of REMINDER_JOBS) await Promise.all(instances.map((a) => a.scheduler.kick(name)));
  };
  // The partner is in zone C (a setting overriding its UAJ's zone A): other spring holidays.
  await app.certification.sessions.saveSettings(seed.schools.partner.id, { network: 'réseau Eclère', zone: 'C' }, app.clock());
  const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: app.certification });
  await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A'], deps: app.certification });
  await enrolDivisions({ userId: seed.referents.partner, sessionId: session.id, divisions: ['3P'], deps: app.certification });
  for (let day = '2027-03-01'; day <= '2027-08-31'; day = addDays(day, 1)) {
    // What users and referents do that day, before the first tick.
    season.clock.set(`${day}T00:30:00Z`);
    if (day === '2027-06-01') await setReminders({ userId: seed.users.tom, enabled: false, deps: app.reminders });
    if (day === '2027-06-16') await setReminders({ userId: seed.users.tom, enabled: true, deps: app.reminders });
    if (day === '2027-05-20') await finaliseSession({ userId: seed.referents.host, sessionId: session.id, deps: app.certification });
    if (day === '2027-05-25') await publishSession({ userId: seed.referents.host, sessionId: session.id, deps: app.certification });
    for (const time of TIMES) {
      if (day === DOWN_MORNING && time !== '16:30') continue;
      if (day === DOWN_MORNING && time === '16:30') await kickAll(`${day}T14:00:00Z`);
      await kickAll(`${day}T${time}:00Z`);
    }
  }
  const rows = await app.store.db.selectFrom('outbox').select(['kind', 'user_id', 'payload', 'created_at']).where('kind', 'like', 'reminder-%').orderBy('created_at').execute();
  const sent: Sent[] = rows.map((r) => {
    const at = new Date(r.created_at);
    return { day: parisDay(at), hour: Number(parisPeriod('hour')(at).slice(11)), kind: r.kind.replace('reminder-', ''), userId: r.user_id, text: (JSON.parse(r.payload) as { text: string }).text };
  });
  return { seed, sent };
}

const ZONE_A_WEEKS = ['2027-04-01', '2027-04-05', '2027-04-26', '2027-05-03', '2027-05-10', '2027-05-18', '2027-05-24', '2027-05-31', '2027-06-07', '2027-06-14', '2027-06-21', '2027-06-28'];
const ZONE_C_WEEKS = ['2027-04-01', '2027-04-19', ...ZONE_A_WEEKS.slice(2)];

describe.each([
  ['SQLite', false, true],
  ['PostgreSQL', true, pgUp],
] as const)('a season of reminders, March to August 2027, two instances on one %s database', (_name, postgres, available) => {
  let season: Season;
  let seed: Awaited<ReturnType<typeof seedNetwork>>;
  let sent: Sent[] = [];
  let drop: (() => Promise<void>) | null = null;
  const days = (kind: string, userId: string) => sent.filter((s) => s.kind === kind && s.userId === userId).map((s) => s.day);

  beforeAll(async () => {
    if (!available) return;
    const database = postgres ? await freshDatabase('partix_season') : null;
    drop = database?.drop ?? null;
    season = await openSeason({ now: '2027-03-01T08:00:00Z', jobs: true, ...(database ? { url: database.url } : {}) });
    ({ seed, sent } = await walkSeason(season));
  }, 300_000);
  afterAll(async () => {
    await season?.close();
    await drop?.();
  });

  it.skipIf(!available)('sends nothing at night, on a weekend, on a public holiday, in the school holidays of the recipient’s zone, or outside April–July', () => {
    expect(sent.length).toBeGreaterThan(50);
    const zoneA = new Set([seed.users.lea, seed.users.tom, seed.users.ugo, seed.referents.host, seed.referents.outsider]);
    for (const s of sent) {
      const weekday = new Date(`${s.day}T12:00:00Z`).getUTCDay();
      expect(s.hour, `${s.kind} ${s.day}`).toBeGreaterThanOrEqual(9);
      expect(s.hour).toBeLessThan(18);
      expect(weekday).not.toBe(0);
      expect(weekday).not.toBe(6);
      expect(s.day >= '2027-04-01' && s.day <= '2027-07-31').toBe(true);
      expect(isPublicHoliday(s.day)).toBe(false);
      expect(isSchoolHoliday(SHIPPED_HOLIDAYS, zoneA.has(s.userId) ? 'A' : 'C', s.day)).toBe(false);
    }
  });

  it.skipIf(!available)('enrolled students: a week before (Tuesday 11 May, caught up at start after a morning down) and on the eve (Friday 14 May, as Monday 17 is Whit Monday)', () => {
    for (const user of [seed.users.lea, seed.users.tom, seed.users.zoe]) {
      expect(days('session-week', user)).toEqual(['2027-05-11']);
      expect(days('session-eve', user)).toEqual(['2027-05-14']);
    }
    const lea = sent.filter((s) => s.userId === seed.users.lea && s.kind === 'session-week');
    expect(lea[0]!.hour).toBe(16); // 14:00 UTC: the start after the morning down
    expect(lea[0]!.text).toBe('Rappel : votre session de certification a lieu le 18/05/2027 à 09:00, Bâtiment B, Salle 12.\n\n(« stop rappels » pour ne plus en recevoir)');
    expect(days('session-week', seed.users.ines)).toEqual([]); // 3B was not enrolled
  });

  it.skipIf(!available)('students of the certification classes who are not eligible: one nudge a week, on their zone’s first sending day; none while stopped', () => {
    expect(days('eligibility-nudge', seed.users.ugo)).toEqual(ZONE_A_WEEKS);
    // Stopped on 1 June (its week's nudge had gone on 31 May), on again on 16 June: that week's goes then.
    expect(days('eligibility-nudge', seed.users.tom)).toEqual([...ZONE_A_WEEKS.slice(0, 8), '2027-06-16', '2027-06-21', '2027-06-28']);
    for (const eligibleOrNotInACertificationClass of [seed.users.lea, seed.users.ines, seed.users.zoe]) expect(days('eligibility-nudge', eligibleOrNotInACertificationClass)).toEqual([]);
    expect(sent.find((s) => s.userId === seed.users.tom && s.kind === 'eligibility-nudge')!.text).toContain('À travailler cette semaine : 1.3 Traiter des données, 2.1 Interagir, 2.2 Partager et publier');
  });

  it.skipIf(!available)('referents: a weekly digest in their zone’s weeks (zone C: its own spring holidays), in their language', () => {
    expect(days('referent-digest', seed.referents.host)).toEqual(ZONE_A_WEEKS);
    expect(days('referent-digest', seed.referents.partner)).toEqual(ZONE_C_WEEKS);
    const first = sent.find((s) => s.userId === seed.referents.host && s.kind === 'referent-digest')!.text;
    expect(first).toContain('Certification · Collège Jean Moulin · la semaine :');
    expect(first).toContain('3A : 1/2 certifiable');
    expect(first).toContain('3B : 1/1 certifiable');
    expect(first).toContain('Session du 18/05/2027 à 09:00 · 3 inscrit·es');
    expect(sent.find((s) => s.userId === seed.referents.partner && s.kind === 'referent-digest')!.text).toContain('Certification · Collège Camille Claudel · this week:');
  });

  it.skipIf(!available)('the host’s referent: the session to finalise the day after it, the results to publish once finalised, each once', () => {
    expect(days('referent-finalise', seed.referents.host)).toEqual(['2027-05-19']);
    expect(days('referent-publish', seed.referents.host)).toEqual(['2027-05-20']);
    expect(days('referent-finalise', seed.referents.partner)).toEqual([]);
  });

  it.skipIf(!available)('each job ran once a day across the two instances, on the sending days only', async () => {
    const leases = await season.app.store.db.selectFrom('job_leases').select(['job_name', 'period_key', 'finished_at']).where('job_name', 'like', 'reminders-%').execute();
    expect(leases.every((l) => l.finished_at !== null)).toBe(true);
    const perJob = new Map<string, number>();
    for (const l of leases) perJob.set(l.job_name, (perJob.get(l.job_name) ?? 0) + 1);
    // The leases keep 30 days of finished runs: the weekdays from 30 June to 30 July, 23 (14 July
    // included: the jobs are due, each school's public holiday is the plan's); none for a weekend.
    expect([...perJob.values()]).toEqual([23, 23, 23, 23]);
    expect(leases.filter((l) => l.job_name === 'reminders-digest').map((l) => l.period_key).sort()[0]).toBe('2027-06-30');
  });
});
