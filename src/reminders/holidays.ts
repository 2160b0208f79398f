/**
 * When a school may be sent a reminder: a weekday of the season window that is neither a public
 * holiday nor a school holiday of the school's zone; and, within that day, daytime hours only.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HolidayZone } from '../certification/model.js';
import { addDays, inWindow, type SeasonWindow, weekdayOf } from '../certification/window.js';
import { parisPeriod } from '../jobs/periods.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const zone = z.enum(['A', 'B', 'C']);

export const holidayCalendarSchema = z.object({
  source: z.string(),
  periods: z.array(z.object({ name: z.string(), zones: z.array(zone).min(1), endOfClasses: day, resumption: day })),
});

export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

/** HOLIDAYS_FILE: a JSON calendar that replaces the shipped one; a broken file stops the start. */
export function readHolidayFile(path: string): HolidayCalendar {
  return holidayCalendarSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function isSchoolHoliday(calendar: HolidayCalendar, zoneOf: HolidayZone, date: string): boolean {
  return calendar.periods.some((p) => p.zones.includes(zoneOf) && date > p.endOfClasses && date < p.resumption);
}

/** Easter Sunday (anonymous Gregorian algorithm), for the movable public holidays. */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOf = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOf).padStart(2, '0')}`;
}

const FIXED_PUBLIC_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

/** The jours fériés of metropolitan France: fixed ones, Easter Monday, Ascension, Whit Monday. */
export function isPublicHoliday(date: string): boolean {
  if (FIXED_PUBLIC_HOLIDAYS.includes(date.slice(5))) return true;
  const sunday = easter(Number(date.slice(0, 4)));
  return [1, 39, 50].some((n) => addDays(sunday, n) === date);
}

export interface SendingRules {
  window: SeasonWindow;
  /** Paris hours: from `from`:00 to before `to`:00. */
  hours: { from: number; to: number };
  holidays: HolidayCalendar;
}

export function isSendingDay(rules: SendingRules, zoneOf: HolidayZone, date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5 && inWindow(date, rules.window) && !isPublicHoliday(date) && !isSchoolHoliday(rules.holidays, zoneOf, date);
}

const parisHour = parisPeriod('hour');

/** A daytime hour of a weekday of the window: when the reminder jobs are due at all (each school's holidays aside). */
export function isSendingMoment(rules: SendingRules, now: Date): boolean {
  const stamp = parisHour(now);
  const date = stamp.slice(0, 10);
  const hour = Number(stamp.slice(11, 13));
  const weekday = weekdayOf(date);
  return hour >= rules.hours.from && hour < rules.hours.to && weekday >= 1 && weekday <= 5 && inWindow(date, rules.window);
}
