/** The refusals of the certification season: each worded in French and English by src/i18n/certification-messages.ts. */
import { DomainError } from '../domain-error.js';

export class CertificationError extends DomainError {}

export class InvalidAccessCodeError extends CertificationError {
  constructor() {
    super('No session has this access code');
  }
}

/** The session is not today, or is finalised already. */
export class ExpiredAccessCodeError extends CertificationError {
  constructor(readonly date: string) {
    super(`The access code is for a session of ${date} that is not open now`);
  }
}

export class CandidateNotEnrolledError extends CertificationError {
  constructor() {
    super('This student is not enrolled in that session');
  }
}

export class IdentityMismatchError extends CertificationError {
  constructor() {
    super('No enrolled candidate of that session has these names and birth date');
  }
}

/** The candidate's test has ended, or another account checked in as them. */
export class SecondAttemptError extends CertificationError {
  constructor() {
    super('This candidate has already taken the certification test');
  }
}

export type SessionDateProblem = 'past' | 'outside_window' | 'invalid';

export class SessionDateError extends CertificationError {
  constructor(
    readonly problem: SessionDateProblem,
    readonly window: { from: string; to: string },
  ) {
    super(`Session date refused: ${problem}`);
  }
}

export class InvalidSessionFieldsError extends CertificationError {
  constructor(readonly fields: string[]) {
    super(`Session fields missing or too long: ${fields.join(', ')}`);
  }
}

export class SessionNotFoundError extends CertificationError {
  constructor() {
    super('No such session for this referent');
  }
}

/** A partner referent on a session that is not open to their network, or a student of another school. */
export class OutsideNetworkError extends CertificationError {
  constructor() {
    super('Only students of the school, or of a school of the same network when the session is open to it, may be enrolled');
  }
}

export class SessionClosedError extends CertificationError {
  constructor(readonly status: string) {
    super(`The session is ${status}: enrolment and check-in are closed`);
  }
}

export class AlreadyEnrolledError extends CertificationError {
  constructor() {
    super('This student is already enrolled in that session');
  }
}

export class UnknownDivisionsError extends CertificationError {
  constructor(readonly divisions: string[]) {
    super(`Unknown classes: ${divisions.join(', ')}`);
  }
}

export class NotEligibleError extends CertificationError {
  constructor(
    readonly certifiable: number,
    readonly required: number,
  ) {
    super(`Not eligible: level 1 or more in ${certifiable} competences, ${required} needed`);
  }
}

export class AlreadyFinalisedError extends CertificationError {
  constructor() {
    super('This session is finalised already');
  }
}

export class PublishBeforeFinaliseError extends CertificationError {
  constructor() {
    super('A session is published after it is finalised');
  }
}

export class AlreadyPublishedError extends CertificationError {
  constructor() {
    super('The results of this session are published already');
  }
}

export class ResultsNotPublishedError extends CertificationError {
  constructor() {
    super('The results of this session are not published yet');
  }
}

export class SessionNotHeldYetError extends CertificationError {
  constructor(readonly date: string) {
    super(`The session of ${date} has not taken place yet`);
  }
}

export class UnknownCandidateError extends CertificationError {
  constructor() {
    super('No such candidate in this session');
  }
}

export class NoteTooLongError extends CertificationError {
  constructor(readonly max: number) {
    super(`A note has at most ${max} characters`);
  }
}

/** An answer to a challenge that is not the pending one of a started test (a stale card). */
export class CertificationChallengeNotPendingError extends CertificationError {
  constructor() {
    super('This challenge is not the pending one of a certification test in progress');
  }
}
