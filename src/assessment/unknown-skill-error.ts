import { AssessmentError } from './errors.js';

/**
 * A skill id the loaded framework does not hold: a stale id after a content change, or a bug. The
 * domain never guesses a level for it.
 */
export class UnknownSkillError extends AssessmentError {
  constructor(readonly skillId: string) {
    super(`unknown skill ${skillId}`);
  }
}
