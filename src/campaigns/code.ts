/**
 * A campaign's code (spec §8): 6 letters and 3 digits, e.g. QZWBPK347; letters a–z without i, l and
 * o (upper-cased), digits 2–9, so that it reads aloud and types without ambiguity. Students type it
 * with spaces or in lower case: both are accepted.
 */
import { randomInt } from 'node:crypto';

const LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const DIGITS = '23456789';
export const CAMPAIGN_CODE = /^[A-HJKMNP-Z]{6}[2-9]{3}$/;

export function newCampaignCode(random: (n: number) => number = randomInt): string {
  const letters = Array.from({ length: 6 }, () => LETTERS[random(LETTERS.length)]).join('');
  const digits = Array.from({ length: 3 }, () => DIGITS[random(DIGITS.length)]).join('');
  return letters + digits;
}

/** The code as stored, or null when what was typed cannot be one. */
export function normalizeCampaignCode(typed: string): string | null {
  const code = typed.replace(/[\s-]+/g, '').toUpperCase();
  return CAMPAIGN_CODE.test(code) ? code : null;
}
