/**
 * The positioning test on simulated students: one sitting per student, every competence estimated,
 * compared with the student's true profile; beside it, the cost and accuracy of sixteen separate
 * competence tests by a given method, for the same students.
 */
import type { Framework } from '../framework/model.js';
import type { PositioningStrategy } from '../assessment/strategy.js';
import { seededRandom } from '../assessment/random.js';
import { answersRight, drawStudent, mix, trueScore, type NoiseSetting, type PopulationSettings, type ProfileStudent } from './simulated-population.js';
import { playTest } from './simulator.js';
import type { AdaptiveStrategy, AnsweredChallenge } from '../assessment/strategy.js';

export interface ProfileFigures {
  method: string;
  students: number;
  /** Challenges per student for the whole profile. */
  meanAsked: number;
  maxAsked: number;
  /** Over (student, competence) pairs. */
  withinOneRate: number;
  exactRate: number;
  meanLevelError: number;
  /** Share of students whose 16 levels are all within one of the truth. */
  allWithinOneRate: number;
}

interface PairOutcome {
  level: number;
  trueLevel: number;
}

function figures(method: string, asked: number[], perStudent: PairOutcome[][]): ProfileFigures {
  const pairs = perStudent.flat();
  const n = Math.max(pairs.length, 1);
  return {
    method,
    students: perStudent.length,
    meanAsked: asked.reduce((a, b) => a + b, 0) / Math.max(asked.length, 1),
    maxAsked: Math.max(0, ...asked),
    withinOneRate: pairs.filter((p) => Math.abs(p.level - p.trueLevel) <= 1).length / n,
    exactRate: pairs.filter((p) => p.level === p.trueLevel).length / n,
    meanLevelError: pairs.reduce((s, p) => s + Math.abs(p.level - p.trueLevel), 0) / n,
    allWithinOneRate: perStudent.filter((ps) => ps.every((p) => Math.abs(p.level - p.trueLevel) <= 1)).length / Math.max(perStudent.length, 1),
  };
}

export function profileCohort(args: { framework: Framework; population: PopulationSettings; noise: NoiseSetting; students: number; seed: number }): ProfileStudent[] {
  return Array.from({ length: args.students }, (_, id) => drawStudent({ ...args, id }));
}

export function playPositioning(args: { framework: Framework; strategy: PositioningStrategy; student: ProfileStudent; seed: number }) {
  const { framework, strategy, student, seed } = args;
  const history: AnsweredChallenge[] = [];
  for (;;) {
    const challenge = strategy.next({ framework, history, random: seededRandom(mix(seed, history.length)) });
    if (!challenge) break;
    history.push({ challengeId: challenge.id, skillId: challenge.skillId, status: answersRight(student, challenge) ? 'ok' : 'ko' });
  }
  return { history, estimates: strategy.estimate({ framework, history, random: seededRandom(seed) }) };
}

export function simulatePositioning(args: {
  framework: Framework;
  strategy: PositioningStrategy;
  students: readonly ProfileStudent[];
  seed: number;
  highestLevel: number;
}): ProfileFigures {
  const { framework, strategy, students, seed, highestLevel } = args;
  const asked: number[] = [];
  const outcomes = students.map((student, i) => {
    const { history, estimates } = playPositioning({ framework, strategy, student, seed: mix(seed, i, 31) });
    asked.push(history.length);
    return [...estimates].map(([id, e]) => ({ level: e.level, trueLevel: trueScore(framework, student, id, highestLevel).level }));
  });
  return figures(strategy.name, asked, outcomes);
}

/** Sixteen separate competence tests by one method, for the same students. */
export function simulateSeparateTests(args: {
  framework: Framework;
  strategy: AdaptiveStrategy;
  students: readonly ProfileStudent[];
  seed: number;
  highestLevel: number;
}): ProfileFigures {
  const { framework, strategy, students, seed, highestLevel } = args;
  const ids = [...framework.competences.keys()].filter((id) => (framework.competences.get(id)?.tubeNames.length ?? 0) > 0);
  const asked: number[] = [];
  const outcomes = students.map((student, i) => {
    let total = 0;
    const pairs = ids.map((competenceId, c) => {
      const played = playTest({ framework, competenceId, strategy, student, seed: mix(seed, i, c, 47), highestLevel });
      total += played.asked;
      return { level: played.level, trueLevel: trueScore(framework, student, competenceId, highestLevel).level };
    });
    asked.push(total);
    return pairs;
  });
  return figures(`16 × ${strategy.name}`, asked, outcomes);
}
