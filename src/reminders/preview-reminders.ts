/**
 * The operator's preview of a season: day by day, how many people each kind of reminder would go
 * to, from the state of the database today, sending nothing. A reminder already in the outbox, or
 * counted on an earlier day of the preview, is not counted again (its key goes once).
 */
import { addDays, isCalendarDay } from '../certification/window.js';
import { DomainError } from '../domain-error.js';
import type { ReminderDeps } from './deps.js';
import { planReminders, REMINDER_KINDS, type ReminderKind } from './plan.js';

export interface PreviewDay {
  date: string;
  counts: Record<ReminderKind, number>;
}

export class InvalidPreviewRangeError extends DomainError {}

export const MAX_PREVIEW_DAYS = 400;

export async function previewReminders({ from, to, deps }: { from: string; to: string; deps: ReminderDeps }): Promise<PreviewDay[]> {
  if (!isCalendarDay(from) || !isCalendarDay(to) || to < from) throw new InvalidPreviewRangeError(`Période invalide : du ${from} au ${to} (AAAA-MM-JJ, la fin après le début) / invalid range`);
  const seen = await deps.reminders.enqueuedKeys();
  const snapshot = await deps.reminders.snapshot({ day: from, framework: deps.framework, highestLevel: deps.highestLevel, certificationClasses: deps.certificationClasses });
  const days: PreviewDay[] = [];
  for (let day = from; day <= to && days.length < MAX_PREVIEW_DAYS; day = addDays(day, 1)) {
    const counts = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as Record<ReminderKind, number>;
    for (const reminder of planReminders({ day, kinds: REMINDER_KINDS, snapshot, rules: deps.rules, framework: deps.framework })) {
      if (seen.has(reminder.key)) continue;
      seen.add(reminder.key);
      counts[reminder.kind]++;
    }
    days.push({ date: day, counts });
  }
  return days;
}
