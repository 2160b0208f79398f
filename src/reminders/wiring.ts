/**
 * The reminder jobs, in the declarative list: each runs once per Paris day across instances (its
 * lease, keyed job and day, is unique in the database), hourly in the daytime of weekdays of the
 * season, and at start, so that a day missed while the process was down is caught up once.
 */
import type { CertificationDeps } from '../certification/deps.js';
import { parseWindow } from '../certification/window.js';
import type { Config } from '../config.js';
import type { Job } from '../jobs/scheduler.js';
import { parisPeriod } from '../jobs/periods.js';
import type { ReminderDeps } from './deps.js';
import { SHIPPED_HOLIDAYS } from './holidays-calendar.js';
import { isSendingMoment, readHolidayFile, type SendingRules } from './holidays.js';
import type { ReminderKind } from './plan.js';
import { ReminderRepository } from './reminder-repository.js';
import { runReminders } from './run-reminders.js';
import type { Store } from '../store/database.js';

export const REMINDER_JOBS: Array<{ name: string; kinds: ReminderKind[] }> = [
  { name: 'reminders-candidates', kinds: ['session-week', 'session-eve'] },
  { name: 'reminders-nudges', kinds: ['eligibility-nudge'] },
  { name: 'reminders-digest', kinds: ['referent-digest'] },
  { name: 'reminders-referent-actions', kinds: ['referent-finalise', 'referent-publish'] },
];

export function sendingRules(config: Config): SendingRules {
  const [from, to] = config.REMINDER_HOURS.split('-').map(Number) as [number, number];
  return {
    window: parseWindow(config.CERTIFICATION_WINDOW),
    hours: { from, to },
    holidays: config.HOLIDAYS_FILE ? readHolidayFile(config.HOLIDAYS_FILE) : SHIPPED_HOLIDAYS,
  };
}

export function wireReminders({ config, store, certification }: { config: Config; store: Store; certification: CertificationDeps }): { deps: ReminderDeps; jobs: Job[] } {
  const rules = sendingRules(config);
  const deps: ReminderDeps = {
    framework: certification.framework,
    reminders: new ReminderRepository(store.db, certification.sessions, certification.candidates),
    outbox: certification.outbox,
    wakeOutbox: certification.wakeOutbox,
    rules,
    highestLevel: config.HIGHEST_LEVEL,
    certificationClasses: new RegExp(config.CERTIFICATION_CLASSES, 'i'),
    clock: certification.clock,
  };
  const jobs = REMINDER_JOBS.map(
    ({ name, kinds }): Job => ({
      name,
      schedule: `0 0 ${rules.hours.from}-${rules.hours.to - 1} * * 1-5`,
      enabled: config.JOBS_ENABLED,
      once: { period: parisPeriod('day'), leaseMs: 30 * 60 * 1000 },
      due: (now) => isSendingMoment(rules, now),
      run: () => runReminders({ kinds, deps }),
    }),
  );
  return { deps, jobs };
}
