/** What the reminder use cases are given. */
import type { Framework } from '../framework/model.js';
import type { Outbox } from '../notifications/outbox.js';
import type { SendingRules } from './holidays.js';
import type { ReminderRepository } from './reminder-repository.js';

export interface ReminderDeps {
  framework: Framework;
  reminders: ReminderRepository;
  outbox: Outbox;
  wakeOutbox: () => void;
  rules: SendingRules;
  highestLevel: number;
  /** Divisions whose students are nudged (the seed: 3e and terminale). */
  certificationClasses: RegExp;
  clock: () => Date;
}
