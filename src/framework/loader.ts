/**
 * Loads `content/` into a checked Framework. Every problem of every file is collected, so an author
 * fixes them all in one pass; the loader throws ContentError when there is any.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  competenceFileSchema,
  frameworkFileSchema,
  type ChallengeData,
  type CompetenceFile,
  type FrameworkFile,
} from './schema.js';
import { PIX_PER_LEVEL, type Challenge, type Competence, type Framework, type Skill, type Tube } from './model.js';

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Le contenu est invalide (${problems.length} problème(s)) :\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
  }
}

function readJson<T>(path: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${path}: JSON illisible (${(error as Error).message})`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${path}: ${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

export function loadFramework(contentDir: string): Framework {
  const problems: string[] = [];
  const frameworkFile = readJson(join(contentDir, 'framework.json'), frameworkFileSchema, problems);
  const competenceDir = join(contentDir, 'competences');
  const files = existsSync(competenceDir) ? readdirSync(competenceDir).filter((f) => f.endsWith('.json')).sort() : [];
  const competenceFiles: Array<{ path: string; data: CompetenceFile }> = [];
  // A file that does not parse is reported once, not again as a competence without tubes.
  const unreadable = new Set<string>();
  for (const file of files) {
    const path = join(competenceDir, file);
    const data = readJson(path, competenceFileSchema, problems);
    if (data) competenceFiles.push({ path, data });
    else unreadable.add(file.replace(/\.json$/, ''));
  }
  if (!frameworkFile) throw new ContentError(problems);
  const framework = assemble(frameworkFile, competenceFiles, problems, unreadable);
  if (problems.length > 0) throw new ContentError(problems);
  return framework;
}

function assemble(
  frameworkFile: FrameworkFile,
  competenceFiles: Array<{ path: string; data: CompetenceFile }>,
  problems: string[],
  unreadable: ReadonlySet<string>,
): Framework {
  const framework: Framework = {
    areas: [],
    competences: new Map(),
    tubes: new Map(),
    skills: new Map(),
    challenges: new Map(),
  };
  for (const area of frameworkFile.areas) {
    framework.areas.push({ code: area.code, title: area.title, competenceIds: area.competences.map((c) => c.id) });
    for (const c of area.competences) {
      if (!c.id.startsWith(`${area.code}.`)) problems.push(`framework.json: ${c.id} n'appartient pas au domaine ${area.code}`);
      framework.competences.set(c.id, { id: c.id, areaCode: area.code, title: c.title, tubeNames: [] });
    }
  }
  if (framework.competences.size !== 16) problems.push(`framework.json: 16 compétences attendues, ${framework.competences.size} trouvées`);

  const seenFiles = new Set<string>();
  for (const { path, data } of competenceFiles) {
    const competence = framework.competences.get(data.competence);
    if (!competence) {
      problems.push(`${path}: compétence inconnue ${data.competence}`);
      continue;
    }
    if (seenFiles.has(data.competence)) problems.push(`${path}: compétence ${data.competence} décrite deux fois`);
    seenFiles.add(data.competence);
    addCompetence(framework, competence, data, path, problems);
  }
  for (const competence of framework.competences.values()) {
    if (competence.tubeNames.length === 0 && !unreadable.has(competence.id)) problems.push(`compétence ${competence.id}: aucun sujet (tube)`);
  }
  assignPixValues(framework);
  return framework;
}

function addCompetence(framework: Framework, competence: Competence, data: CompetenceFile, path: string, problems: string[]) {
  for (const tubeData of data.tubes) {
    if (framework.tubes.has(tubeData.name)) {
      problems.push(`${path}: sujet ${tubeData.name} déjà défini ailleurs`);
      continue;
    }
    const tube: Tube = { name: tubeData.name, title: tubeData.title, competenceId: competence.id, skillIds: [] };
    const levels = new Set<number>();
    for (const skillData of [...tubeData.skills].sort((a, b) => a.level - b.level)) {
      if (levels.has(skillData.level)) {
        problems.push(`${path}: ${tubeData.name} a deux acquis de niveau ${skillData.level}`);
        continue;
      }
      levels.add(skillData.level);
      const skill: Skill = {
        id: `${tubeData.name}${skillData.level}`,
        tubeName: tube.name,
        competenceId: competence.id,
        level: skillData.level,
        description: skillData.description,
        pixValue: 0,
        tutorials: skillData.tutorials,
        challengeIds: [],
      };
      if (!skillData.tutorials.some((t) => t.kind === 'solution')) {
        problems.push(`${path}: ${skill.id} n'a pas de tutoriel de type "solution"`);
      }
      for (const challengeData of skillData.challenges) {
        const where = `${path}: ${challengeData.id}`;
        if (framework.challenges.has(challengeData.id)) {
          problems.push(`${where}: identifiant d'épreuve en double`);
          continue;
        }
        for (const p of challengeProblems(challengeData)) problems.push(`${where}: ${p}`);
        framework.challenges.set(challengeData.id, {
          ...challengeData,
          skillId: skill.id,
          tubeName: tube.name,
          competenceId: competence.id,
          level: skill.level,
        } as Challenge);
        skill.challengeIds.push(challengeData.id);
      }
      framework.skills.set(skill.id, skill);
      tube.skillIds.push(skill.id);
    }
    framework.tubes.set(tube.name, tube);
    competence.tubeNames.push(tube.name);
  }
}

/** Rules a schema cannot say: indexes in range, fields and groups consistent, no duplicate keys. */
export function challengeProblems(c: ChallengeData): string[] {
  const problems: string[] = [];
  switch (c.type) {
    case 'QCU':
      if (c.answer > c.proposals.length) problems.push(`réponse ${c.answer} hors des ${c.proposals.length} propositions`);
      break;
    case 'QCM':
      if (c.answers.some((a) => a > c.proposals.length)) problems.push('réponse hors des propositions');
      if (new Set(c.answers).size !== c.answers.length) problems.push('réponse en double');
      if (c.answers.length === c.proposals.length) problems.push('toutes les propositions sont justes');
      break;
    case 'QROCM-ind':
    case 'QROCM-dep': {
      const keys = c.fields.map((f) => f.key);
      if (new Set(keys).size !== keys.length) problems.push('deux champs ont la même clé');
      if (c.type === 'QROCM-dep' && c.groups.length < c.fields.length) problems.push('moins de groupes de solutions que de champs');
      break;
    }
    case 'QROC':
      break;
  }
  if ('proposals' in c && new Set(c.proposals).size !== c.proposals.length) problems.push('deux propositions identiques');
  return problems;
}

/** Pix value of each active skill: min(4, 8 / N) with N the active skills of its competence and level. */
function assignPixValues(framework: Framework) {
  const counts = new Map<string, number>();
  const key = (s: Skill) => `${s.competenceId}:${s.level}`;
  const active = (s: Skill) => s.challengeIds.some((id) => framework.challenges.get(id)!.status === 'validated');
  for (const skill of framework.skills.values()) if (active(skill)) counts.set(key(skill), (counts.get(key(skill)) ?? 0) + 1);
  for (const skill of framework.skills.values()) {
    skill.pixValue = active(skill) ? Math.min(4, PIX_PER_LEVEL / counts.get(key(skill))!) : 0;
  }
}
