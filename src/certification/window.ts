/**
 * The certification season (spec §9: April to July, a setting) and the Paris calendar days it is
 * counted in. Days are "YYYY-MM-DD" strings: compared as text, they sort as dates.
 */
import { parisPeriod } from '../jobs/periods.js';

/** Month and day of the first and last day of the season, e.g. { from: "04-01", to: "07-31" }. */
export interface SeasonWindow {
  from: string;
  to: string;
}

export const WINDOW_PATTERN = /^(\d{2}-\d{2})\/(\d{2}-\d{2})$/;

export function parseWindow(text: string): SeasonWindow {
  const m = WINDOW_PATTERN.exec(text);
  if (!m) throw new RangeError(`not a window MM-DD/MM-DD: ${text}`);
  return { from: m[1]!, to: m[2]! };
}

export function inWindow(day: string, window: SeasonWindow): boolean {
  const md = day.slice(5);
  return window.from <= window.to ? md >= window.from && md <= window.to : md >= window.from || md <= window.to;
}

export const parisDay = parisPeriod('day');

/** "HH:MM" in Paris. */
export function parisTime(now: Date): string {
  return parisPeriod('minute')(now).slice(11);
}

export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** ISO week "2027-W14": the key of a weekly message. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1, 12);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
