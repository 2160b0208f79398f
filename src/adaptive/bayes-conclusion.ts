/**
 * From a posterior to what the student sees: a level in Pix's units and the knowledge elements that
 * give it. The bot scores a competence from knowledge elements (spec §3), so the model's estimate is
 * written as one state per tube (skills up to it validated, above it invalidated) whose score is the
 * most probable level.
 */
import { PIX_PER_LEVEL, type Framework } from '../framework/model.js';
import type { CompetenceAnalysis } from './bayes-analysis.js';
import { tubeRunBounds, type GuttmanBounds } from './bayes-consistency.js';
import { mostProbableLevel } from './bayes-levels.js';
import { levelOfUnits, MAX_STATE, PIX_UNIT, STATE_COUNT, type CompetenceIndex } from './bayes-model.js';
import type { KnowledgeElement } from '../assessment/knowledge.js';
import type { AnsweredChallenge, CompetenceEstimate } from '../assessment/strategy.js';

/**
 * Given the level to show, each tube starts at its median state given that level; if their sum
 * misses the level, tubes move one skill at a time toward it, each time the move whose new state is
 * the most probable. A move changes the pix by at most 4, less than a level, so the walk lands on
 * the target whenever the bank allows it.
 */
export function statesForLevel(args: {
  index: CompetenceIndex;
  /** P(tube state, level) per tube (levelJoint). */
  joint: readonly Float64Array[];
  targetLevel: number;
  highestLevel: number;
  floors: ReadonlyMap<number, number>;
  /** Highest state allowed per tube (the noise-free reading, when the answers agree with it). */
  ceilings?: readonly number[];
}): number[] {
  const { index, joint, targetLevel, highestLevel, floors } = args;
  const ceiling = (t: number) => args.ceilings?.[t] ?? MAX_STATE;
  const H1 = highestLevel + 1;
  const marginals = joint.map((jt) => {
    const given = new Float64Array(STATE_COUNT);
    let total = 0;
    for (let k = 0; k < STATE_COUNT; k++) total += given[k] = jt[k * H1 + targetLevel]!;
    for (let k = 0; k < STATE_COUNT; k++) given[k] = total > 0 ? given[k]! / total : 1 / STATE_COUNT;
    return given;
  });
  const states = marginals.map((p, t) => Math.min(Math.max(median(p), floors.get(t) ?? 0), ceiling(t)));
  const levelOf = () => levelOfUnits(states.reduce((sum, k, t) => sum + index.tubes[t]!.unitsByState[k]!, 0), highestLevel);
  for (let guard = 0; guard < index.tubes.length * STATE_COUNT; guard++) {
    const level = levelOf();
    if (level === targetLevel) break;
    const up = level < targetLevel;
    let bestTube = -1;
    let bestState = 0;
    let bestMass = -1;
    index.tubes.forEach((tube, t) => {
      const to = nextDistinctState(tube.unitsByState, states[t]!, up);
      if (to === null || (!up && to < (floors.get(t) ?? 0)) || (up && to > ceiling(t))) return;
      const mass = massOfRun(marginals[t]!, tube.unitsByState, to);
      if (mass > bestMass) {
        bestTube = t;
        bestState = to;
        bestMass = mass;
      }
    });
    if (bestTube < 0) break;
    states[bestTube] = bestState;
  }
  return states;
}

function median(p: Float64Array): number {
  let cumulative = 0;
  for (let k = 0; k < p.length; k++) {
    cumulative += p[k]!;
    if (cumulative >= 0.5) return k;
  }
  return MAX_STATE;
}

/** The nearest state up (or down) that earns a different number of pix: states in between are the same for the score. */
function nextDistinctState(units: Int32Array, from: number, up: boolean): number | null {
  if (up) {
    for (let k = from + 1; k < STATE_COUNT; k++) if (units[k] !== units[from]) return k;
    return null;
  }
  for (let k = from - 1; k >= 0; k--) {
    if (units[k] !== units[from]) {
      // Land on the highest state of that run, the smallest step down.
      return k;
    }
  }
  return null;
}

/** Probability of the run of states that earn the same pix as `state`. */
function massOfRun(p: Float64Array, units: Int32Array, state: number): number {
  let mass = 0;
  for (let k = 0; k < STATE_COUNT; k++) if (units[k] === units[state]) mass += p[k]!;
  return mass;
}

export function unitsOfStates(index: CompetenceIndex, states: readonly number[]): number {
  return states.reduce((sum, k, t) => sum + index.tubes[t]!.unitsByState[k]!, 0);
}

/**
 * Wrong answers the result keeps although their tube's state is at or above their level. The model
 * reads a failure below a success as a slip; a student may as well know a hard skill of a tube and
 * miss an easier one (mastery out of order), so a failure is outweighed only when the model gives its
 * tube that state or higher with at least `outweighAbove`; otherwise the skill stays failed.
 */
export function keptFailures(args: {
  index: CompetenceIndex;
  states: readonly number[];
  /** P(tube state, level) per tube (levelJoint). */
  joint: readonly Float64Array[];
  history: readonly AnsweredChallenge[];
  outweighAbove: number;
}): Set<string> {
  const { index, states, joint, outweighAbove } = args;
  const last = lastDirectAnswers(args.history);
  const kept = new Set<string>();
  index.tubes.forEach((tube, t) => {
    const jt = joint[t]!;
    const H1 = jt.length / STATE_COUNT;
    for (const skill of tube.skills) {
      if (last.get(skill.skillId) !== false || skill.level > states[t]!) continue;
      let atLeast = 0;
      for (let k = skill.level; k < STATE_COUNT; k++) for (let L = 0; L < H1; L++) atLeast += jt[k * H1 + L]!;
      if (atLeast < outweighAbove) kept.add(skill.skillId);
    }
  });
  return kept;
}

function lastDirectAnswers(history: readonly AnsweredChallenge[]): Map<string, boolean> {
  const last = new Map<string, boolean>();
  for (const answer of history) last.set(answer.skillId, answer.status === 'ok');
  return last;
}

/** Pix units of the tube states, less the skills kept failed below them. */
export function unitsOf(index: CompetenceIndex, states: readonly number[], failed: ReadonlySet<string> = new Set()): number {
  let units = unitsOfStates(index, states);
  index.tubes.forEach((tube, t) => {
    for (const skill of tube.skills) if (skill.level <= states[t]! && failed.has(skill.skillId)) units -= Math.round(skill.pixValue * PIX_UNIT);
  });
  return units;
}

/**
 * The knowledge elements that make the bot's score equal the model's: for each skill whose status
 * changes (or is not decided yet), validated up to the tube's state, invalidated above, and the kept
 * failures invalidated. A skill keeps 'direct' as source when this pass answered it directly with
 * the same outcome.
 */
export function knowledgeForStates(args: {
  framework: Framework;
  index: CompetenceIndex;
  states: readonly number[];
  history: readonly AnsweredChallenge[];
  knowledge: ReadonlyMap<string, KnowledgeElement>;
  now: Date;
  /** Failures kept below their tube's state (keptFailures). */
  failed?: ReadonlySet<string>;
}): KnowledgeElement[] {
  const { index, states, history, knowledge, now } = args;
  const lastDirect = lastDirectAnswers(history);
  const elements: KnowledgeElement[] = [];
  index.tubes.forEach((tube, t) => {
    for (const skill of tube.skills) {
      const status = skill.level <= states[t]! && !args.failed?.has(skill.skillId) ? 'validated' : 'invalidated';
      if (knowledge.get(skill.skillId)?.status === status) continue;
      const direct = lastDirect.get(skill.skillId);
      const source = direct !== undefined && direct === (status === 'validated') ? 'direct' : 'inferred';
      elements.push({ skillId: skill.skillId, status, source, createdAt: now });
    }
  });
  return elements;
}

/** What the method believes of one competence, in Pix's units, with its uncertainty. */
export function estimateOf(args: {
  framework: Framework;
  index: CompetenceIndex;
  analysis: Omit<CompetenceAnalysis, 'logEvidence'>;
  floors: ReadonlyMap<number, number>;
  highestLevel: number;
  /** This pass's answers on the competence (those that measure), for the bounds of each tube's own answers. */
  history: readonly AnsweredChallenge[];
  /** The noise-free reading of the answers. */
  bounds: GuttmanBounds;
  /** The settled rule: while the answers agree with that reading, every tube stays within it. */
  withinReading: boolean;
  /** When given, a failure below its tube's state is outweighed only with this certainty (keptFailures). */
  outweighAbove?: number;
}): CompetenceEstimate & { failed: Set<string> } {
  const { index, analysis, highestLevel, bounds } = args;
  let states: number[];
  if (args.withinReading && bounds.consistent) {
    // The most probable of the levels the reading allows, with every tube between its bounds. A
    // pass without a single success earns nothing beyond earlier passes.
    if (args.history.every((a) => a.status !== 'ok')) states = [...bounds.low];
    else {
      const targetLevel = mostProbableLevel(analysis.levels.map((p, L) => (L >= bounds.lowestLevel && L <= bounds.highestLevel ? p : -1)));
      const floors = new Map(bounds.low.map((k, t) => [t, k]));
      states = statesForLevel({ index, joint: analysis.joint, targetLevel, highestLevel, floors, ceilings: bounds.high });
    }
  } else {
    // The most probable level that no tube's own answers contradict (tubeRunBounds).
    const runs = tubeRunBounds({ framework: args.framework, index, history: args.history, floors: args.floors });
    const reachable = (states: number[]) => levelOfUnits(unitsOfStates(index, states), highestLevel);
    const lowest = reachable(runs.floor);
    const highest = reachable(runs.ceiling);
    const targetLevel = mostProbableLevel(analysis.levels.map((p, L) => (L >= lowest && L <= highest ? p : -1)));
    const floors = new Map(runs.floor.map((k, t) => [t, k]));
    states = statesForLevel({ index, joint: analysis.joint, targetLevel, highestLevel, floors, ceilings: runs.ceiling });
  }
  const failed = args.outweighAbove === undefined ? new Set<string>() : keptFailures({ index, states, joint: analysis.joint, history: args.history, outweighAbove: args.outweighAbove });
  const units = unitsOf(index, states, failed);
  const level = levelOfUnits(units, highestLevel);
  return {
    failed,
    level,
    pix: Math.min(Math.floor(units / PIX_UNIT + 1e-9), PIX_PER_LEVEL * highestLevel),
    levelProbabilities: [...analysis.levels],
    confidence: analysis.levels[level]!,
    pixMean: analysis.pixMean,
    pixSd: analysis.pixSd,
    states,
  };
}
