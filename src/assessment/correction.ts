/**
 * What a student is shown of the solution after a failure (issue 11, point 9): the expected answer
 * and, on a card with several fields, which fields were wrong and what each expected. Built from the
 * stored answer, so a replayed card shows the same correction.
 */
import type { Challenge } from '../framework/model.js';
import { maximumMatching } from './matching.js';
import { matchesAny, type TextRules } from './text-match.js';

export interface FieldCorrection {
  label: string;
  given: string;
  right: boolean;
  /** The first accepted variant of the field (QROCM-dep: of a group the right fields left free). */
  expected: string;
}

export type Correction = { kind: 'single'; expected: string[] } | { kind: 'fields'; fields: FieldCorrection[] };

/** `value` is the stored answer (serializeAnswer), empty for a skip. */
export function correctionOf(challenge: Challenge, value: string): Correction {
  switch (challenge.type) {
    case 'QCU':
      return { kind: 'single', expected: [challenge.proposals[challenge.answer - 1]!] };
    case 'QCM':
      return { kind: 'single', expected: challenge.answers.map((i) => challenge.proposals[i - 1]!) };
    case 'QROC':
      return { kind: 'single', expected: [challenge.answers[0]!] };
    case 'QROCM-ind': {
      const given = storedFields(value);
      const rules = rulesOf(challenge);
      return {
        kind: 'fields',
        fields: challenge.fields.map((f) => {
          const text = given[f.key] ?? '';
          return { label: f.label, given: text, right: matchesAny(text, f.answers, rules), expected: f.answers[0]! };
        }),
      };
    }
    case 'QROCM-dep': {
      const given = storedFields(value);
      const rules = rulesOf(challenge);
      const texts = challenge.fields.map((f) => given[f.key] ?? '');
      // The fields a best assignment accepts are right; the others expect the groups it left free.
      const groupOf = maximumMatching(texts.length, challenge.groups.length, (f, g) => matchesAny(texts[f]!, challenge.groups[g]!, rules));
      const free = challenge.groups.filter((_, g) => !groupOf.includes(g));
      let nextFree = 0;
      return {
        kind: 'fields',
        fields: challenge.fields.map((f, i) => {
          const group = groupOf[i];
          const expected = group !== undefined ? challenge.groups[group]![0]! : free[nextFree++]![0]!;
          return { label: f.label, given: texts[i]!, right: group !== undefined, expected };
        }),
      };
    }
  }
}

function rulesOf(challenge: TextRules): TextRules {
  return { tolerances: challenge.tolerances, format: challenge.format };
}

/** The fields of a stored QROCM answer; a value that is not one (a skip) has none. */
function storedFields(value: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch {
    // Not JSON: a skip stores nothing.
  }
  return {};
}
