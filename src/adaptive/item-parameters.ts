/**
 * What the probabilistic methods know of a challenge: its difficulty and discrimination (on the
 * level scale, so that an uncalibrated challenge starts from its skill's level) and its guess rate
 * (from its type: a student who does not know still picks one of the proposals).
 */
import { z } from 'zod';
import type { Challenge } from '../framework/model.js';

export interface ItemParameters {
  /** Slope of the response curve; higher separates students below and above the difficulty more sharply. */
  discrimination: number;
  /** Where the curve is half-way, on the level scale: a skill of level d starts at d − 0.5. */
  difficulty: number;
}

/** Lookup of calibrated parameters; a challenge absent from it uses its defaults. */
export type ItemParameterLookup = ReadonlyMap<string, ItemParameters>;

/**
 * Outside these bounds a fit has gone wrong (separation, too few or contradictory answers): a slope
 * near 0 means the challenge says nothing, a difficulty beyond the levels means nobody or everybody
 * answers it right. Such values are refused, never stored.
 */
export const PARAMETER_BOUNDS = {
  discrimination: { min: 0.3, max: 20 },
  difficulty: { min: -1, max: 9 },
} as const;

export const itemParametersSchema = z.object({
  discrimination: z.number().min(PARAMETER_BOUNDS.discrimination.min).max(PARAMETER_BOUNDS.discrimination.max),
  difficulty: z.number().min(PARAMETER_BOUNDS.difficulty.min).max(PARAMETER_BOUNDS.difficulty.max),
});

/**
 * Steep but not a wall: a student one level above the skill succeeds about 95 % of the time before
 * slips, one level below about 5 % before guesses. Real challenges are less clean than the levels
 * say; calibration lowers it where they are.
 */
export const DEFAULT_DISCRIMINATION = 12;

export function defaultItemParameters(challenge: Pick<Challenge, 'level'>): ItemParameters {
  return { discrimination: DEFAULT_DISCRIMINATION, difficulty: challenge.level - 0.5 };
}

export function itemParametersOf(challenge: Challenge, lookup?: ItemParameterLookup): ItemParameters {
  return lookup?.get(challenge.id) ?? defaultItemParameters(challenge);
}

/** Why a pair of parameters cannot be used, in French for the operator; empty when it can. */
export function parameterProblems(parameters: ItemParameters): string[] {
  const problems: string[] = [];
  const { discrimination: a, difficulty: d } = parameters;
  const bounds = PARAMETER_BOUNDS;
  if (!Number.isFinite(a) || a < bounds.discrimination.min || a > bounds.discrimination.max) {
    problems.push(`discrimination ${a.toFixed(2)} hors de [${bounds.discrimination.min}, ${bounds.discrimination.max}]`);
  }
  if (!Number.isFinite(d) || d < bounds.difficulty.min || d > bounds.difficulty.max) {
    problems.push(`difficulté ${d.toFixed(2)} hors de [${bounds.difficulty.min}, ${bounds.difficulty.max}]`);
  }
  return problems;
}

/**
 * Chance of a right answer without the skill, by type: one proposal among n for a QCU; one subset
 * among the 2ⁿ − 2 allowed for a QCM (neither empty nor all); free text is rarely guessed.
 */
export function guessRate(challenge: Challenge): number {
  switch (challenge.type) {
    case 'QCU':
      return 1 / challenge.proposals.length;
    case 'QCM':
      return 1 / (2 ** challenge.proposals.length - 2);
    case 'QROC':
      return 0.02;
    case 'QROCM-ind':
    case 'QROCM-dep':
      return 0.01;
  }
}
