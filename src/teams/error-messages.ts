/** The one map from domain errors to what the user reads. Anything not listed is unexpected. */
import { EmptyAnswerError, InvalidAnswerError } from '../assessment/answers.js';
import {
  AssessmentNotFoundError,
  ChallengeNotPendingError,
  CompetenceFinishedError,
  ImproveNotAvailableError,
  NoTestInProgressError,
  ResetNotAvailableError,
  UnknownCompetenceError,
} from '../assessment/errors.js';
import type { Messages } from '../i18n/messages.js';
import { MissingCompetenceError } from './handlers.js';

export function userMessageFor(error: unknown, t: Messages): string | null {
  if (error instanceof UnknownCompetenceError) return t.errUnknownCompetence(error.competenceId);
  if (error instanceof MissingCompetenceError) return t.errMissingCompetence;
  if (error instanceof AssessmentNotFoundError) return t.errNotFound;
  if (error instanceof ChallengeNotPendingError) return error.assessmentFinished ? t.errTestFinished : t.errNotPending;
  if (error instanceof EmptyAnswerError) return t.errEmptyAnswer;
  if (error instanceof InvalidAnswerError) {
    return { too_long: t.errTooLong, unknown_choice: t.errUnknownChoice, malformed: t.errMalformedAnswer }[error.reason];
  }
  if (error instanceof CompetenceFinishedError) return t.errFinished(error.competenceId, error.improveInDays, error.atHighestLevel);
  if (error instanceof ImproveNotAvailableError) {
    const id = error.competenceId;
    return {
      not_started: t.errImproveNotStarted(id),
      in_progress: t.errImproveInProgress(id),
      highest_level: t.errImproveHighest(id),
      too_early: t.errImproveTooEarly(id, error.daysRemaining),
    }[error.reason];
  }
  if (error instanceof ResetNotAvailableError) {
    return error.reason === 'too_early' ? t.errResetTooEarly(error.competenceId, error.daysRemaining) : t.errResetNothing(error.competenceId);
  }
  if (error instanceof NoTestInProgressError) return t.errNoTest;
  return null;
}
