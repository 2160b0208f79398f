/**
 * Small synthetic frameworks and challenges, so assessment tests say exactly what bank they run on
 * and do not move when the real content changes.
 */
import type { ChallengeData } from '../../src/framework/schema.js';
import type { Challenge, Competence, Framework, Skill, Tube } from '../../src/framework/model.js';

type DataOf<T extends ChallengeData['type']> = Extract<ChallengeData, { type: T }>;
type Placement = Pick<Challenge, 'skillId' | 'tubeName' | 'competenceId' | 'level'>;
type Overrides<T extends ChallengeData['type']> = Partial<Omit<DataOf<T>, 'type'>> & Partial<Placement>;

const common = {
  instruction: 'Consigne de test, assez longue.',
  explanation: 'Explication de test, assez longue.',
  status: 'validated' as const,
  locales: ['fr-fr' as const],
};
const placement: Placement = { skillId: '@sujet1', tubeName: '@sujet', competenceId: '1.1', level: 1 };
const textOptions = { tolerances: [], format: 'word' as const };

export function qcu(o: Overrides<'QCU'> = {}): Challenge {
  return { ...common, ...placement, id: 'qcu', type: 'QCU', proposals: ['un', 'deux', 'trois'], answer: 2, ...o };
}

export function qcm(o: Overrides<'QCM'> = {}): Challenge {
  return { ...common, ...placement, id: 'qcm', type: 'QCM', proposals: ['un', 'deux', 'trois', 'quatre'], answers: [1, 3], ...o };
}

export function qroc(o: Overrides<'QROC'> = {}): Challenge {
  return { ...common, ...placement, ...textOptions, id: 'qroc', type: 'QROC', answers: ['Paris'], ...o };
}

export function qrocmInd(o: Overrides<'QROCM-ind'> = {}): Challenge {
  return {
    ...common,
    ...placement,
    ...textOptions,
    id: 'qrocm-ind',
    type: 'QROCM-ind',
    fields: [
      { key: 'capitale', label: 'Capitale', answers: ['Paris'] },
      { key: 'fleuve', label: 'Fleuve', answers: ['Seine', 'la Seine'] },
    ],
    ...o,
  };
}

export function qrocmDep(o: Overrides<'QROCM-dep'> = {}): Challenge {
  return {
    ...common,
    ...placement,
    ...textOptions,
    id: 'qrocm-dep',
    type: 'QROCM-dep',
    fields: [
      { key: 'c1', label: 'Couleur 1' },
      { key: 'c2', label: 'Couleur 2' },
    ],
    groups: [['rouge'], ['vert'], ['bleu']],
    ...o,
  };
}

export interface TubeSpec {
  name: string;
  levels: number[];
  /** Levels whose challenges all have a timer. */
  timedLevels?: number[];
  /** Levels whose challenges are drafts (never asked, no pix). */
  draftLevels?: number[];
  /** Challenges per skill (variants); 1 by default. */
  variants?: number;
}

export interface CompetenceSpec {
  id: string;
  tubes: TubeSpec[];
}

/** A framework of QCU challenges whose right answer is always 1, with pix values as the loader sets them. */
export function buildFramework(...competences: CompetenceSpec[]): Framework {
  const framework: Framework = { areas: [], competences: new Map(), tubes: new Map(), skills: new Map(), challenges: new Map() };
  for (const spec of competences) {
    const competence: Competence = { id: spec.id, areaCode: spec.id[0]!, title: { fr: spec.id, en: spec.id }, tubeNames: [] };
    framework.competences.set(spec.id, competence);
    for (const tubeSpec of spec.tubes) addTube(framework, competence, tubeSpec);
  }
  assignPixValues(framework);
  return framework;
}

function addTube(framework: Framework, competence: Competence, spec: TubeSpec) {
  const tube: Tube = { name: spec.name, title: spec.name, competenceId: competence.id, skillIds: [] };
  for (const level of [...spec.levels].sort((a, b) => a - b)) {
    const skill: Skill = {
      id: `${spec.name}${level}`,
      tubeName: spec.name,
      competenceId: competence.id,
      level,
      description: `${spec.name} niveau ${level}`,
      pixValue: 0,
      tutorials: [],
      challengeIds: [],
    };
    for (let v = 1; v <= (spec.variants ?? 1); v++) {
      const id = `${spec.name.slice(1).toLowerCase()}-${level}-${v}`;
      framework.challenges.set(
        id,
        qcu({
          id,
          skillId: skill.id,
          tubeName: tube.name,
          competenceId: competence.id,
          level,
          answer: 1,
          status: spec.draftLevels?.includes(level) ? 'draft' : 'validated',
          ...(spec.timedLevels?.includes(level) ? { timer: 30 } : {}),
        }),
      );
      skill.challengeIds.push(id);
    }
    framework.skills.set(skill.id, skill);
    tube.skillIds.push(skill.id);
  }
  framework.tubes.set(tube.name, tube);
  competence.tubeNames.push(tube.name);
}

/** Same rule as the loader (spec §3): min(4, 8 / N), N = active skills of the competence and level. */
function assignPixValues(framework: Framework) {
  const active = (s: Skill) => s.challengeIds.some((id) => framework.challenges.get(id)?.status === 'validated');
  const key = (s: Skill) => `${s.competenceId}:${s.level}`;
  const counts = new Map<string, number>();
  for (const s of framework.skills.values()) if (active(s)) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  for (const s of framework.skills.values()) s.pixValue = active(s) ? Math.min(4, 8 / counts.get(key(s))!) : 0;
}

/** Three tubes with every level from 1 to 6: each level is worth exactly 8 pix. */
export function regularCompetence(id = '1.1', levels = [1, 2, 3, 4, 5, 6]): CompetenceSpec {
  return { id, tubes: ['@alpha', '@beta', '@gamma'].map((name) => ({ name: `${name}${id.replace('.', '')}`, levels })) };
}

/** A student who masters every tube of the framework up to `level`, never slips and never guesses. */
export function perfectStudent(framework: Framework, level: number) {
  return {
    trueLevelByTube: new Map([...framework.tubes.keys()].map((name) => [name, level])),
    slip: 0,
    guess: () => 0,
  };
}
