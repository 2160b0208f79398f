/** Counts of the item bank per competence, tube, level and type, for `partix content stats`. */
import type { ChallengeType } from './schema.js';
import type { Framework } from './model.js';

export interface ContentStats {
  competences: number;
  tubes: number;
  skills: number;
  challenges: number;
  tutorials: number;
  byType: Record<string, number>;
  byLevel: Record<string, number>;
  perCompetence: Array<{
    competence: string;
    tubes: number;
    skills: number;
    challenges: number;
    byType: Record<string, number>;
    byLevel: Record<string, number>;
    perTube: Array<{ tube: string; levels: number[]; challenges: number }>;
  }>;
}

const TYPES: ChallengeType[] = ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'];

function increment(counts: Record<string, number>, key: string | number) {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function contentStats(framework: Framework): ContentStats {
  const byType: Record<string, number> = Object.fromEntries(TYPES.map((t) => [t, 0]));
  const byLevel: Record<string, number> = {};
  let tutorials = 0;
  const perCompetence = [...framework.competences.values()].map((competence) => {
    const cType: Record<string, number> = Object.fromEntries(TYPES.map((t) => [t, 0]));
    const cLevel: Record<string, number> = {};
    let skills = 0;
    let challenges = 0;
    const perTube = competence.tubeNames.map((name) => {
      const tube = framework.tubes.get(name)!;
      let tubeChallenges = 0;
      const levels: number[] = [];
      for (const skillId of tube.skillIds) {
        const skill = framework.skills.get(skillId)!;
        skills += 1;
        tutorials += skill.tutorials.length;
        levels.push(skill.level);
        for (const id of skill.challengeIds) {
          const challenge = framework.challenges.get(id)!;
          if (challenge.status !== 'validated') continue;
          tubeChallenges += 1;
          increment(cType, challenge.type);
          increment(byType, challenge.type);
          increment(cLevel, skill.level);
          increment(byLevel, skill.level);
        }
      }
      challenges += tubeChallenges;
      return { tube: name, levels, challenges: tubeChallenges };
    });
    return { competence: competence.id, tubes: perTube.length, skills, challenges, byType: cType, byLevel: cLevel, perTube };
  });
  return {
    competences: framework.competences.size,
    tubes: framework.tubes.size,
    skills: framework.skills.size,
    challenges: perCompetence.reduce((n, c) => n + c.challenges, 0),
    tutorials,
    byType,
    byLevel,
    perCompetence,
  };
}

/** Requirements of the item bank itself, beyond the shape of each file. */
export function coverageProblems(stats: ContentStats, minPerCompetence = 10, minTubes = 3): string[] {
  const problems: string[] = [];
  for (const c of stats.perCompetence) {
    if (c.challenges < minPerCompetence) problems.push(`compétence ${c.competence}: ${c.challenges} épreuves validées (au moins ${minPerCompetence})`);
    if (c.tubes < minTubes) problems.push(`compétence ${c.competence}: ${c.tubes} sujets (au moins ${minTubes})`);
  }
  for (const type of TYPES) if (!stats.byType[type]) problems.push(`aucune épreuve de type ${type}`);
  return problems;
}
