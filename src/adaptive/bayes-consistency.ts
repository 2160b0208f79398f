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

/**
 * What no estimate may contradict, tube by tube: a tube whose every answer of this test was right is
 * at least at its hardest success, and one whose every answer was wrong (or skipped) is below its
 * easiest failure. The model may outweigh one answer against others of the same tube, never the
 * only word the student gave on a tube: a tube whose every asked skill was failed is not credited.
 */
export function tubeRunBounds(args: {
  framework: Framework;
  index: CompetenceIndex;
  history: readonly AnsweredChallenge[];
  floors: ReadonlyMap<number, number>;
}): { floor: number[]; ceiling: number[] } {
  const { framework, index, history, floors } = args;
  const rights = index.tubes.map(() => 0);
  const wrongs = index.tubes.map(() => 0);
  const hardestRight = index.tubes.map((_, t) => floors.get(t) ?? 0);
  const easiestWrong = index.tubes.map(() => MAX_STATE + 1);
  for (const answer of history) {
    const skill = framework.skills.get(answer.skillId);
    const t = skill ? index.tubeIndexOf.get(skill.tubeName) : undefined;
    if (!skill || t === undefined) continue;
    if (answer.status === 'ok') {
      rights[t]! += 1;
      hardestRight[t] = Math.max(hardestRight[t]!, skill.level);
    } else {
      wrongs[t]! += 1;
      easiestWrong[t] = Math.min(easiestWrong[t]!, skill.level);
    }
  }
  return {
    floor: index.tubes.map((_, t) => (wrongs[t] === 0 ? hardestRight[t]! : (floors.get(t) ?? 0))),
    ceiling: index.tubes.map((_, t) => (rights[t] === 0 ? Math.max(easiestWrong[t]! - 1, floors.get(t) ?? 0) : MAX_STATE)),
  };
}
