/**
 * Eligible (certifiable): level 1 or more in at least 5 of the 16 competences (spec §9). A student
 * who is not is told which competences are closest to level 1: those with the most pix below it.
 */
import type { KnowledgeElement } from '../assessment/knowledge.js';
import { scoreProfile, type CompetenceScore } from '../assessment/scoring.js';
import { PIX_PER_LEVEL, type Framework } from '../framework/model.js';

export const CERTIFIABLE_COMPETENCES = 5;

export interface Eligibility {
  eligible: boolean;
  /** Competences at level 1 or more, with their score: what the test is drawn from. */
  certifiable: CompetenceScore[];
  /** When not eligible: as many competences as are missing, closest to level 1 first, with the pix they lack. */
  closest: Array<{ competenceId: string; pix: number; missingPix: number }>;
}

export function eligibilityOf({ framework, knowledge, highestLevel }: { framework: Framework; knowledge: Iterable<KnowledgeElement>; highestLevel: number }): Eligibility {
  const { competences } = scoreProfile({ framework, knowledge, maxLevel: highestLevel });
  const certifiable = competences.filter((c) => c.level >= 1);
  const missing = Math.max(0, CERTIFIABLE_COMPETENCES - certifiable.length);
  const closest = competences
    .filter((c) => c.level < 1)
    .sort((a, b) => b.pix - a.pix)
    .slice(0, missing)
    .map((c) => ({ competenceId: c.competenceId, pix: c.pix, missingPix: PIX_PER_LEVEL - c.pix }));
  return { eligible: missing === 0, certifiable, closest };
}
