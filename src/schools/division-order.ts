/**
 * Classes in school order, as staff think of them: 6e, 5e, 4e, 3e (collège), then 2nde, 1re,
 * Terminale (lycée); a name of no known grade comes last. Within a grade, names in natural order
 * (6A before 6B, 2nde 2 before 2nde 10).
 */
const GRADES: Array<[RegExp, number]> = [
  [/^6/, 0],
  [/^5/, 1],
  [/^4/, 2],
  [/^3/, 3],
  [/^(2|seconde|sec)/, 4],
  [/^(1|premiere|prem)/, 5],
  [/^(t|term)/, 6],
];

function gradeOf(division: string): number {
  const name = division.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return GRADES.find(([pattern]) => pattern.test(name))?.[1] ?? GRADES.length;
}

export function compareDivisions(a: string, b: string): number {
  return gradeOf(a) - gradeOf(b) || a.localeCompare(b, 'fr', { numeric: true, sensitivity: 'base' });
}
