/** The référentiel in memory, once loaded and checked: what the rest of the code reads. */
import type { ChallengeData, TutorialData } from './schema.js';

/** What a level is worth: each level's skills share 8 pix (spec §3), so a competence at level N has 8 × N. */
export const PIX_PER_LEVEL = 8;

export interface Localized {
  fr: string;
  en: string;
}

export interface Area {
  code: string;
  title: Localized;
  competenceIds: string[];
}

export interface Competence {
  id: string;
  areaCode: string;
  title: Localized;
  tubeNames: string[];
}

export interface Tube {
  name: string;
  title: string;
  competenceId: string;
  /** Skill ids, easiest first. */
  skillIds: string[];
}

export interface Skill {
  /** tube name + level, e.g. "@operateursRecherche2". */
  id: string;
  tubeName: string;
  competenceId: string;
  level: number;
  description: string;
  /** min(4, 8 / N), N = active skills of the same competence and level. */
  pixValue: number;
  tutorials: TutorialData[];
  challengeIds: string[];
}

export type Challenge = ChallengeData & {
  skillId: string;
  tubeName: string;
  competenceId: string;
  level: number;
};

export interface Framework {
  areas: Area[];
  competences: Map<string, Competence>;
  tubes: Map<string, Tube>;
  skills: Map<string, Skill>;
  challenges: Map<string, Challenge>;
}

/** Validated challenges only: drafts and archived ones are never asked. */
export function isAskable(challenge: Challenge): boolean {
  return challenge.status === 'validated';
}
