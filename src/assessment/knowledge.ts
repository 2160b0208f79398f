/**
 * Knowledge about a student, kept per skill (spec §4). Only the latest element of a skill counts;
 * a tube's skills are ordered by level, so one direct answer decides several skills at once.
 */
import type { Framework } from '../framework/model.js';
import { UnknownSkillError } from './unknown-skill-error.js';

export type KnowledgeStatus = 'validated' | 'invalidated';

/** direct: the skill of the challenge answered; inferred: a skill of its tube that the answer decides too. */
export type KnowledgeSource = 'direct' | 'inferred';

export interface KnowledgeElement {
  skillId: string;
  status: KnowledgeStatus;
  source: KnowledgeSource;
  createdAt: Date;
}

/**
 * New elements after a direct answer on skillId: success validates it and every easier skill of its
 * tube, failure invalidates it and every harder one; skills already present in `current` are left
 * alone (an answer on a decided level changes nothing). Direct element first.
 */
export function inferKnowledge(args: {
  framework: Framework;
  skillId: string;
  success: boolean;
  current: ReadonlyMap<string, KnowledgeElement>;
  now: Date;
}): KnowledgeElement[] {
  const { framework, skillId, success, current, now } = args;
  const skill = framework.skills.get(skillId);
  if (!skill) throw new UnknownSkillError(skillId);
  if (current.has(skillId)) return [];
  const status = success ? 'validated' : 'invalidated';
  const implied: string[] = [];
  for (const id of framework.tubes.get(skill.tubeName)?.skillIds ?? []) {
    const other = framework.skills.get(id);
    if (!other || id === skillId || current.has(id)) continue;
    if (success ? other.level < skill.level : other.level > skill.level) implied.push(id);
  }
  return [
    { skillId, status, source: 'direct', createdAt: now },
    ...implied.map((id): KnowledgeElement => ({ skillId: id, status, source: 'inferred', createdAt: now })),
  ];
}
