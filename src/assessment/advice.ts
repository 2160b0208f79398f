/**
 * Advice after a test: per tube, the easiest skill the test counts as not mastered (failed, or
 * inferred so from a failure or from the method's estimate), with its tutorials: the next step up;
 * and every skill this test's answers failed and did not pass since, even one the method's estimate
 * credits (the student got it wrong: the tutorial is worth their time).
 */
import type { Framework, Skill } from '../framework/model.js';
import type { KnowledgeElement } from './knowledge.js';

export interface Advice {
  tubeTitle: string;
  skill: Skill;
}

export function adviceFor(
  framework: Framework,
  competenceId: string,
  knowledge: ReadonlyMap<string, KnowledgeElement>,
  failedInTest: ReadonlySet<string> = new Set(),
): Advice[] {
  const competence = framework.competences.get(competenceId);
  if (!competence) return [];
  const advice: Advice[] = [];
  for (const tubeName of competence.tubeNames) {
    const tube = framework.tubes.get(tubeName)!;
    const skills = tube.skillIds.map((id) => framework.skills.get(id)!);
    const easiestNotMastered = skills.find((skill) => knowledge.get(skill.id)?.status === 'invalidated');
    for (const skill of skills) {
      if (skill === easiestNotMastered || failedInTest.has(skill.id)) advice.push({ tubeTitle: tube.title, skill });
    }
  }
  return advice;
}
