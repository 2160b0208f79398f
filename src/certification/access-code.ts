/** A session's access code (spec §9): 4 letters from BCDFGHJKMPQRTVWXY and 2 digits from 2346789, e.g. "KTBX47". */
import { randomInt } from 'node:crypto';

const LETTERS = 'BCDFGHJKMPQRTVWXY';
const DIGITS = '2346789';
export const ACCESS_CODE_PATTERN = new RegExp(`^[${LETTERS}]{4}[${DIGITS}]{2}$`);

export function newAccessCode(draw: (max: number) => number = randomInt): string {
  const letters = Array.from({ length: 4 }, () => LETTERS[draw(LETTERS.length)]).join('');
  const digits = Array.from({ length: 2 }, () => DIGITS[draw(DIGITS.length)]).join('');
  return letters + digits;
}

/** What a candidate types: spaces, dashes and case do not matter. */
export function normalizeAccessCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
