/**
 * Advice after a test: per tube, the easiest skill the test counts as not mastered (failed, or
 * inferred so from a failure or from the method's estimate), with its tutorials: the next step up.
 */
import type { Framework, Skill } from '../framework/model.js';
import type { KnowledgeElement } from './knowledge.js';

export interface Advice {
  tubeTitle: string;
  skill: Skill;
}

export function adviceFor(framework: Framework, competenceId: string, knowledge: ReadonlyMap<string, KnowledgeElement>): Advice[] {
  const competence = framework.competences.get(competenceId);
  if (!competence) return [];
  const advice: Advice[] = [];
  for (const tubeName of competence.tubeNames) {
    const tube = framework.tubes.get(tubeName)!;
    const failed = tube.skillIds
      .map((id) => framework.skills.get(id)!)
      .find((skill) => knowledge.get(skill.id)?.status === 'invalidated');
    if (failed) advice.push({ tubeTitle: tube.title, skill: failed });
  }
  return advice;
}
