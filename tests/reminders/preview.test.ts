/**
 * Layer: process. `partix reminders preview` on a seeded season: day by day, how many people each
 * reminder would go to, in text and in JSON (one object per day), sending nothing.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession } from '../../src/certification/create-session.js';
import { enrolDivisions } from '../../src/certification/enrol-divisions.js';
import { runPartix } from '../helpers/partix.js';
import { openSeason, seedNetwork, sessionInput, type Season } from '../certification/season-helpers.js';

let season: Season;

const partix = (args: string[]) => runPartix(args, { DATABASE_URL: season.url, CONTENT_DIR: season.content, LOG_LEVEL: 'silent' });

beforeAll(async () => {
  season = await openSeason({ now: '2027-03-01T08:00:00Z' });
  const seed = await seedNetwork(season.app);
  const session = await createSession({ userId: seed.referents.host, input: sessionInput('2027-05-18', { openToNetwork: true }), deps: season.app.certification });
  await enrolDivisions({ userId: seed.referents.host, sessionId: session.id, divisions: ['3A'], deps: season.app.certification });
  await enrolDivisions({ userId: seed.referents.partner, sessionId: session.id, divisions: ['3P'], deps: season.app.certification });
}, 60_000);
afterAll(() => season.close());

test('--json: one object per day with its date and a count per kind; nothing is sent', async () => {
  const outbox = await season.app.outbox.counts();
  const { code, stdout } = await partix(['reminders', 'preview', '--from', '2027-03-01', '--to', '2027-08-31', '--json']);
  expect(code).toBe(0);
  const days = JSON.parse(stdout) as Array<{ date: string; counts: Record<string, number> }>;
  expect(days).toHaveLength(184);
  const on = (date: string) => days.find((d) => d.date === date)!.counts;
  const total = (date: string) => Object.values(on(date)).reduce((a, b) => a + b, 0);
  expect(days.filter((d) => d.date < '2027-04-01' || d.date > '2027-07-31').every((d) => total(d.date) === 0)).toBe(true);
  // Thursday 1 April: the first week's nudges (Tom, Ugo: not eligible, in a 3e class) and digests (three referents).
  expect(on('2027-04-01')).toEqual({ 'session-week': 0, 'session-eve': 0, 'eligibility-nudge': 2, 'referent-digest': 3, 'referent-finalise': 0, 'referent-publish': 0 });
  expect(total('2027-04-02')).toBe(0); // the week's are counted once
  expect(total('2027-04-03')).toBe(0); // Saturday
  expect(total('2027-04-12')).toBe(0); // spring holidays of zone A
  expect(on('2027-05-11')['session-week']).toBe(3);
  expect(on('2027-05-14')['session-eve']).toBe(3);
  expect(on('2027-05-19')['referent-finalise']).toBe(1);
  expect(await season.app.outbox.counts()).toEqual(outbox);
}, 90_000);

test('text: a line per day that has reminders; a bad range is refused', async () => {
  const text = await partix(['reminders', 'preview', '--from', '2027-05-10', '--to', '2027-05-16']);
  expect(text.code).toBe(0);
  expect(text.stdout.trim().split('\n')).toEqual(['2027-05-10  eligibility-nudge 2 · referent-digest 3', '2027-05-11  session-week 3', '2027-05-14  session-eve 3']);
  const bad = await partix(['reminders', 'preview', '--from', '2027-05-10', '--to', '2027-05-01']);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('Période invalide');
}, 90_000);
