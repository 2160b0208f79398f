/**
 * What a participation shows: per targeted competence, the targeted skills (those of the
 * competence up to the target's level that can be asked) and how many of them the student's
 * knowledge validates; overall mastery = validated ÷ targeted (spec §8). A profile collection
 * shows the whole profile instead: level and pix of every competence.
 */
import type { KnowledgeElement } from '../assessment/knowledge.js';
import { scoreProfile } from '../assessment/scoring.js';
import { isAskable, type Framework } from '../framework/model.js';
import { CERTIFIABLE_COMPETENCES, type Campaign, type ParticipationResult, type TargetCompetence } from './model.js';

export function targetedSkillIds(framework: Framework, target: TargetCompetence): string[] {
  const ids: string[] = [];
  for (const tubeName of framework.competences.get(target.competenceId)?.tubeNames ?? []) {
    for (const skillId of framework.tubes.get(tubeName)?.skillIds ?? []) {
      const skill = framework.skills.get(skillId);
      if (skill && skill.level <= target.level && skill.challengeIds.some((id) => isAskable(framework.challenges.get(id)!))) ids.push(skillId);
    }
  }
  return ids;
}

export function participationResult(args: { framework: Framework; campaign: Campaign; knowledge: ReadonlyMap<string, KnowledgeElement>; highestLevel: number }): ParticipationResult {
  const { framework, campaign, knowledge, highestLevel } = args;
  const profile = scoreProfile({ framework, knowledge: knowledge.values(), maxLevel: highestLevel });
  const certifiableCompetences = profile.competences.filter((c) => c.level >= 1).length;
  const scoreOf = (id: string) => profile.competences.find((c) => c.competenceId === id)!;
  if (campaign.type === 'profile_collection') {
    return {
      competences: profile.competences.map((c) => ({ competenceId: c.competenceId, targetLevel: 0, targetedSkills: 0, validatedSkills: 0, level: c.level, pix: c.pix })),
      mastery: 0,
      totalPix: profile.totalPix,
      certifiableCompetences,
    };
  }
  const competences = campaign.targets.map((t) => {
    const targeted = targetedSkillIds(framework, t);
    const validated = targeted.filter((id) => knowledge.get(id)?.status === 'validated').length;
    const score = scoreOf(t.competenceId);
    return { competenceId: t.competenceId, targetLevel: t.level, targetedSkills: targeted.length, validatedSkills: validated, level: score.level, pix: score.pix };
  });
  const targeted = competences.reduce((s, c) => s + c.targetedSkills, 0);
  const validated = competences.reduce((s, c) => s + c.validatedSkills, 0);
  return { competences, mastery: targeted ? validated / targeted : 0, totalPix: profile.totalPix, certifiableCompetences };
}

export const isCertifiable = (result: ParticipationResult) => result.certifiableCompetences >= CERTIFIABLE_COMPETENCES;

export const competenceMastery = (c: { targetedSkills: number; validatedSkills: number }) => (c.targetedSkills ? c.validatedSkills / c.targetedSkills : 0);

/** Stages (paliers): reached when the overall mastery is at least each threshold. */
export const STAGE_THRESHOLDS = [0.2, 0.4, 0.6, 0.8, 1] as const;

export function stageOf(mastery: number): number {
  return STAGE_THRESHOLDS.filter((t) => mastery + 1e-9 >= t).length;
}
