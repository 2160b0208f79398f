/** The one map from domain errors to what the user reads. Anything not listed is unexpected. */
import { EmptyAnswerError, InvalidAnswerError } from '../assessment/answers.js';
import {
  AssessmentNotFoundError,
  ChallengeNotPendingError,
  CompetenceFinishedError,
  ImproveNotAvailableError,
  NoPositioningResultError,
  NoTestInProgressError,
  ResetNotAvailableError,
  UnknownCompetenceError,
} from '../assessment/errors.js';
import { campaignErrorText } from '../i18n/campaign-error-messages.js';
import type { Messages } from '../i18n/messages.js';
import { CertificationError } from '../certification/errors.js';
import { certificationErrorText } from '../i18n/certification-errors.js';
import { UnknownLanguageError } from './account-handlers.js';
import { MissingCompetenceError } from './assessment-handlers.js';
import { MissingCodeError, UnknownImportError } from './school-handlers.js';
import {
  ImportRefusedError,
  InvalidInvitationError,
  InvalidUajError,
  NotAllowedError,
  ReconciliationError,
  StudentNotLinkedError,
  TooManyCodeAttemptsError,
  UnknownDivisionError,
  UnknownMemberError,
  UnknownStudentError,
  WhichSchoolError,
} from '../schools/errors.js';

export function userMessageFor(error: unknown, t: Messages): string | null {
  if (error instanceof CertificationError) return certificationErrorText(error, t.certification);
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
  if (error instanceof NoPositioningResultError) return error.running ? t.positioningNoResultYet : t.positioningNoResult;
  if (error instanceof UnknownLanguageError) return t.account.errUnknownLanguage(error.word);
  return schoolMessageFor(error, t) ?? campaignErrorText(t.campaign.errors, error);
}

function schoolMessageFor(error: unknown, t: Messages): string | null {
  const s = t.school;
  if (error instanceof MissingCodeError) return s.errMissingCode;
  if (error instanceof UnknownImportError) return s.errUnknownImport;
  if (error instanceof InvalidInvitationError) return s.errInvalidCode;
  if (error instanceof NotAllowedError) return error.needed === 'referent' ? s.errNotReferent : s.errNotStaff;
  if (error instanceof WhichSchoolError) return s.errWhichSchool(error.uajs);
  if (error instanceof UnknownDivisionError) return s.errUnknownDivision(error.division);
  if (error instanceof UnknownMemberError) return s.errUnknownMember;
  if (error instanceof UnknownStudentError) return s.errUnknownStudent;
  if (error instanceof StudentNotLinkedError) return s.errStudentNotLinked(error.firstName, error.lastName);
  if (error instanceof InvalidUajError) return s.errInvalidUaj(error.uaj);
  if (error instanceof TooManyCodeAttemptsError) return s.errTooManyCodes(error.retryInMinutes);
  if (error instanceof ReconciliationError) return error.reason === 'too_many_attempts' ? s.errTooManyLinks(error.retryInMinutes) : s.errLink[error.reason];
  if (error instanceof ImportRefusedError) {
    if (error.reason === 'too_big') return s.errFileTooBig(Math.round(Number(error.detail) / (1024 * 1024)));
    return s.errDownload;
  }
  return null;
}
