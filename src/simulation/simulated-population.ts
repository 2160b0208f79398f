/**
 * Simulated students for comparing methods. A student has a general ability; each competence
 * deviates from it (competences are correlated, not identical); each tube deviates from its
 * competence; the student masters a tube up to a whole level (Guttman order, as Pix assumes). Noise
 * is on top: a slip on a mastered challenge, a guess on another, whose rate depends on the type.
 *
 * Answers use common random numbers: the draw for (student, challenge) is fixed, so two methods
 * asking the same challenge of the same student get the same answer. Differences between methods
 * then come from the methods, not from luck.
 */
import { PIX_PER_LEVEL, type Challenge, type Framework } from '../framework/model.js';
import { guessRate } from '../adaptive/item-parameters.js';
import { seededRandom } from '../assessment/random.js';

export interface PopulationSettings {
  /** Mean and sd of a competence's ability, in levels (a level-3 student masters level 3, not 4). */
  abilityMean: number;
  abilitySd: number;
  /** Correlation between two competences of the same student. */
  correlation: number;
  /** Sd of a tube's level around its competence's ability. */
  tubeSpread: number;
}

export const DEFAULT_POPULATION: PopulationSettings = { abilityMean: 2.5, abilitySd: 1.3, correlation: 0.6, tubeSpread: 0.8 };

export interface NoiseSetting {
  name: string;
  slip: number;
  /** Multiplies the guess rate of the challenge type (0: never guesses right, 1: realistic). */
  guessFactor: number;
  /**
   * Mastery out of order: each skill is mastered on its own, with a probability that falls with its
   * level (a student may know a hard skill of a tube and miss an easier one), instead of every
   * skill up to the tube's level.
   */
  unordered?: boolean;
}

export const NOISE_SETTINGS: Record<string, NoiseSetting> = {
  none: { name: 'none', slip: 0, guessFactor: 0 },
  'slip-0.1': { name: 'slip-0.1', slip: 0.1, guessFactor: 1 },
  'slip-0.2': { name: 'slip-0.2', slip: 0.2, guessFactor: 1 },
  unordered: { name: 'unordered', slip: 0, guessFactor: 0, unordered: true },
  'unordered-slip-0.1': { name: 'unordered-slip-0.1', slip: 0.1, guessFactor: 1, unordered: true },
};

/**
 * Unordered mastery: P(skill of level d mastered) = σ(UNORDERED_SLOPE · (tube ability + ½ − d)).
 * A tube ability of 3 masters a level-3 skill 2 times in 3, a level-1 skill almost always, a level-5
 * one once in 10: the order of levels still holds on average, not skill by skill.
 */
const UNORDERED_SLOPE = 1.5;

export interface ProfileStudent {
  id: number;
  /** Ability per competence. */
  abilities: Map<string, number>;
  /** Highest level mastered per tube (0: none). */
  trueLevelByTube: Map<string, number>;
  /** Unordered mastery only: the skills mastered (trueLevelByTube is then unused). */
  mastered?: Set<string>;
  noise: NoiseSetting;
  /** Seed of this student's answer draws. */
  seed: number;
}

/** Standard normal draw (Box–Muller) from a uniform source. */
export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A whole profile: general ability g, competence = g + own part, tube = round(competence + own part). */
export function drawStudent(args: { framework: Framework; population: PopulationSettings; noise: NoiseSetting; id: number; seed: number }): ProfileStudent {
  const { framework, population, noise, id } = args;
  const random = seededRandom(mix(args.seed, id, 0x51ed));
  const sharedSd = population.abilitySd * Math.sqrt(population.correlation);
  const ownSd = population.abilitySd * Math.sqrt(1 - population.correlation);
  const general = population.abilityMean + sharedSd * gaussian(random);
  const abilities = new Map<string, number>();
  const trueLevelByTube = new Map<string, number>();
  const mastered = new Set<string>();
  for (const competence of framework.competences.values()) {
    const ability = general + ownSd * gaussian(random);
    abilities.set(competence.id, ability);
    for (const tube of competence.tubeNames) {
      const tubeAbility = ability + population.tubeSpread * gaussian(random);
      trueLevelByTube.set(tube, Math.min(8, Math.max(0, Math.round(tubeAbility))));
      if (!noise.unordered) continue;
      for (const skillId of framework.tubes.get(tube)?.skillIds ?? []) {
        const level = framework.skills.get(skillId)?.level ?? 0;
        if (random() < 1 / (1 + Math.exp(-UNORDERED_SLOPE * (tubeAbility + 0.5 - level)))) mastered.add(skillId);
      }
    }
  }
  const student: ProfileStudent = { id, abilities, trueLevelByTube, noise, seed: mix(args.seed, id, 0xa11ce) };
  return noise.unordered ? { ...student, mastered } : student;
}

/** A 32-bit hash of a few integers, to derive independent seeds. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The student's fixed draw in [0, 1) for one challenge. */
export function answerDraw(student: ProfileStudent, challengeId: string): number {
  return seededRandom(mix(student.seed, hashString(challengeId)))();
}

export function masters(student: ProfileStudent, skill: { id: string; level: number; tubeName: string }): boolean {
  return student.mastered ? student.mastered.has(skill.id) : skill.level <= (student.trueLevelByTube.get(skill.tubeName) ?? 0);
}

/** Knows ⇔ the skill is mastered; knows → right unless slip; does not → right with the type's guess rate. */
export function answersRight(student: ProfileStudent, challenge: Challenge): boolean {
  const knows = masters(student, { id: challenge.skillId, level: challenge.level, tubeName: challenge.tubeName });
  const draw = answerDraw(student, challenge.id);
  return knows ? draw >= student.noise.slip : draw < guessRate(challenge) * student.noise.guessFactor;
}

/** The score a flawless, complete test would give: the pix of every mastered skill. */
export function trueScore(framework: Framework, student: ProfileStudent, competenceId: string, highestLevel: number): { level: number; pix: number } {
  let earned = 0;
  for (const tubeName of framework.competences.get(competenceId)?.tubeNames ?? []) {
    for (const skillId of framework.tubes.get(tubeName)?.skillIds ?? []) {
      const skill = framework.skills.get(skillId);
      if (skill && masters(student, skill)) earned += skill.pixValue;
    }
  }
  return {
    level: Math.min(Math.floor((earned + 1e-9) / PIX_PER_LEVEL), highestLevel),
    pix: Math.min(Math.floor(earned + 1e-9), PIX_PER_LEVEL * highestLevel),
  };
}
