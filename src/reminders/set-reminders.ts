/** "stop rappels" / "start rappels": every reminder to this user is turned off, or on again. */
import type { ReminderRepository } from './reminder-repository.js';

export async function setReminders({ userId, enabled, deps }: { userId: string; enabled: boolean; deps: { reminders: ReminderRepository; clock: () => Date } }): Promise<{ enabled: boolean }> {
  await deps.reminders.setEnabled(userId, enabled, deps.clock());
  return { enabled };
}
