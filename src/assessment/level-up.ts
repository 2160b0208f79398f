/**
 * "Niveau N atteint": when a test announces a level. A student must never be congratulated on a
 * level the test then takes back, so a test announces only what it keeps:
 * - a method whose result is Pix's inference itself (smart random) keeps every level an answer
 *   reaches (inference never undoes an element during a test): it announces each as it comes;
 * - a method that concludes with its own estimate (partix-bayes) may end below what the answers
 *   reached on the way: it announces once, when the test ends, from the level the student had
 *   before the test to the level it keeps.
 */
import type { Framework } from '../framework/model.js';
import type { KnowledgeElement } from './knowledge.js';
import { scoreCompetence } from './scoring.js';
import type { AdaptiveStrategy } from './strategy.js';

export interface LevelUp {
  from: number;
  to: number;
}

export function announcedLevelUp(args: {
  framework: Framework;
  competenceId: string;
  highestLevel: number;
  strategy: AdaptiveStrategy;
  /** Knowledge before this answer, and after it (with the conclusion when the test ended). */
  before: ReadonlyMap<string, KnowledgeElement>;
  after: ReadonlyMap<string, KnowledgeElement>;
  finished: boolean;
  /** When the test started: elements older than that are what the student had before it. */
  startedAt: Date;
}): LevelUp | null {
  const { framework, competenceId, highestLevel, strategy, after, finished, startedAt } = args;
  const level = (knowledge: Iterable<KnowledgeElement>) => scoreCompetence({ framework, competenceId, knowledge, maxLevel: highestLevel }).level;
  let from: number;
  if (!strategy.conclude) from = level(args.before.values());
  else if (!finished) return null;
  else from = level([...args.before.values()].filter((k) => k.createdAt.getTime() < startedAt.getTime()));
  const to = level(after.values());
  return to > from ? { from, to } : null;
}
