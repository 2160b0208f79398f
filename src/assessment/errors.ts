/** Outcomes of the assessment use cases other than the nominal path; the chat edge maps each to a message. */
import { DomainError } from '../domain-error.js';

export class AssessmentError extends DomainError {}

export class UnknownCompetenceError extends AssessmentError {
  constructor(readonly competenceId: string) {
    super(`unknown competence ${competenceId}`);
  }
}

/** Not found, or not the user's: the same answer for both, so that ids reveal nothing. */
export class AssessmentNotFoundError extends AssessmentError {
  constructor() {
    super('assessment not found');
  }
}

/** An answer to a card that is not (or no longer) the pending challenge. */
export class ChallengeNotPendingError extends AssessmentError {
  constructor(readonly assessmentFinished: boolean) {
    super('challenge is not the pending one');
  }
}

export class CompetenceFinishedError extends AssessmentError {
  constructor(
    readonly competenceId: string,
    readonly improveInDays: number,
    readonly atHighestLevel: boolean,
  ) {
    super(`competence ${competenceId} is finished`);
  }
}

export class ImproveNotAvailableError extends AssessmentError {
  constructor(
    readonly competenceId: string,
    readonly reason: 'not_started' | 'in_progress' | 'highest_level' | 'too_early',
    readonly daysRemaining = 0,
  ) {
    super(`cannot improve ${competenceId}: ${reason}`);
  }
}

export class ResetNotAvailableError extends AssessmentError {
  constructor(
    readonly competenceId: string,
    readonly reason: 'nothing_to_reset' | 'too_early',
    readonly daysRemaining = 0,
  ) {
    super(`cannot reset ${competenceId}: ${reason}`);
  }
}

export class NoTestInProgressError extends AssessmentError {
  constructor() {
    super('no test in progress');
  }
}

/** No positioning sitting has ended yet (`running`: one is under way). */
export class NoPositioningResultError extends AssessmentError {
  constructor(readonly running: boolean) {
    super('no positioning result');
  }
}
