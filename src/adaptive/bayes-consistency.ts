/**
 * What the answers say when read without noise, as Pix's inference reads them: in each tube, a
 * success puts the state at least at its level, a failure below its level. While the answers agree
 * with that reading (no success above a failure in a tube), it bounds every tube's state, hence the
 * competence's level; once the bounds give a single level, a flawless student's level is known.
 */
import type { Framework } from '../framework/model.js';
import { levelOfUnits, MAX_STATE, type CompetenceIndex } from './bayes-model.js';
import type { AnsweredChallenge } from '../assessment/strategy.js';

export interface GuttmanBounds {
  /** No tube has a success above one of its failures (earlier passes' floors included). */
  consistent: boolean;
  /** Per tube, the lowest and highest state the answers allow (meaningful when consistent). */
  low: number[];
  high: number[];
  /** Levels of the lowest and highest allowed states: equal when the answers settle the level. */
  lowestLevel: number;
  highestLevel: number;
}

export function guttmanBounds(args: {
  framework: Framework;
  index: CompetenceIndex;
  history: readonly AnsweredChallenge[];
  floors: ReadonlyMap<number, number>;
  highestLevel: number;
}): GuttmanBounds {
  const { framework, index, history, floors, highestLevel } = args;
  const low = index.tubes.map((_, t) => floors.get(t) ?? 0);
  const high = index.tubes.map(() => MAX_STATE);
  for (const answer of history) {
    const skill = framework.skills.get(answer.skillId);
    const t = skill ? index.tubeIndexOf.get(skill.tubeName) : undefined;
    if (!skill || t === undefined) continue;
    if (answer.status === 'ok') low[t] = Math.max(low[t]!, skill.level);
    else high[t] = Math.min(high[t]!, skill.level - 1);
  }
  const consistent = low.every((l, t) => l <= high[t]!);
  const units = (states: number[]) => states.reduce((sum, k, t) => sum + index.tubes[t]!.unitsByState[Math.max(0, Math.min(k, MAX_STATE))]!, 0);
  return {
    consistent,
    low,
    high,
    lowestLevel: levelOfUnits(units(low), highestLevel),
    highestLevel: levelOfUnits(units(high), highestLevel),
  };
}

export function settled(bounds: GuttmanBounds): boolean {
  return bounds.consistent && bounds.lowestLevel === bounds.highestLevel;
}

/** Whether this pass's answers are all right, all wrong, or mixed (no answer yet counts as all right). */
export function uniformRun(history: readonly AnsweredChallenge[]): 'all-right' | 'all-wrong' | 'mixed' {
  if (history.every((a) => a.status === 'ok')) return 'all-right';
  return history.every((a) => a.status !== 'ok') ? 'all-wrong' : 'mixed';
}
