/**
 * The durable outbox: every proactive message is a stored row with an idempotency key, sent by the
 * delivery worker. Enqueuing the same key twice stores one row; a row is sent at most once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { OutboxTable } from '../store/schema-schools.js';

/**
 * A claimed batch (100 at most, paced at 1 to 50 per second) is sent within a few minutes, even with
 * slow answers from Teams; a row still "sending" after this long was left by a process that stopped.
 */
export const SENDING_STALE_MS = 10 * 60 * 1000;

export type OutboxPayload = { card: Record<string, unknown> } | { text: string };

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  userId: string;
  kind: string;
  payload: OutboxPayload;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  sentAt: Date | null;
}

const toMessage = (r: OutboxTable): OutboxMessage => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  userId: r.user_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as OutboxPayload,
  state: r.state as OutboxMessage['state'],
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

export class Outbox {
  constructor(private readonly db: Kysely<Database>) {}

  /** Returns true when the message was new (false: that key was enqueued already). */
  async enqueue(args: { idempotencyKey: string; userId: string; kind: string; payload: OutboxPayload; now: Date }): Promise<boolean> {
    const stamp = args.now.toISOString();
    const result = await this.db
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        idempotency_key: args.idempotencyKey,
        user_id: args.userId,
        kind: args.kind,
        payload: JSON.stringify(args.payload),
        state: 'pending',
        attempts: 0,
        next_attempt_at: stamp,
        last_status: null,
        last_error: null,
        created_at: stamp,
        updated_at: stamp,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Takes due messages for sending. Each is moved to "sending" by a guarded update, so that two
   * workers (two instances) never take the same row.
   */
  async claimDue(now: Date, limit: number): Promise<OutboxMessage[]> {
    const stamp = now.toISOString();
    const due = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', stamp)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: OutboxMessage[] = [];
    for (const row of due) {
      const taken = await this.db
        .updateTable('outbox')
        .set({ state: 'sending', attempts: row.attempts + 1, updated_at: stamp })
        .where('id', '=', row.id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) claimed.push(toMessage({ ...row, state: 'sending', attempts: row.attempts + 1 }));
    }
    return claimed;
  }

  async markSent(id: string, now: Date): Promise<void> {
    const stamp = now.toISOString();
    await this.db.updateTable('outbox').set({ state: 'sent', sent_at: stamp, updated_at: stamp, last_error: null }).where('id', '=', id).execute();
  }

  async retryLater(id: string, at: Date, status: number | null, error: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: at.toISOString(), last_status: status, last_error: error.slice(0, 500), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, status: number | null, error: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ state: 'failed', last_status: status, last_error: error.slice(0, 500), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Rows left "sending" by a process that died mid-send: Teams may or may not have shown them, and
   * sending again could show a message twice, so they are recorded as failed for an operator to see.
   * Only rows claimed more than `SENDING_STALE_MS` ago: with several instances on one database, a
   * row claimed a moment ago is being sent by another instance that is alive.
   */
  async recoverInterrupted(now: Date): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ state: 'failed', last_error: 'interrupted while sending: outcome unknown, not resent', updated_at: now.toISOString() })
      .where('state', '=', 'sending')
      .where('updated_at', '<', new Date(now.getTime() - SENDING_STALE_MS).toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async byKey(idempotencyKey: string): Promise<OutboxMessage | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
