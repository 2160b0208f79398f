/**
 * A simulated student and a test runner: the ground on which adaptive methods are compared. The
 * runner drives a strategy exactly as the bot does (infer knowledge after each answer, score from the
 * latest element per skill), so a simulated result says something about the real one.
 */
import { isAskable, type Challenge, type Framework } from '../framework/model.js';
import { inferKnowledge, type KnowledgeElement } from '../assessment/knowledge.js';
import { scoreCompetence, type CompetenceScore } from '../assessment/scoring.js';
import type { AdaptiveStrategy, AnsweredChallenge } from '../assessment/strategy.js';

export interface SimulatedStudent {
  /** Highest level the student masters in each tube; a tube not listed is mastered at level 0. */
  trueLevelByTube: ReadonlyMap<string, number>;
  /** Probability of failing a challenge the student masters. */
  slip: number;
  /** Probability of succeeding on a challenge the student does not master. */
  guess: (c: Challenge) => number;
}

/** Knows ⇔ level ≤ true level of the tube; knows → right unless slip; doesn't → right with guess(c). */
export function simulatedAnswer(student: SimulatedStudent, challenge: Challenge, random: () => number): boolean {
  const knows = challenge.level <= (student.trueLevelByTube.get(challenge.tubeName) ?? 0);
  return knows ? random() >= student.slip : random() < student.guess(challenge);
}

/** Simulated answers get simulated dates, one second apart, so no clock is read. */
const SIMULATION_EPOCH = Date.UTC(2024, 8, 1);

export function runCompetenceTest(args: {
  framework: Framework;
  competenceId: string;
  strategy: AdaptiveStrategy;
  student: SimulatedStudent;
  random: () => number;
  maxLevel: number;
  /** Safety stop; by default the number of askable challenges, more than any non-repeating test asks. */
  maxChallenges?: number;
}): { asked: number; score: CompetenceScore; history: AnsweredChallenge[] } {
  const { framework, competenceId, strategy, student, random, maxLevel } = args;
  const maxChallenges = args.maxChallenges ?? countAskable(framework, competenceId);
  const knowledge = new Map<string, KnowledgeElement>();
  const history: AnsweredChallenge[] = [];
  while (history.length < maxChallenges) {
    const challenge = strategy.next({ framework, competenceId, history, knowledge, random });
    if (!challenge) break;
    const success = simulatedAnswer(student, challenge, random);
    history.push({ challengeId: challenge.id, skillId: challenge.skillId, status: success ? 'ok' : 'ko' });
    const now = new Date(SIMULATION_EPOCH + history.length * 1000);
    for (const element of inferKnowledge({ framework, skillId: challenge.skillId, success, current: knowledge, now })) {
      knowledge.set(element.skillId, element);
    }
  }
  const score = scoreCompetence({ framework, competenceId, knowledge: knowledge.values(), maxLevel });
  return { asked: history.length, score, history };
}

function countAskable(framework: Framework, competenceId: string): number {
  let count = 0;
  for (const c of framework.challenges.values()) if (c.competenceId === competenceId && isAskable(c)) count += 1;
  return count;
}
