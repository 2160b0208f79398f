/** A test as the use cases see it, and its stored answers. */
import type { AnswerStatus } from './answers.js';
import type { KnowledgeElement } from './knowledge.js';
import type { AnsweredChallenge } from './strategy.js';

/** positioning: the whole-profile sitting over the 16 competences (its result is its own, not the profile's). */
export type AssessmentKind = 'competence' | 'discovery' | 'positioning';

/**
 * reset: the student wiped the competence; a new test starts from nothing. abandoned: a duplicate
 * running test, set aside when migration 005 kept one per student and competence (or sitting).
 */
export type AssessmentState = 'started' | 'completed' | 'reset' | 'abandoned';

export interface Assessment {
  id: string;
  userId: string;
  kind: AssessmentKind;
  competenceId: string | null;
  state: AssessmentState;
  strategy: string;
  pass: number;
  pendingChallengeId: string | null;
  pendingSince: Date | null;
  pendingActivityId: string | null;
  seed: number;
  createdAt: Date;
  completedAt: Date | null;
}

export interface StoredAnswer extends AnsweredChallenge {
  id: string;
  value: string;
  activityId: string | null;
  createdAt: Date;
}

/** An answer to record with its knowledge and the next pending challenge (`recordAnswer`). */
export interface NewAnswer {
  assessment: Assessment;
  challengeId: string;
  skillId: string;
  competenceId: string | null;
  value: string;
  status: AnswerStatus;
  elapsedSeconds: number | null;
  activityId: string | null;
  knowledge: KnowledgeElement[];
  next: { challengeId: string } | null;
  now: Date;
}
