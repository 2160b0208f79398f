/**
 * What an adaptive method sees and answers. Methods are interchangeable (smart random today, a
 * calibrated one later) so the bot and the simulator run any of them the same way.
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
  prepare?(framework: Framework): void;
}
