/**
 * Reconciliation (spec §7): which imported student is the person in the chat, from what they type.
 * A student types their name as they know it (accents or not, usage name, second first name, a
 * typo); a wrong link would show one child's results to another, so only a single match is taken.
 * Whether the record or the account is already linked is the caller's check.
 */
import { distance } from 'fastest-levenshtein';
import type { Student } from './model.js';

/** The names and birth date of an imported student (ISO yyyy-mm-dd), and the account linked to it. */
export type ReconciliationCandidate = Pick<Student, 'id' | 'firstName' | 'secondFirstName' | 'thirdFirstName' | 'lastName' | 'usageName' | 'birthDate'> & {
  linkedUserId: string | null;
};

export type ReconciliationResult =
  | { kind: 'match'; candidate: ReconciliationCandidate }
  | { kind: 'none' }
  | { kind: 'ambiguous'; count: number };

/** Above this share of edits per typed character, a name is someone else's (spec §7). */
const MAX_EDIT_RATIO = 0.25;

/** Letters that NFD does not split into a base letter and an accent. */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Trim, lower-case, strip accents, drop white space and anything that is not a letter or a digit:
 * "  Lætitia-Roux " → "laetitiaroux", "N'Diaye" → "ndiaye", "Œuvrard" → "oeuvrard".
 */
export function normalizeName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[œæßøłđı]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function reconcile(args: {
  firstName: string;
  lastName: string;
  birthDate: string;
  candidates: ReconciliationCandidate[];
}): ReconciliationResult {
  const typedFirst = normalizeName(args.firstName);
  const typedLast = normalizeName(args.lastName);
  if (typedFirst === '' || typedLast === '') return { kind: 'none' };
  const sameBirthDate = args.candidates.filter((candidate) => candidate.birthDate === args.birthDate.trim());

  const exact = (typed: string, reference: string): boolean => typed === reference;
  const close = (typed: string, reference: string): boolean => distance(typed, reference) / typed.length <= MAX_EDIT_RATIO;
  // The tolerant pass runs only when the exact one found nobody: "Léa" must not be ambiguous with "Lena".
  for (const same of [exact, close]) {
    const found = sameBirthDate.filter(
      (candidate) =>
        firstNamesOf(candidate).some((name) => same(typedFirst, name)) && lastNamesOf(candidate).some((name) => same(typedLast, name)),
    );
    const [single] = found;
    if (found.length > 1) return { kind: 'ambiguous', count: found.length };
    if (single) return { kind: 'match', candidate: single };
  }
  return { kind: 'none' };
}

function firstNamesOf(candidate: ReconciliationCandidate): string[] {
  return referenceNames([candidate.firstName, candidate.secondFirstName, candidate.thirdFirstName]);
}

function lastNamesOf(candidate: ReconciliationCandidate): string[] {
  return referenceNames([candidate.lastName, candidate.usageName]);
}

/** An empty reference (no usage name) must not match everything in the tolerant pass. */
function referenceNames(names: (string | null)[]): string[] {
  return names.flatMap((name) => {
    const normalized = name === null ? '' : normalizeName(name);
    return normalized === '' ? [] : [normalized];
  });
}
