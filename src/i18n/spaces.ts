/**
 * A number and its unit stay on one line: "44 %", "40 pix", "4 jours" take a non-breaking space, so
 * that a narrow Teams card never wraps "%" or "pix" alone at the start of a line.
 */
const UNITS = [
  '%',
  'pix',
  'jours?',
  'days?',
  'min',
  'minutes?',
  'secondes?',
  'seconds?',
  'heures?',
  'hours?',
  'questions?',
  'élèves?',
  'students?',
  'caractères',
  'characters',
  'Mo',
  'MB',
  'h',
];

/** A number followed by a plain space and a unit: what must not appear in anything a user reads. */
export const NUMBER_SPACE_UNIT = new RegExp(`\\d[ \\t](?:${UNITS.join('|')})(?![\\p{L}])`, 'u');
const FIX = new RegExp(`(\\d) (?=(?:${UNITS.join('|')})(?![\\p{L}]))`, 'gu');

export function keepUnitsWithNumbers(text: string): string {
  return text.replace(FIX, '$1\u00a0');
}
