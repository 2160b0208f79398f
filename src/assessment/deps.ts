/** What every test use case is given, and the checks they share before touching a test. */
import type { Framework } from '../framework/model.js';
import { AssessmentNotFoundError, UnknownCompetenceError } from './errors.js';
import type { Assessment } from './model.js';
import type { AssessmentRepository } from './repository.js';
import { scoreCompetence, type CompetenceScore } from './scoring.js';
import type { AdaptiveStrategy, PositioningStrategy } from './strategy.js';

export interface AssessmentSettings {
  highestLevel: number;
  improveDelayDays: number;
  resetDelayDays: number;
  timerGraceSeconds: number;
  discoveryLength: number;
}

export interface AssessmentDeps {
  framework: Framework;
  assessments: AssessmentRepository;
  strategies: Record<string, AdaptiveStrategy>;
  defaultStrategy: string;
  /** The whole-profile sitting; absent, the positioning test is not offered. */
  positioning?: PositioningStrategy;
  settings: AssessmentSettings;
  clock: () => Date;
  newSeed?: () => number;
}

export function randomSeed(deps: AssessmentDeps): number {
  return deps.newSeed ? deps.newSeed() : Math.floor(Math.random() * 2 ** 31);
}

export function requireCompetence(deps: AssessmentDeps, competenceId: string): void {
  if (!deps.framework.competences.has(competenceId)) throw new UnknownCompetenceError(competenceId);
}

/** Not found and not the user's read the same, so that ids reveal nothing. */
export async function ownedAssessment(deps: AssessmentDeps, userId: string, assessmentId: string): Promise<Assessment> {
  const assessment = await deps.assessments.find(assessmentId);
  if (!assessment || assessment.userId !== userId) throw new AssessmentNotFoundError();
  return assessment;
}

export async function competenceScoreOf(deps: AssessmentDeps, userId: string, competenceId: string): Promise<CompetenceScore> {
  const knowledge = await deps.assessments.knowledge(userId, competenceId);
  return scoreCompetence({ framework: deps.framework, competenceId, knowledge: knowledge.values(), maxLevel: deps.settings.highestLevel });
}
