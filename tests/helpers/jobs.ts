/** Runs the background jobs once, as the scheduler would, so that tests need not wait for a tick. */
import { deliverDue } from '../../src/notifications/delivery.js';
import { runImport } from '../../src/schools/imports.js';
import type { TestBot } from './chat.js';

export async function runImports(bot: TestBot): Promise<void> {
  for (const job of await bot.app.imports.imports.unfinished()) await runImport({ importId: job.id, deps: bot.app.imports });
}

export async function deliverOutbox(bot: TestBot) {
  return deliverDue({
    outbox: bot.app.outbox,
    sender: bot.app.chat.sender,
    references: bot.app.users,
    logger: bot.app.logger,
    clock: bot.app.clock,
    settings: { maxAttempts: 3, baseDelayMs: 1000, batchSize: 100, perSecond: 1000 },
    sleep: async () => undefined,
  });
}
