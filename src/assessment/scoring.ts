/** Pix and levels of a student from their knowledge (spec §3). */
import { PIX_PER_LEVEL, type Framework } from '../framework/model.js';
import { UnknownCompetenceError } from './errors.js';
import type { KnowledgeElement } from './knowledge.js';

/**
 * Pix values are fractions such as 8/3 or 8/7 whose float sum can land just under a whole number
 * (7.999…); without this slack, floor() would cost the student a pix or a level.
 */
const FLOAT_SLACK = 1e-9;

export interface CompetenceScore {
  competenceId: string;
  pix: number;
  level: number;
  /** pix mod 8: progress toward the next level. */
  pixInLevel: number;
  maxPix: number;
}

/** pix = min(floor(Σ pixValue of validated skills), PIX_PER_LEVEL × maxLevel); level = min(floor(Σ / PIX_PER_LEVEL), maxLevel) */
export function scoreCompetence(args: {
  framework: Framework;
  competenceId: string;
  knowledge: Iterable<KnowledgeElement>;
  maxLevel: number;
}): CompetenceScore {
  const { framework, competenceId, maxLevel } = args;
  if (!framework.competences.has(competenceId)) throw new UnknownCompetenceError(competenceId);
  // Only this competence's elements are kept per skill: a profile scores 16 competences over the
  // same knowledge.
  const ofCompetence: KnowledgeElement[] = [];
  for (const element of args.knowledge) if (framework.skills.get(element.skillId)?.competenceId === competenceId) ofCompetence.push(element);
  let earned = 0;
  for (const element of latestPerSkill(ofCompetence).values()) {
    if (element.status === 'validated') earned += framework.skills.get(element.skillId)!.pixValue;
  }
  const maxPix = PIX_PER_LEVEL * maxLevel;
  const pix = Math.min(Math.floor(earned + FLOAT_SLACK), maxPix);
  const level = Math.min(Math.floor((earned + FLOAT_SLACK) / PIX_PER_LEVEL), maxLevel);
  return { competenceId, pix, level, pixInLevel: pix % PIX_PER_LEVEL, maxPix };
}

/**
 * Whether a new pass ("retenter") can raise this score: the one rule that both the improve use case
 * and every card suggesting it read, so that no card offers what "retenter" would then refuse.
 */
export function canImprove(score: Pick<CompetenceScore, 'level'>, highestLevel: number): boolean {
  return score.level < highestLevel;
}

export function scoreProfile(args: {
  framework: Framework;
  knowledge: Iterable<KnowledgeElement>;
  maxLevel: number;
}): { competences: CompetenceScore[]; totalPix: number; maxPix: number } {
  const { framework, maxLevel } = args;
  const knowledge = [...latestPerSkill(args.knowledge).values()];
  const competences = [...framework.competences.keys()].map((competenceId) =>
    scoreCompetence({ framework, competenceId, knowledge, maxLevel }),
  );
  return {
    competences,
    totalPix: competences.reduce((sum, c) => sum + c.pix, 0),
    maxPix: competences.reduce((sum, c) => sum + c.maxPix, 0),
  };
}

/**
 * Callers are meant to pass only the latest element per skill; counting a skill twice would inflate
 * pix, so a repeated skill keeps its latest element (the later one in the sequence on equal dates).
 */
function latestPerSkill(knowledge: Iterable<KnowledgeElement>): Map<string, KnowledgeElement> {
  const latest = new Map<string, KnowledgeElement>();
  for (const element of knowledge) {
    const known = latest.get(element.skillId);
    if (!known || element.createdAt.getTime() >= known.createdAt.getTime()) latest.set(element.skillId, element);
  }
  return latest;
}
