/**
 * Generated item banks for the simulator and the latency benchmark: the real bank's shape by default
 * (16 competences, 3–4 tubes of about 4 skills between levels 1 and 6, one or two challenges per
 * skill, the real mix of types), or a large bank of a given size (16 competences × 4 tubes × levels
 * 1–8, the variants growing until the count is reached), as a bank grows in practice.
 */
import type { Challenge, Competence, Framework, Skill, Tube } from '../framework/model.js';
import type { ChallengeData } from '../framework/schema.js';
import { pickAtRandom, seededRandom } from '../assessment/random.js';

const LARGE_TUBES = 4;
const LARGE_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];
const COMPETENCE_IDS = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

export function syntheticFramework(args: { seed: number; challenges?: number }): Framework {
  const random = seededRandom(args.seed);
  const framework: Framework = { areas: [], competences: new Map(), tubes: new Map(), skills: new Map(), challenges: new Map() };
  const large = args.challenges !== undefined;
  const total = Math.max(1, args.challenges ?? 0);
  const slots = COMPETENCE_IDS.length * LARGE_TUBES * LARGE_LEVELS.length;
  COMPETENCE_IDS.forEach((id, c) => {
    const competence: Competence = { id, areaCode: id[0]!, title: { fr: id, en: id }, tubeNames: [] };
    framework.competences.set(id, competence);
    if (!framework.areas.some((a) => a.code === id[0])) framework.areas.push({ code: id[0]!, title: { fr: id[0]!, en: id[0]! }, competenceIds: [] });
    framework.areas.find((a) => a.code === id[0])!.competenceIds.push(id);
    const tubeCount = large ? LARGE_TUBES : random() < 0.25 ? 4 : 3;
    for (let t = 0; t < tubeCount; t++) {
      const tube: Tube = { name: `@synth${c}x${t}`, title: `Sujet ${id}.${t}`, competenceId: id, skillIds: [] };
      const levels = large ? LARGE_LEVELS : realisticLevels(random);
      levels.forEach((level, s) => {
        const skill: Skill = { id: `${tube.name}${level}`, tubeName: tube.name, competenceId: id, level, description: `${tube.title} niveau ${level}`, pixValue: 0, tutorials: [], challengeIds: [] };
        let variants: number;
        if (large) {
          // The requested total spread evenly over all skills (differences of floors sum exactly to it).
          const slot = (c * LARGE_TUBES + t) * LARGE_LEVELS.length + s;
          variants = Math.floor((total * (slot + 1)) / slots) - Math.floor((total * slot) / slots);
        } else variants = random() < 0.25 ? 2 : 1;
        for (let v = 0; v < variants; v++) {
          const challenge = syntheticChallenge(`s${c}-${t}-${level}-${v}`, random, skill, tube);
          framework.challenges.set(challenge.id, challenge);
          skill.challengeIds.push(challenge.id);
        }
        framework.skills.set(skill.id, skill);
        tube.skillIds.push(skill.id);
      });
      framework.tubes.set(tube.name, tube);
      competence.tubeNames.push(tube.name);
    }
  });
  assignPixValues(framework);
  return framework;
}

/** Four levels out of 1–6, always one of the first two (every tube has an easy entry). */
function realisticLevels(random: () => number): number[] {
  const levels = new Set<number>([pickAtRandom([1, 2], random)]);
  while (levels.size < 4) levels.add(1 + Math.floor(random() * 6));
  return [...levels].sort((a, b) => a - b);
}

const COMMON = {
  instruction: 'Épreuve générée pour la simulation.',
  explanation: 'Explication générée pour la simulation.',
  status: 'validated' as const,
  locales: ['fr-fr' as const],
};

/** The real bank's mix: about 60 % QCU, 15 % QCM, 20 % QROC, 5 % QROCM. */
function syntheticChallenge(id: string, random: () => number, skill: Skill, tube: Tube): Challenge {
  const placement = { skillId: skill.id, tubeName: tube.name, competenceId: skill.competenceId, level: skill.level };
  const draw = random();
  let data: ChallengeData;
  if (draw < 0.6) {
    const count = random() < 0.5 ? 3 : 4;
    data = { ...COMMON, id, type: 'QCU', proposals: Array.from({ length: count }, (_, i) => `Proposition ${i + 1}`), answer: 1 };
  } else if (draw < 0.75) {
    data = { ...COMMON, id, type: 'QCM', proposals: ['A', 'B', 'C', 'D'], answers: [1, 3] };
  } else if (draw < 0.95) {
    data = { ...COMMON, id, type: 'QROC', answers: ['réponse'], tolerances: ['T1'], format: 'word' };
  } else {
    data = {
      ...COMMON,
      id,
      type: 'QROCM-ind',
      fields: [
        { key: 'a', label: 'A', answers: ['a'] },
        { key: 'b', label: 'B', answers: ['b'] },
      ],
      tolerances: ['T1'],
      format: 'word',
    };
  }
  return { ...data, ...placement } as Challenge;
}

/** Same rule as the loader (spec §3): min(4, 8 / N), N = active skills of the competence and level. */
function assignPixValues(framework: Framework) {
  const key = (s: Skill) => `${s.competenceId}:${s.level}`;
  const counts = new Map<string, number>();
  for (const s of framework.skills.values()) if (s.challengeIds.length > 0) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  for (const s of framework.skills.values()) s.pixValue = s.challengeIds.length > 0 ? Math.min(4, 8 / counts.get(key(s))!) : 0;
}
