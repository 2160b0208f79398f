/**
 * Comparison of a typed answer with the accepted variants of a free-answer challenge, under the
 * challenge's tolerances (spec §2). Both sides go through the same normalisation, so an author may
 * write variants the way they read best.
 */
import { distance } from 'fastest-levenshtein';
import type { Tolerance } from '../framework/schema.js';

export type TextFormat = 'word' | 'sentence' | 'number' | 'date';

export interface TextRules {
  tolerances: readonly Tolerance[];
  format: TextFormat;
}

/** Above this share of edits per character of the answer, T3 refuses. */
const MAX_EDIT_RATIO = 0.25;

export function normalizeText(text: string, tolerances: readonly Tolerance[]): string {
  // NFC first: a decomposed "é" (e + combining accent) and a composed one are the same text for a
  // student, and T2 would otherwise drop the combining accent as "not a letter".
  let s = text.normalize('NFC').trim();
  if (tolerances.includes('T2')) {
    s = s
      .replace(/[^\p{L}\p{N}\s]/gu, '')
      .replace(/\s+/gu, ' ')
      .trim();
  }
  if (tolerances.includes('T1')) {
    s = s
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/\s+/gu, '');
  }
  return s;
}

/**
 * A French-written number: comma as decimal point, a single space (also the no-break spaces French
 * typography uses) as thousands separator, e.g. "1 000,5". Anything else is not a number.
 */
export function parseFrenchNumber(text: string): number | undefined {
  const compact = text
    .trim()
    .replace(/(\d)\s(?=\d{3}(?!\d))/gu, '$1')
    .replace(',', '.');
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(compact)) return undefined;
  return Number(compact);
}

/** A French-written number inside a text: "1 000,5", "-3", "2.5" (the same forms as parseFrenchNumber). */
const NUMBER_IN_TEXT = /[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)|[+-]?\d+(?:[.,]\d+)?/gu;

/**
 * The number an answer gives: the whole answer, or the only number written in it, so that
 * "x = 100", "100 px" and "x vaut 100" all give 100. An answer with two numbers ("100 ou 200")
 * gives none: it is not an answer to a one-number question, and is then compared as text (and wrong).
 */
export function answeredNumber(text: string): number | undefined {
  const whole = parseFrenchNumber(text);
  if (whole !== undefined) return whole;
  const numbers = text.match(NUMBER_IN_TEXT) ?? [];
  return numbers.length === 1 ? parseFrenchNumber(numbers[0]!) : undefined;
}

export function matchesVariant(answer: string, variant: string, rules: TextRules): boolean {
  if (rules.format === 'number') {
    const a = answeredNumber(answer);
    const v = parseFrenchNumber(variant);
    // A variant that is not a number is an author's choice (e.g. "aucun"): compare it as text.
    if (a !== undefined && v !== undefined) return a === v;
  }
  const a = normalizeText(answer, rules.tolerances);
  const v = normalizeText(variant, rules.tolerances);
  if (a === v) return true;
  if (!rules.tolerances.includes('T3') || a.length === 0) return false;
  return distance(a, v) / a.length <= MAX_EDIT_RATIO;
}

/** Empty answers never match, even a variant that normalises to nothing. */
export function matchesAny(answer: string, variants: readonly string[], rules: TextRules): boolean {
  if (answer.trim() === '') return false;
  return variants.some((variant) => matchesVariant(answer, variant, rules));
}
