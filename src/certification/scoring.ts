/**
 * Certification scoring (spec §9). The reproducibility rate is round(100 × correct ÷ answered) over
 * the whole test; below 50 the candidate is rejected. Per competence with 3 challenges: 3 correct →
 * validated; 2 → validated if the rate is 80 or more, else lowered by one level; 1 or 0 → not
 * certified. A competence with fewer challenges (a thin bank) follows the same table counted in
 * failures: none → validated; one, with at least one success → as 2 of 3; else not certified.
 */
import { PIX_PER_LEVEL } from '../framework/model.js';
import type { CandidateOutcome, CompetenceResult } from './model.js';

export const REJECTION_RATE = 50;
export const HIGH_RATE = 80;

export interface CompetenceSitting {
  competenceId: string;
  /** The profile's level and pix when the test started. */
  level: number;
  pix: number;
  /** One entry per challenge asked: true when answered ok. */
  outcomes: boolean[];
}

export interface CertificationScore {
  reproducibilityRate: number;
  outcome: Exclude<CandidateOutcome, 'absent'>;
  totalPix: number;
  competences: CompetenceResult[];
}

export function reproducibilityRate(correct: number, answered: number): number {
  return answered === 0 ? 0 : Math.round((100 * correct) / answered);
}

export function scoreCertification({ sittings, highestLevel }: { sittings: CompetenceSitting[]; highestLevel: number }): CertificationScore {
  const all = sittings.flatMap((s) => s.outcomes);
  const rate = reproducibilityRate(all.filter(Boolean).length, all.length);
  const competences = sittings.map((s) => scoreCompetence(s, rate, highestLevel));
  const totalPix = competences.reduce((sum, c) => sum + c.pix, 0);
  return { reproducibilityRate: rate, outcome: totalPix > 0 ? 'certified' : 'rejected', totalPix, competences };
}

function scoreCompetence(sitting: CompetenceSitting, rate: number, highestLevel: number): CompetenceResult {
  const asked = sitting.outcomes.length;
  const correct = sitting.outcomes.filter(Boolean).length;
  const level = Math.min(sitting.level, highestLevel);
  const pix = Math.min(sitting.pix, PIX_PER_LEVEL * highestLevel);
  const base = { competenceId: sitting.competenceId, asked, correct };
  const failures = asked - correct;
  const notCertified = { ...base, outcome: 'not_certified' as const, level: 0, pix: 0 };
  if (rate < REJECTION_RATE || asked === 0 || level < 1) return notCertified;
  if (failures === 0) return { ...base, outcome: 'validated', level, pix };
  if (failures === 1 && correct >= 1) {
    if (rate >= HIGH_RATE) return { ...base, outcome: 'validated', level, pix };
    return { ...base, outcome: 'lowered', level: level - 1, pix: Math.max(0, pix - PIX_PER_LEVEL) };
  }
  return notCertified;
}
