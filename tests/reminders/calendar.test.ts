/**
 * Layer: domain (pure). The calendar the reminders keep to: public holidays, each zone's school
 * holidays, a school's zone from its UAJ, the season window, ISO weeks; and the access code's alphabet.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_CODE_PATTERN, newAccessCode, normalizeAccessCode } from '../../src/certification/access-code.js';
import { inWindow, isoWeek, parseWindow } from '../../src/certification/window.js';
import { isPublicHoliday, isSchoolHoliday, isSendingDay, isSendingMoment, readHolidayFile } from '../../src/reminders/holidays.js';
import { SHIPPED_HOLIDAYS } from '../../src/reminders/holidays-calendar.js';
import { zoneOfUaj } from '../../src/reminders/zones.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const rules = { window: parseWindow('04-01/07-31'), hours: { from: 9, to: 18 }, holidays: SHIPPED_HOLIDAYS };

describe('public holidays', () => {
  it('the fixed ones and those that follow Easter (28 March 2027, 16 April 2028)', () => {
    expect(['2027-03-29', '2027-05-06', '2027-05-17', '2027-05-01', '2027-05-08', '2027-07-14', '2028-04-17', '2028-05-25', '2028-06-05'].every(isPublicHoliday)).toBe(true);
    expect(['2027-03-30', '2027-05-18', '2028-04-18', '2028-06-06'].some(isPublicHoliday)).toBe(false);
  });
});

describe('school holidays of the shipped calendar', () => {
  it('are the days strictly between the end of classes and their resumption, per zone', () => {
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'A', '2027-04-10')).toBe(false);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'A', '2027-04-12')).toBe(true);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'A', '2027-04-26')).toBe(false);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'C', '2027-04-12')).toBe(true);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'C', '2027-04-19')).toBe(false);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'B', '2027-04-26')).toBe(true);
    expect(isSchoolHoliday(SHIPPED_HOLIDAYS, 'B', '2027-07-05')).toBe(true);
  });

  it('name their source and cover both school years for every zone', () => {
    expect(SHIPPED_HOLIDAYS.source).toContain('https://www.education.gouv.fr/calendrier-scolaire-100148');
    for (const zone of ['A', 'B', 'C'] as const) {
      for (const name of ['Printemps 2027', 'Été 2027', 'Printemps 2028', 'Été 2028']) expect(SHIPPED_HOLIDAYS.periods.some((p) => p.name === name && p.zones.includes(zone))).toBe(true);
    }
  });

  it('a file named by HOLIDAYS_FILE replaces them; a file of another shape is refused', () => {
    const dir = tempDir('partix-holidays-');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ source: 'arrêté local', periods: [{ name: 'Pont', zones: ['A'], endOfClasses: '2027-05-11', resumption: '2027-05-13' }] }));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ periods: [{ zones: ['D'] }] }));
    const calendar = readHolidayFile(good);
    expect(isSendingDay({ ...rules, holidays: calendar }, 'A', '2027-05-12')).toBe(false);
    expect(isSendingDay({ ...rules, holidays: calendar }, 'A', '2027-04-14')).toBe(true);
    expect(() => readHolidayFile(bad)).toThrow();
    removeTempDir(dir);
  });
});

describe('sending days and moments', () => {
  it('a weekday of the window that is no holiday; from 9:00 to 18:00 in Paris', () => {
    expect(isSendingDay(rules, 'A', '2027-05-18')).toBe(true);
    expect(isSendingDay(rules, 'A', '2027-05-22')).toBe(false); // Saturday
    expect(isSendingDay(rules, 'A', '2027-03-31')).toBe(false); // before the window
    expect(isSendingMoment(rules, new Date('2027-05-18T07:00:00Z'))).toBe(true); // 9:00 in Paris (summer time)
    expect(isSendingMoment(rules, new Date('2027-05-18T06:59:00Z'))).toBe(false);
    expect(isSendingMoment(rules, new Date('2027-05-18T16:00:00Z'))).toBe(false); // 18:00
    expect(isSendingMoment(rules, new Date('2027-05-22T10:00:00Z'))).toBe(false);
  });

  it('a window across the new year, and ISO weeks', () => {
    expect(inWindow('2027-12-20', parseWindow('11-01/02-28'))).toBe(true);
    expect(inWindow('2027-03-01', parseWindow('11-01/02-28'))).toBe(false);
    expect([isoWeek('2027-01-01'), isoWeek('2027-01-04'), isoWeek('2027-05-17'), isoWeek('2027-05-23')]).toEqual(['2026-W53', '2027-W01', '2027-W20', '2027-W20']);
  });
});

describe('a school’s zone from its UAJ', () => {
  it('by the académie of its department; none for Corsica and overseas', () => {
    expect([zoneOfUaj('0860001A'), zoneOfUaj('0330003C'), zoneOfUaj('0590001B'), zoneOfUaj('0750001X'), zoneOfUaj('0310001Y')]).toEqual(['A', 'A', 'B', 'C', 'C']);
    expect([zoneOfUaj('6200001A'), zoneOfUaj('9710001B')]).toEqual([null, null]);
  });
});

describe('the access code', () => {
  it('4 letters of BCDFGHJKMPQRTVWXY and 2 digits of 2346789, typed in any case', () => {
    for (let i = 0; i < 200; i++) expect(newAccessCode()).toMatch(ACCESS_CODE_PATTERN);
    expect(newAccessCode(() => 0)).toBe('BBBB22');
    expect(newAccessCode((max) => max - 1)).toBe('YYYY99');
    expect(normalizeAccessCode(' ktbx-47 ')).toBe('KTBX47');
    expect(ACCESS_CODE_PATTERN.test('AEIO22')).toBe(false);
  });
});
