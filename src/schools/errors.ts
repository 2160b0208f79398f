/** Outcomes of the school use cases other than the nominal path; the chat edge and the CLI word them. */
import { DomainError } from '../domain-error.js';

export class SchoolError extends DomainError {}

export class InvalidUajError extends SchoolError {
  constructor(readonly uaj: string) {
    super(`invalid UAJ ${uaj}`);
  }
}

export class SchoolExistsError extends SchoolError {
  constructor(readonly uaj: string) {
    super(`school ${uaj} exists`);
  }
}

export class UnknownSchoolError extends SchoolError {
  constructor(readonly uaj: string) {
    super(`unknown school ${uaj}`);
  }
}

/** Unknown, expired or already used: one answer for all, so that guessing learns nothing. */
export class InvalidInvitationError extends SchoolError {
  constructor() {
    super('invalid invitation code');
  }
}

/** Too many wrong codes typed within the hour: the next one is refused, right or wrong, until the wait ends. */
export class TooManyCodeAttemptsError extends SchoolError {
  constructor(readonly retryInMinutes: number) {
    super('too many code attempts');
  }
}

/** The user lacks the role the action needs (referent, teacher with campaign right…). */
export class NotAllowedError extends SchoolError {
  constructor(readonly needed: 'referent' | 'staff') {
    super(`not allowed: ${needed} only`);
  }
}

/** The user is staff of several schools and must say which. */
export class WhichSchoolError extends SchoolError {
  constructor(readonly uajs: string[]) {
    super('several schools');
  }
}

export class UnknownDivisionError extends SchoolError {
  constructor(readonly division: string) {
    super(`unknown division ${division}`);
  }
}

/** No such student in the referent's school (or in any: the answer is the same). */
export class UnknownStudentError extends SchoolError {
  constructor() {
    super('unknown student');
  }
}

/** The record has no account linked (any more): nothing to unlink. */
export class StudentNotLinkedError extends SchoolError {
  constructor(readonly firstName: string, readonly lastName: string) {
    super('student not linked');
  }
}

export class UnknownMemberError extends SchoolError {
  constructor() {
    super('unknown member');
  }
}

export type ReconciliationRefusal =
  | 'no_school'
  | 'no_match'
  | 'several_matches'
  | 'record_linked_elsewhere'
  | 'account_linked_elsewhere'
  | 'too_many_attempts'
  | 'invalid_input'
  /** Referents and teachers are not students: their account never stands for a record. */
  | 'staff_account'
  /** A referent detached this account from this record: it may not link itself back. */
  | 'unlinked_by_referent';

export class ReconciliationError extends SchoolError {
  constructor(
    readonly reason: ReconciliationRefusal,
    readonly retryInMinutes = 0,
  ) {
    super(`reconciliation refused: ${reason}`);
  }
}

export class ImportRefusedError extends SchoolError {
  constructor(
    readonly reason: 'too_big' | 'wrong_type' | 'download_failed' | 'no_school',
    /** too_big: the limit in bytes; download_failed: what went wrong. */
    readonly detail = '',
  ) {
    super(`import refused: ${reason}`);
  }
}
