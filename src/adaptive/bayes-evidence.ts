/**
 * What the model reads from a test's context: this pass's answers as observations, and the skills
 * validated in earlier passes as floors (on "retenter", successes stay: the model must not undo them).
 */
import type { Challenge, Framework } from '../framework/model.js';
import { responseRow, type CompetenceIndex, type ModelSettings, type Observation } from './bayes-model.js';
import type { ItemParameterLookup } from './item-parameters.js';
import type { KnowledgeElement } from '../assessment/knowledge.js';
import type { AnsweredChallenge } from '../assessment/strategy.js';

/** Response rows depend on the challenge, the settings and the parameters only: computed once per challenge. */
export type RowCache = WeakMap<Challenge, Float64Array[]>;

/** P(right | tube state), one row per noise profile. */
export function rowsOf(challenge: Challenge, settings: ModelSettings, parameters: ItemParameterLookup | undefined, cache: RowCache): Float64Array[] {
  let rows = cache.get(challenge);
  if (!rows) {
    rows = settings.profiles.map((profile) => responseRow(challenge, profile, parameters));
    cache.set(challenge, rows);
  }
  return rows;
}

export function observationsOf(args: {
  framework: Framework;
  index: CompetenceIndex;
  history: readonly AnsweredChallenge[];
  settings: ModelSettings;
  parameters?: ItemParameterLookup;
  cache: RowCache;
}): Observation[] {
  const { framework, index, history, settings, parameters, cache } = args;
  const observations: Observation[] = [];
  for (const answer of history) {
    const challenge = framework.challenges.get(answer.challengeId);
    const tube = challenge ? index.tubeIndexOf.get(challenge.tubeName) : undefined;
    // An answer on a challenge that has left the bank or the competence tells nothing about this one.
    if (!challenge || tube === undefined) continue;
    // Skipped and timed out count as failures, as everywhere else (spec §2).
    observations.push({ tube, rows: rowsOf(challenge, settings, parameters, cache), success: answer.status === 'ok' });
  }
  return observations;
}

/**
 * Highest level validated in an earlier pass, per tube. The context mixes those elements with the
 * ones this pass inferred; the latter are exactly the skills that Pix's inference reaches from this
 * pass's answers, so whatever lies outside that reach came from before.
 */
export function earlierFloors(args: {
  framework: Framework;
  index: CompetenceIndex;
  history: readonly AnsweredChallenge[];
  knowledge: ReadonlyMap<string, KnowledgeElement>;
}): Map<number, number> {
  const { framework, index, history, knowledge } = args;
  const reach = new Set<string>();
  for (const answer of history) {
    const skill = framework.skills.get(answer.skillId);
    if (!skill) continue;
    const success = answer.status === 'ok';
    for (const id of framework.tubes.get(skill.tubeName)?.skillIds ?? []) {
      const other = framework.skills.get(id);
      if (other && (success ? other.level <= skill.level : other.level >= skill.level)) reach.add(id);
    }
  }
  const floors = new Map<number, number>();
  for (const element of knowledge.values()) {
    if (element.status !== 'validated' || reach.has(element.skillId)) continue;
    const skill = framework.skills.get(element.skillId);
    const tube = skill ? index.tubeIndexOf.get(skill.tubeName) : undefined;
    if (!skill || tube === undefined) continue;
    floors.set(tube, Math.max(floors.get(tube) ?? 0, skill.level));
  }
  return floors;
}
