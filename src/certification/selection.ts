/**
 * The challenges of a certification test (spec §9): for each certifiable competence, up to 3 from
 * the candidate's highest validated skills, one skill each; skills of other tubes first, then
 * challenges the candidate has not seen before. The draw is seeded, so it can be replayed.
 */
import type { KnowledgeElement } from '../assessment/knowledge.js';
import { pickAtRandom } from '../assessment/random.js';
import { isAskable, type Challenge, type Framework, type Skill } from '../framework/model.js';

export const CHALLENGES_PER_COMPETENCE = 3;

export function drawCertificationChallenges(args: {
  framework: Framework;
  competenceIds: string[];
  knowledge: ReadonlyMap<string, KnowledgeElement>;
  seen: ReadonlySet<string>;
  random: () => number;
}): Challenge[] {
  return args.competenceIds.flatMap((competenceId) => drawForCompetence({ ...args, competenceId }));
}

function drawForCompetence(args: {
  framework: Framework;
  competenceId: string;
  knowledge: ReadonlyMap<string, KnowledgeElement>;
  seen: ReadonlySet<string>;
  random: () => number;
}): Challenge[] {
  const { framework, seen, random } = args;
  const askable = (skill: Skill) => skill.challengeIds.map((id) => framework.challenges.get(id)!).filter((c) => c && isAskable(c));
  const hasUnseen = (skill: Skill) => askable(skill).some((c) => !seen.has(c.id));
  const validated = [...args.knowledge.values()]
    .filter((k) => k.status === 'validated')
    .map((k) => framework.skills.get(k.skillId))
    .filter((s): s is Skill => s !== undefined && s.competenceId === args.competenceId && askable(s).length > 0)
    // Highest first; at one level, a skill with a challenge not seen yet first.
    .sort((a, b) => b.level - a.level || Number(hasUnseen(b)) - Number(hasUnseen(a)) || a.id.localeCompare(b.id));
  const chosen: Skill[] = [];
  const tubes = new Set<string>();
  for (const skill of validated) {
    if (chosen.length === CHALLENGES_PER_COMPETENCE) break;
    if (!tubes.has(skill.tubeName)) {
      chosen.push(skill);
      tubes.add(skill.tubeName);
    }
  }
  for (const skill of validated) {
    if (chosen.length === CHALLENGES_PER_COMPETENCE) break;
    if (!chosen.includes(skill)) chosen.push(skill);
  }
  return chosen.map((skill) => {
    const challenges = askable(skill);
    const unseen = challenges.filter((c) => !seen.has(c.id));
    return pickAtRandom(unseen.length > 0 ? unseen : challenges, random);
  });
}
