/**
 * Plays simulated students against several methods in one run, with the same students, the same
 * answer draws and the same seeds, and measures each method against the students' true scores.
 * A test is driven exactly as the bot drives it: next() each turn, Pix's inference after each
 * answer, the method's conclusion (if any) at the end, scoreCompetence over the latest elements.
 */
import type { Framework } from '../framework/model.js';
import { inferKnowledge, type KnowledgeElement } from '../assessment/knowledge.js';
import { seededRandom } from '../assessment/random.js';
import { announcedLevelUp } from '../assessment/level-up.js';
import { scoreCompetence } from '../assessment/scoring.js';
import { answersRight, drawStudent, mix, trueScore, type NoiseSetting, type PopulationSettings, type ProfileStudent } from './simulated-population.js';
import type { AdaptiveStrategy, AnsweredChallenge } from '../assessment/strategy.js';

/** Simulated dates, one second apart: no clock is read. */
const EPOCH = Date.UTC(2024, 8, 1);
/** A method that never stops is cut here; no method under test comes close. */
const RUNAWAY_GUARD = 200;

export interface PlayedTest {
  asked: number;
  level: number;
  pix: number;
  history: AnsweredChallenge[];
  /** Highest level announced during the test ("Niveau N atteint", as the bot decides it); null: none. */
  announced: number | null;
  /** The latest element per skill at the end, the method's conclusion included. */
  knowledge: Map<string, KnowledgeElement>;
}

export function playTest(args: {
  framework: Framework;
  competenceId: string;
  strategy: AdaptiveStrategy;
  student: ProfileStudent;
  seed: number;
  highestLevel: number;
}): PlayedTest {
  const { framework, competenceId, strategy, student, seed, highestLevel } = args;
  const knowledge = new Map<string, KnowledgeElement>();
  const history: AnsweredChallenge[] = [];
  const contextAt = (turn: number) => ({ framework, competenceId, history, knowledge, random: seededRandom(mix(seed, turn)) });
  let announced: number | null = null;
  const announce = (before: ReadonlyMap<string, KnowledgeElement>, finished: boolean) => {
    const up = announcedLevelUp({ framework, competenceId, highestLevel, strategy, before, after: knowledge, finished, startedAt: new Date(EPOCH) });
    if (up) announced = Math.max(announced ?? 0, up.to);
  };
  let challenge = strategy.next(contextAt(0));
  while (challenge && history.length < RUNAWAY_GUARD) {
    const before = new Map(knowledge);
    const success = answersRight(student, challenge);
    history.push({ challengeId: challenge.id, skillId: challenge.skillId, status: success ? 'ok' : 'ko' });
    const now = new Date(EPOCH + history.length * 1000);
    for (const e of inferKnowledge({ framework, skillId: challenge.skillId, success, current: knowledge, now })) knowledge.set(e.skillId, e);
    challenge = history.length < RUNAWAY_GUARD ? strategy.next(contextAt(history.length)) : null;
    // As the bot does: the conclusion is written with the last answer, and the level announced then.
    if (!challenge) for (const e of strategy.conclude?.(contextAt(history.length), new Date(EPOCH + (history.length + 1) * 1000)) ?? []) knowledge.set(e.skillId, e);
    announce(before, !challenge);
  }
  const score = scoreCompetence({ framework, competenceId, knowledge: knowledge.values(), maxLevel: highestLevel });
  return { asked: history.length, level: score.level, pix: score.pix, history, announced, knowledge };
}

export interface Figures {
  strategy: string;
  tests: number;
  meanAsked: number;
  p90Asked: number;
  /** Share of tests whose level is the true one. */
  exactRate: number;
  meanLevelError: number;
  meanPixError: number;
  /** Share of tests off by 2 levels or more. */
  offByTwoRate: number;
  /** Tests that announced a level ("Niveau N atteint") above the level they ended at: must be 0. */
  takenBack: number;
}

export interface TestOutcome {
  asked: number;
  level: number;
  pix: number;
  trueLevel: number;
  truePix: number;
  /** Highest level announced during the test, if any. */
  announced?: number | null;
}

export function figuresOf(strategy: string, outcomes: readonly TestOutcome[]): Figures {
  const n = Math.max(outcomes.length, 1);
  const asked = outcomes.map((o) => o.asked).sort((a, b) => a - b);
  const sum = (f: (o: TestOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  return {
    strategy,
    tests: outcomes.length,
    meanAsked: sum((o) => o.asked) / n,
    p90Asked: asked.length ? asked[Math.min(asked.length - 1, Math.ceil(0.9 * asked.length) - 1)]! : 0,
    exactRate: sum((o) => (o.level === o.trueLevel ? 1 : 0)) / n,
    meanLevelError: sum((o) => Math.abs(o.level - o.trueLevel)) / n,
    meanPixError: sum((o) => Math.abs(o.pix - o.truePix)) / n,
    offByTwoRate: sum((o) => (Math.abs(o.level - o.trueLevel) >= 2 ? 1 : 0)) / n,
    takenBack: sum((o) => (o.announced != null && o.announced > o.level ? 1 : 0)),
  };
}

export interface Cohort {
  students: ProfileStudent[];
  /** Competence of each student's test (round robin, so every competence gets its share). */
  competences: string[];
}

/** The same cohort for every method and noise setting: only the noise differs between settings. */
export function cohort(args: { framework: Framework; population: PopulationSettings; noise: NoiseSetting; students: number; seed: number }): Cohort {
  const { framework, population, noise, students, seed } = args;
  return {
    students: Array.from({ length: students }, (_, id) => drawStudent({ framework, population, noise, id, seed })),
    competences: testedCompetences(framework, students),
  };
}

/** The competence each student of a cohort is tested on: every competence that has tubes, in turn. */
export function testedCompetences(framework: Framework, students: number): string[] {
  const ids = [...framework.competences.keys()].filter((id) => (framework.competences.get(id)?.tubeNames.length ?? 0) > 0);
  return Array.from({ length: students }, (_, i) => ids[i % ids.length]!);
}

export function runCohort(args: { framework: Framework; strategy: AdaptiveStrategy; cohort: Cohort; seed: number; highestLevel: number }): TestOutcome[] {
  const { framework, strategy, cohort: c, seed, highestLevel } = args;
  return c.students.map((student, i) => {
    const competenceId = c.competences[i]!;
    const played = playTest({ framework, competenceId, strategy, student, seed: mix(seed, i, 7919), highestLevel });
    const truth = trueScore(framework, student, competenceId, highestLevel);
    return { asked: played.asked, level: played.level, pix: played.pix, trueLevel: truth.level, truePix: truth.pix, announced: played.announced };
  });
}
