/** Field rules shared by the XML and CSV layouts, so that both formats refuse the same data. */
import type { Lang } from '../../i18n/messages.js';

/** Our columns are sized for it; SIECLE itself never comes near. */
export const MAX_TEXT_LENGTH = 255;

/** INSEE country code of France (XML CODE_PAYS; the CSV writes it "99100"). */
export const FRANCE = '100';

/**
 * dd/mm/yyyy (a single-digit day or month is accepted: spreadsheets drop the zero) to ISO
 * yyyy-mm-dd, or null when it is not a date of the calendar (31/02, 00/01…).
 */
export function frenchDateToIso(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over to March: a date is valid only if it reads back the same.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Empty and blank values are absent: SIECLE writes every element, filled or not. */
export function optional(value: string | undefined): string | null {
  // NFC: a file saved on a Mac may spell é as e + combining accent; names must compare equal.
  const trimmed = value?.normalize('NFC').trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function normalizeIne(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * The national student id has 11 characters: 10 digits and a letter, or 9 digits and 2 letters.
 * Anything else is not an INE, and would break what re-imports and account links hang on.
 */
const INE = /^(?:\d{10}[A-Z]|\d{9}[A-Z]{2})$/;

export function isValidIne(normalized: string): boolean {
  return INE.test(normalized);
}

export const INE_RULE = {
  fr: '11 caractères : 10 chiffres et une lettre, ou 9 chiffres et deux lettres',
  en: '11 characters: 10 digits and a letter, or 9 digits and two letters',
} as const;

/** What stands for the name of a student the file gives none: stored in French, shown in either language. */
const NO_NAME: Readonly<Record<Lang, string>> = { fr: '(sans nom)', en: '(no name)' };

/** "Léa MARTIN": first name first, as the school says it. */
export function studentName(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter((part) => part).join(' ') || NO_NAME.fr;
}

/** A name of studentName as a message in `lang` writes it: only the stand-in for no name changes. */
export function nameIn(name: string, lang: Lang): string {
  return name === NO_NAME.fr ? NO_NAME[lang] : name;
}

/** How the referent recognises a student in a message: "Léa MARTIN (INE 0123456789A)". */
export function describeStudent(name: string, ine: string | null, lang: Lang = 'fr'): string {
  return ine ? `${nameIn(name, lang)} (INE ${ine})` : nameIn(name, lang);
}
