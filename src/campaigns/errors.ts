/** Outcomes of the campaign use cases other than the nominal path; each edge words them for its users. */
import { DomainError } from '../domain-error.js';

export class CampaignError extends DomainError {}

/** Unknown, or not the user's to see: the same answer for both, so that ids reveal nothing. */
export class CampaignNotFoundError extends CampaignError {
  constructor() {
    super('campaign not found');
  }
}

/** The user is not staff of a school with the right to create campaigns. */
export class NoCampaignRightError extends CampaignError {
  constructor() {
    super('no right to create campaigns');
  }
}

export class UnknownCompetencesError extends CampaignError {
  constructor(readonly codes: string[]) {
    super(`unknown competences ${codes.join(', ')}`);
  }
}

/** An assessment needs at least one competence (or a ready-made target). */
export class NoTargetError extends CampaignError {
  constructor() {
    super('no competence targeted');
  }
}

export class UnknownTargetError extends CampaignError {
  constructor(readonly targetName: string) {
    super(`unknown target ${targetName}`);
  }
}

export class NoDivisionsError extends CampaignError {
  constructor() {
    super('no class targeted');
  }
}

export class UnknownDivisionsError extends CampaignError {
  constructor(readonly divisions: string[]) {
    super(`unknown classes ${divisions.join(', ')}`);
  }
}

export type CampaignField = 'name' | 'title' | 'landingText' | 'externalIdLabel' | 'deadline' | 'level';

/** A field out of its bounds: empty name, title over 50 characters, landing text over 5000, a past or malformed deadline… */
export class InvalidCampaignFieldError extends CampaignError {
  constructor(
    readonly field: CampaignField,
    readonly limit: number | null = null,
  ) {
    super(`invalid campaign field ${field}`);
  }
}

export type CampaignLineProblem = 'no_name' | 'unclosed_quote' | 'unknown_word' | 'no_date' | 'bad_date' | 'bad_level';

/** The one-line form could not be read. */
export class CampaignLineError extends CampaignError {
  constructor(
    readonly problem: CampaignLineProblem,
    readonly word: string | null = null,
  ) {
    super(`campaign line: ${problem}${word ? ` (${word})` : ''}`);
  }
}

/** No campaign has this code (or what was typed cannot be a code). */
export class UnknownCampaignCodeError extends CampaignError {
  constructor(readonly typed: string) {
    super('unknown campaign code');
  }
}

export class CampaignArchivedError extends CampaignError {
  constructor(readonly campaignName: string) {
    super('campaign archived');
  }
}

/** The account is linked to no active record of the campaign's school. */
export class NotStudentOfSchoolError extends CampaignError {
  constructor(readonly reason: 'not_linked' | 'other_school') {
    super(`not a student of the school: ${reason}`);
  }
}

/** The record left the school (disabled by an import): it cannot start a campaign. */
export class DisabledStudentError extends CampaignError {
  constructor() {
    super('student disabled');
  }
}

/** Not found, or not the user's. */
export class ParticipationNotFoundError extends CampaignError {
  constructor() {
    super('participation not found');
  }
}

export class NotFinishedError extends CampaignError {
  constructor(readonly progress: number) {
    super('participation not finished');
  }
}

export class AlreadySharedError extends CampaignError {
  constructor(readonly sharedAt: Date) {
    super('results already shared');
  }
}

export class PushRunningError extends CampaignError {
  constructor(readonly pending: number) {
    super('a push is running');
  }
}

export class RemindTooSoonError extends CampaignError {
  constructor(readonly hoursToWait: number) {
    super('reminded less than a day ago');
  }
}

export class RetryNotAvailableError extends CampaignError {
  constructor(
    readonly reason: 'single_sending' | 'not_shared' | 'too_early' | 'mastered',
    readonly daysRemaining = 0,
  ) {
    super(`retry not available: ${reason}`);
  }
}

/** The target cannot change once a student joined: their results would mean something else. */
export class TargetLockedError extends CampaignError {
  constructor(readonly participants: number) {
    super('target locked by participants');
  }
}

/** The form's values are not the form's (another card's, or tampered with): nothing is read of them. */
export class UnreadableFormError extends CampaignError {
  constructor() {
    super('campaign form unreadable');
  }
}
