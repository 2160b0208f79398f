/**
 * Which reminders a day's run sends, to whom (a pure function of the season's state, so that the
 * jobs and the preview say the same). Each has a key: the outbox sends a key once, whatever the
 * number of runs, instances or restarts.
 *
 * - session-week: an enrolled student, on their school's first sending day within 7 days of the session;
 * - session-eve: the same, on the last sending day before it (the Friday for a Monday session);
 * - eligibility-nudge: a student of a certification class not yet eligible, once a week;
 * - referent-digest: each referent, once a week: eligible students per class, sessions coming,
 *   sessions to finalise or publish;
 * - referent-finalise / referent-publish: a referent, once per session that needs them.
 * None on a day that is not a sending day of the recipient's school (weekend, holiday, outside the window).
 */
import type { Eligibility } from '../certification/eligibility.js';
import type { EnrolledStudent, HolidayZone, Session } from '../certification/model.js';
import { addDays, daysBetween, isoWeek } from '../certification/window.js';
import type { Framework } from '../framework/model.js';
import { formatCalendarDate } from '../i18n/dates.js';
import { langOf, type Lang } from '../i18n/lang.js';
import { certificationMessages, type CertificationMessages } from '../i18n/certification-messages.js';
import { isSendingDay, type SendingRules } from './holidays.js';

export const REMINDER_KINDS = ['session-week', 'session-eve', 'eligibility-nudge', 'referent-digest', 'referent-finalise', 'referent-publish'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface SeasonSnapshot {
  schools: Array<{ id: string; name: string; zone: HolidayZone | null }>;
  /** Sessions not published, and those published lately. */
  sessions: Session[];
  candidates: EnrolledStudent[];
  /** Students of the certification classes with a linked account, and whether they are eligible. */
  classStudents: Array<{ schoolId: string; division: string; userId: string | null; eligibility: Eligibility }>;
  referents: Map<string, string[]>;
  /** Who said "stop rappels". */
  stopped: Set<string>;
  locales: Map<string, string | null>;
}

export interface PlannedReminder {
  kind: ReminderKind;
  userId: string;
  key: string;
  text: string;
}

const LOOKAHEAD_DAYS = 7;

export function planReminders({ day, kinds, snapshot, rules, framework }: { day: string; kinds: readonly ReminderKind[]; snapshot: SeasonSnapshot; rules: SendingRules; framework: Framework }): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const zoneOf = new Map(snapshot.schools.map((s) => [s.id, s.zone]));
  const sendingDay = (schoolId: string, date = day) => {
    const zone = zoneOf.get(schoolId);
    return zone ? isSendingDay(rules, zone, date) : false;
  };
  const add = (kind: ReminderKind, userId: string | null, key: string, text: (t: CertificationMessages, lang: Lang) => string) => {
    if (!userId || snapshot.stopped.has(userId) || !kinds.includes(kind)) return;
    const lang = langOf(snapshot.locales.get(userId));
    const t = certificationMessages(lang);
    planned.push({ kind, userId, key: `reminder:${kind}:${key}`, text: `${text(t, lang)}\n\n${t.reminderFooter}` });
  };
  const sessions = new Map(snapshot.sessions.map((s) => [s.id, s]));
  const dateOf = (session: Session, lang: Lang) => formatCalendarDate(session.date, { lang });

  for (const candidate of snapshot.candidates) {
    const session = sessions.get(candidate.sessionId);
    if (!session || session.status !== 'created' || candidate.state !== 'enrolled' || !sendingDay(candidate.schoolId)) continue;
    const until = daysBetween(day, session.date);
    if (until < 1 || until > LOOKAHEAD_DAYS) continue;
    // The eve: no sending day of the school left between today and the session.
    let eve = true;
    for (let d = addDays(day, 1); d < session.date; d = addDays(d, 1)) if (sendingDay(candidate.schoolId, d)) eve = false;
    const where = (text: CertificationMessages['reminderWeek'], lang: Lang) => text(dateOf(session, lang), session.time, session.site, session.room);
    if (eve) add('session-eve', candidate.linkedUserId, candidate.id, (t, lang) => where(t.reminderEve, lang));
    else add('session-week', candidate.linkedUserId, candidate.id, (t, lang) => where(t.reminderWeek, lang));
  }

  const week = isoWeek(day);
  for (const student of snapshot.classStudents) {
    if (student.eligibility.eligible || !sendingDay(student.schoolId)) continue;
    add('eligibility-nudge', student.userId, `${student.userId}:${week}`, (t, lang) =>
      t.reminderNudge(student.eligibility.closest.map((c) => `${c.competenceId} ${framework.competences.get(c.competenceId)?.title[lang] ?? ''}`).join(', ')),
    );
  }

  for (const school of snapshot.schools) {
    if (!sendingDay(school.id)) continue;
    const hosted = snapshot.sessions.filter((s) => s.schoolId === school.id);
    const toFinalise = hosted.filter((s) => s.status === 'created' && s.date < day);
    const toPublish = hosted.filter((s) => s.status === 'finalised');
    const coming = hosted.filter((s) => s.status === 'created' && s.date >= day);
    const classes = new Map<string, { eligible: number; total: number }>();
    for (const s of snapshot.classStudents.filter((c) => c.schoolId === school.id)) {
      const line = classes.get(s.division) ?? { eligible: 0, total: 0 };
      line.total++;
      if (s.eligibility.eligible) line.eligible++;
      classes.set(s.division, line);
    }
    for (const referent of snapshot.referents.get(school.id) ?? []) {
      add('referent-digest', referent, `${referent}:${school.id}:${week}`, (t, lang) =>
        [
          t.reminderDigest(school.name),
          ...[...classes].sort(([a], [b]) => a.localeCompare(b)).map(([division, c]) => t.digestEligible(division, c.eligible, c.total)),
          ...coming.map((s) => t.digestSession(dateOf(s, lang), s.time, snapshot.candidates.filter((c) => c.sessionId === s.id).length)),
          ...(toFinalise.length > 0 ? [t.digestToFinalise(toFinalise.length)] : []),
          ...(toPublish.length > 0 ? [t.digestToPublish(toPublish.length)] : []),
        ].join('\n\n'),
      );
      for (const s of toFinalise) add('referent-finalise', referent, `${s.id}:${referent}`, (t, lang) => t.reminderFinalise(dateOf(s, lang)));
      for (const s of toPublish) add('referent-publish', referent, `${s.id}:${referent}`, (t, lang) => t.reminderPublish(dateOf(s, lang)));
    }
  }
  return planned;
}
