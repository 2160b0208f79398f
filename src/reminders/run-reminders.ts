/** A reminder job's run: today's reminders of its kinds, each enqueued once (its key) in the outbox. */
import { parisDay } from '../certification/window.js';
import type { ReminderDeps } from './deps.js';
import { planReminders, type ReminderKind } from './plan.js';

export async function runReminders({ kinds, deps }: { kinds: readonly ReminderKind[]; deps: ReminderDeps }): Promise<{ planned: number; enqueued: number }> {
  const now = deps.clock();
  const day = parisDay(now);
  const snapshot = await deps.reminders.snapshot({ day, framework: deps.framework, highestLevel: deps.highestLevel, certificationClasses: deps.certificationClasses });
  const planned = planReminders({ day, kinds, snapshot, rules: deps.rules, framework: deps.framework });
  let enqueued = 0;
  for (const reminder of planned) {
    if (await deps.outbox.enqueue({ idempotencyKey: reminder.key, userId: reminder.userId, kind: `reminder-${reminder.kind}`, payload: { text: reminder.text }, now })) enqueued++;
  }
  if (enqueued > 0) deps.wakeOutbox();
  return { planned: planned.length, enqueued };
}
