/**
 * Dates as users read them, by Intl.DateTimeFormat: in the reader's own locale when it speaks the
 * language of the message (an `en-US` reader gets "Mar 3, 2026", an `en-GB` one "3 Mar 2026"), else
 * the language's usual one. Instants are shown in French time (Europe/Paris): schools are French,
 * and a link made at 00:30 in Paris is on that day, not on the UTC day before.
 */
import type { Lang } from './lang.js';

export const TIME_ZONE = 'Europe/Paris';

/** Who reads the date: the message's language, and the Teams locale when it is known. */
export interface DateReader {
  lang: Lang;
  locale?: string | null;
}

const DEFAULT_LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * French readers expect 03/03/2026; a numeric English date is read differently across regions
 * (3/3/26 in the US, 03/03/2026 in the UK), so English names the month.
 */
const DAY_STYLE: Record<Lang, 'short' | 'medium'> = { fr: 'short', en: 'medium' };

/** Language and region only: the formats are cached per locale, and a sender could vary the rest of the tag without end. */
function localeOf({ lang, locale }: DateReader): string {
  if (!locale) return DEFAULT_LOCALE[lang];
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(locale);
    if (!supported) return DEFAULT_LOCALE[lang];
    const { language, region } = new Intl.Locale(supported);
    return language === lang ? (region ? `${language}-${region}` : language) : DEFAULT_LOCALE[lang];
  } catch {
    // A locale Teams sent that is not a well-formed tag.
    return DEFAULT_LOCALE[lang];
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(reader: DateReader, options: Intl.DateTimeFormatOptions, value: Date): string {
  const locale = localeOf(reader);
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formats.set(key, formatter);
  }
  return formatter.format(value);
}

/** The day of an instant, in Paris. */
export function formatDay(instant: Date | string, reader: DateReader): string {
  return format(reader, { dateStyle: DAY_STYLE[reader.lang], timeZone: TIME_ZONE }, new Date(instant));
}

/** A date that has no time of day (a birth date, `YYYY-MM-DD`): that very day, in any time zone. */
export function formatCalendarDate(isoDay: string, reader: DateReader): string {
  const day = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? isoDay : format(reader, { dateStyle: DAY_STYLE[reader.lang], timeZone: 'UTC' }, day);
}

/** An instant with its time, in Paris: `long` names the month ("3 mars 2026 à 00:30"). */
export function formatDateTime(instant: Date | string, reader: DateReader, length: 'long' | 'short' = 'short'): string {
  const dateStyle = length === 'long' ? 'long' : DAY_STYLE[reader.lang];
  return format(reader, { dateStyle, timeStyle: 'short', timeZone: TIME_ZONE }, new Date(instant));
}
