/**
 * What became of a set of messages (a campaign's push, its reminders): the counts a teacher reads
 * come from the outbox rows themselves, so they are right whichever instance sent what.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { OutboxState } from '../store/schema-schools.js';
import { failureOf, OUTBOX_FAILURES, type OutboxFailure } from './failures.js';

export interface DeliveryCounts {
  total: number;
  /** Every state, 0 included: pending (not sent yet, retries included), sending, sent, failed. */
  states: Record<OutboxState, number>;
  /** The failed, per reason (every reason, 0 included); `unknown` for rows failed before reasons were recorded. */
  failed: Record<OutboxFailure | 'unknown', number>;
}

export async function deliveryCounts({ db, prefixes }: { db: Kysely<Database>; prefixes: string[] }): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = {
    total: 0,
    states: { pending: 0, sending: 0, sent: 0, failed: 0 },
    failed: { ...Object.fromEntries(OUTBOX_FAILURES.map((r) => [r, 0])), unknown: 0 } as DeliveryCounts['failed'],
  };
  if (prefixes.length === 0) return counts;
  // substr, not LIKE: a key may hold `_` or `%`, and LIKE is case-insensitive on SQLite.
  const rows = await db
    .selectFrom('outbox')
    .select(['state', 'failure_reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or(prefixes.map((p) => eb(eb.fn('substr', ['idempotency_key', eb.val(1), eb.val(p.length)]), '=', p))))
    .groupBy(['state', 'failure_reason'])
    .execute();
  for (const row of rows) {
    const n = Number(row.n);
    counts.total += n;
    counts.states[row.state] += n;
    if (row.state !== 'failed') continue;
    counts.failed[failureOf(row.failure_reason) ?? 'unknown'] += n;
  }
  return counts;
}
