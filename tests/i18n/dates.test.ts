import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDateTime, formatDay } from '../../src/i18n/dates.js';

// 00:30 in Paris on 3 March (winter time), 01:30 on 1 July (summer time): both still the day before in UTC.
const winter = new Date('2026-03-02T23:30:00Z');
const summer = '2026-06-30T23:30:00.000Z';

describe('formatDay', () => {
  it('gives the day in Paris, in the reader’s locale', () => {
    expect(formatDay(winter, { lang: 'fr' })).toBe('03/03/2026');
    expect(formatDay(summer, { lang: 'fr', locale: 'fr-FR' })).toBe('01/07/2026');
    expect(formatDay(winter, { lang: 'en', locale: 'en-US' })).toBe('Mar 3, 2026');
    expect(formatDay(winter, { lang: 'en', locale: 'en-GB' })).toBe('3 Mar 2026');
    expect(formatDay(winter, { lang: 'fr', locale: 'fr-CA' })).toBe('2026-03-03');
  });

  it('falls back to the language’s usual locale for a locale of another language, or none, or a malformed one', () => {
    expect(formatDay(winter, { lang: 'fr', locale: 'de-DE' })).toBe('03/03/2026');
    expect(formatDay(winter, { lang: 'en', locale: null })).toBe('3 Mar 2026');
    expect(formatDay(winter, { lang: 'en', locale: 'not a locale!' })).toBe('3 Mar 2026');
    // Only the language and region of the tag count.
    expect(formatDay(winter, { lang: 'en', locale: 'en-US-x-anything' })).toBe('Mar 3, 2026');
  });
});

describe('formatCalendarDate', () => {
  it('keeps a date without time on its own day', () => {
    expect(formatCalendarDate('2014-07-28', { lang: 'fr' })).toBe('28/07/2014');
    expect(formatCalendarDate('2014-01-01', { lang: 'en', locale: 'en-US' })).toBe('Jan 1, 2014');
    expect(formatCalendarDate('not a date', { lang: 'fr' })).toBe('not a date');
  });
});

describe('formatDateTime', () => {
  it('gives the time in Paris, short or with the month named', () => {
    expect(formatDateTime(winter, { lang: 'fr' })).toBe('03/03/2026 00:30');
    expect(formatDateTime(winter, { lang: 'fr' }, 'long')).toBe('3 mars 2026 à 00:30');
    expect(formatDateTime(summer, { lang: 'en', locale: 'en-GB' }, 'long')).toBe('1 July 2026 at 01:30');
    expect(formatDateTime(winter, { lang: 'en', locale: 'en-US' })).toMatch(/^Mar 3, 2026, 12:30\sAM$/);
  });
});
