/**
 * The level smart random believes the student has (spec §4 step 2): the θ on a half-level grid
 * where expected and observed successes balance best. The two virtual answers (success at 0,
 * failure at 7) keep θ finite and start it mid-range before any real answer.
 */
import type { Framework } from '../framework/model.js';
import { UnknownSkillError } from '../assessment/unknown-skill-error.js';
import type { AnsweredChallenge } from '../assessment/strategy.js';

/** θ ∈ {0.5, 1, …, 7.5} */
export const LEVEL_GRID: readonly number[] = Array.from({ length: 15 }, (_, i) => 0.5 + i / 2);

const VIRTUAL_ANSWERS = [
  { level: 0, outcome: 1 },
  { level: 7, outcome: 0 },
];

/** Scores closer than this are equal: "the first best θ wins" must not hinge on rounding noise. */
const SCORE_TIE = 1e-12;

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Skipped and timed-out answers are failures like ko (spec §2). */
export function outcomeOf(answer: AnsweredChallenge): 0 | 1 {
  return answer.status === 'ok' ? 1 : 0;
}

export function predictedLevel(args: { framework: Framework; history: readonly AnsweredChallenge[] }): number {
  const { framework, history } = args;
  const observations = [
    ...VIRTUAL_ANSWERS,
    ...history.map((answer) => {
      const skill = framework.skills.get(answer.skillId);
      if (!skill) throw new UnknownSkillError(answer.skillId);
      return { level: skill.level, outcome: outcomeOf(answer) };
    }),
  ];
  let best = LEVEL_GRID[0]!;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const theta of LEVEL_GRID) {
    const gap = observations.reduce((sum, o) => sum + o.outcome - logistic(theta - o.level), 0);
    const score = -Math.abs(gap);
    if (score > bestScore + SCORE_TIE) {
      best = theta;
      bestScore = score;
    }
  }
  return best;
}
