/** The outbox and its delivery job: every instance runs it, the rows and the pace are shared in the database. */
import type { Config } from '../config.js';
import type { Job } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/database.js';
import { deliverWhileDue, type DeliveryDeps, type Sender } from './delivery.js';
import { Outbox } from './outbox.js';

export const OUTBOX_JOB = 'outbox-delivery';

/** Longest delivery run: a push goes on in the next run, at once, so a shutdown never waits longer. */
const RUN_MS = 5000;

export interface Notifications {
  outbox: Outbox;
  /** Asks for a delivery pass now, so that a message just enqueued does not wait for the next tick. */
  wake(): void;
  /** Records the messages a stopped process left half-sent (never sends them again). */
  recoverInterrupted(): Promise<void>;
  jobs: Job[];
}

export function wireNotifications({
  config,
  store,
  logger,
  clock,
  sender,
  references,
  kick,
}: {
  config: Config;
  store: Store;
  logger: Logger;
  clock: () => Date;
  sender: Sender;
  references: DeliveryDeps['references'];
  kick: (job: string) => void;
}): Notifications {
  const outbox = new Outbox(store.db, store.dialect);
  async function recoverInterrupted() {
    const interrupted = await outbox.recoverInterrupted(clock());
    if (interrupted > 0) logger.warn({ interrupted }, 'outbox messages interrupted by a stopped process were not resent');
  }
  const settings = { maxAttempts: config.OUTBOX_MAX_ATTEMPTS, baseDelayMs: 2000, batchSize: 100, perSecond: config.OUTBOX_RATE_PER_SECOND };
  return {
    outbox,
    wake: () => kick(OUTBOX_JOB),
    recoverInterrupted,
    jobs: [
      {
        name: OUTBOX_JOB,
        schedule: '*/2 * * * * *',
        enabled: config.JOBS_ENABLED,
        run: async () => {
          // Another instance may have stopped mid-send since the last pass, not only this one before a restart.
          await recoverInterrupted();
          await outbox.pruneConversationTurns(clock());
          const { more } = await deliverWhileDue({ outbox, sender, references, logger, clock, settings }, RUN_MS);
          if (more) kick(OUTBOX_JOB);
        },
      },
    ],
  };
}
