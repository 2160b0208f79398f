/**
 * What an adaptive method sees and answers: the port between the test use cases (this folder) and
 * the methods (src/adaptive/), which implement it. Methods are interchangeable, so the bot and the
 * simulator run any of them the same way.
 */
import type { Challenge, Framework } from '../framework/model.js';
import type { AnswerStatus } from './answers.js';
import type { KnowledgeElement } from './knowledge.js';

export interface AnsweredChallenge {
  challengeId: string;
  skillId: string;
  status: AnswerStatus;
}

export interface AssessmentContext {
  framework: Framework;
  competenceId: string;
  /** direct answers of this test (this pass), oldest first */
  history: readonly AnsweredChallenge[];
  /** latest knowledge element per skill, including earlier passes (a skill present here is "tested") */
  knowledge: ReadonlyMap<string, KnowledgeElement>;
  /** in [0,1) */
  random: () => number;
  /** Challenges the student answered in earlier tests: a skill's unseen variants come first. */
  seen?: ReadonlySet<string>;
}

export interface AdaptiveStrategy {
  readonly name: string;
  /** null = test finished */
  next(ctx: AssessmentContext): Challenge | null;
  /**
   * Knowledge elements to record when the test ends (next() returned null), after and over those
   * inferred answer by answer, so that the score shows the method's own estimate. Methods whose
   * estimate is Pix's inference itself (smart random) have none.
   */
  conclude?(ctx: AssessmentContext, now: Date): KnowledgeElement[];
  /**
   * Work that depends on the bank only, done at start-up so that no student waits for it (a method
   * does it on first use otherwise).
   */
  prepare?(framework: Framework, competenceId?: string): void;
}

/** A method's estimate of one competence, in Pix's units, with its uncertainty. */
export interface CompetenceEstimate {
  /** The level the student will see: the most probable one. */
  level: number;
  /** Pix of the knowledge elements that give that level. */
  pix: number;
  /** P(level = L), L = 0 … highest level. */
  levelProbabilities: number[];
  /** P(level = shown level). */
  confidence: number;
  pixMean: number;
  pixSd: number;
  /** The state chosen for each tube (highest level counted as mastered). */
  states: number[];
}

/** What the positioning test reads of a sitting: the answers so far (any competence), and a random source. */
export interface PositioningContext {
  framework: Framework;
  history: readonly AnsweredChallenge[];
  random: () => number;
  /** Challenges the student answered in earlier tests: a skill's unseen variants come first. */
  seen?: ReadonlySet<string>;
}

export interface PositioningStrategy {
  readonly name: string;
  /** The sitting asks at most this many challenges ("Question 12 sur 48 au plus"). */
  readonly maxLength: number;
  next(ctx: PositioningContext): Challenge | null;
  /** The estimate of every competence, in Pix's units, with its uncertainty. */
  estimate(ctx: PositioningContext): Map<string, CompetenceEstimate>;
  /** Knowledge elements that give each competence its estimated level (all competences together). */
  conclude(ctx: PositioningContext & { knowledge: ReadonlyMap<string, KnowledgeElement> }, now: Date): KnowledgeElement[];
}
