/**
 * The durable outbox: every proactive message is a stored row with an idempotency key, sent by the
 * delivery worker. Enqueuing the same key twice stores one row; a row is sent at most once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn, StoredRowError } from '../store/json-column.js';
import type { Dialect } from '../store/migrations.js';
import type { Database } from '../store/schema.js';
import type { OutboxState, OutboxTable } from '../store/schema-schools.js';
import { extendTurn, pruneTurns, reserveSendSlots, takeTurnsIfFree } from './budget.js';
import { failureOf, type OutboxFailure } from './failures.js';
import { deliveryCounts, type DeliveryCounts } from './outbox-counts.js';

export { OUTBOX_FAILURES, type OutboxFailure } from './failures.js';
export type { DeliveryCounts } from './outbox-counts.js';

const TENANT_BUDGET = 'outbox';
const CONVERSATION_BUDGET = 'conversation:';

/**
 * A row is "sending" only while its own send is on the wire (seconds, even with slow answers from
 * Teams); a row still "sending" after this long was left by a process that stopped.
 */
export const SENDING_STALE_MS = 10 * 60 * 1000;

/** A batch of due rows taken by one worker: only it may send them, until the lease ends. */
export interface Claim {
  token: string;
  messages: OutboxMessage[];
}

export type OutboxPayload = { card: Record<string, unknown> } | { text: string };

const payloadSchema = z.union([z.object({ card: z.record(z.string(), z.unknown()) }), z.object({ text: z.string() })]) satisfies z.ZodType<OutboxPayload>;

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  userId: string;
  kind: string;
  payload: OutboxPayload;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  failure: OutboxFailure | null;
  sentAt: Date | null;
}

const toMessage = (r: OutboxTable): OutboxMessage => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  userId: r.user_id,
  kind: r.kind,
  payload: parseJsonColumn(payloadSchema, r.payload, { table: 'outbox', column: 'payload', id: r.id }),
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  failure: failureOf(r.failure_reason),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

export class Outbox {
  /**
   * `dialect`: on PostgreSQL, batches are taken with FOR UPDATE SKIP LOCKED, so that two workers
   * take different rows at once instead of waiting on each other's. Without it the claim is still
   * exclusive (a guarded update), only slower under contention.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect = 'sqlite',
  ) {}

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
        claimed_by: null,
        claimed_until: null,
        failure_reason: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Takes due messages for one worker's batch, with a lease: they stay "pending" (nothing of them is
   * on the wire yet), and no other worker takes them until `leaseMs` has passed. A worker that dies
   * leaves them pending, so that another (or this one restarted) sends them when the lease ends.
   * One guarded update, so that two workers (two instances) never take the same row.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Claim> {
    const stamp = now.toISOString();
    const token = randomUUID();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const claimable = (db: Kysely<Database>) =>
      db
        .selectFrom('outbox')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', stamp)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', stamp)]))
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(limit);
    const take = (db: Kysely<Database>) =>
      db
        .updateTable('outbox')
        .set({ claimed_by: token, claimed_until: until })
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', stamp)]));
    if (this.dialect === 'postgres') {
      // Rows another worker is claiming are skipped, not waited for: each takes its own batch at once.
      await this.db.transaction().execute(async (trx) => {
        const ids = (await claimable(trx).forUpdate().skipLocked().execute()).map((r) => r.id);
        if (ids.length > 0) await take(trx).where('id', 'in', ids).execute();
      });
    } else {
      // SQLite has no FOR UPDATE, and needs none: it runs one writer at a time, so one statement
      // that picks and takes the rows is a whole claim that no other worker's can interleave with.
      await take(this.db).where('id', 'in', claimable(this.db)).execute();
    }
    const rows = await this.db.selectFrom('outbox').selectAll().where('claimed_by', '=', token).orderBy('next_attempt_at').orderBy('created_at').execute();
    const messages: OutboxMessage[] = [];
    for (const row of rows) {
      try {
        messages.push(toMessage(row));
      } catch (error) {
        if (!(error instanceof StoredRowError)) throw error;
        // One unreadable row must not hold back every message after it, pass after pass.
        await this.markFailed(row.id, { status: null, error: error.message, reason: 'unreadable' }, now);
      }
    }
    return { token, messages };
  }

  /**
   * Just before its own send: the row becomes "sending" (the only state in which Teams may have shown
   * it unrecorded) and counts an attempt. False when the claim was lost (its lease ended and another
   * worker took the row): then this worker must not send it.
   */
  async markSending(message: OutboxMessage, token: string, now: Date): Promise<boolean> {
    const taken = await this.db
      .updateTable('outbox')
      .set({ state: 'sending', attempts: message.attempts + 1, updated_at: now.toISOString() })
      .where('id', '=', message.id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', token)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async markSent(id: string, now: Date): Promise<void> {
    const stamp = now.toISOString();
    await this.db
      .updateTable('outbox')
      .set({ state: 'sent', sent_at: stamp, updated_at: stamp, last_error: null, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  async retryLater(id: string, at: Date, status: number | null, error: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        state: 'pending',
        next_attempt_at: at.toISOString(),
        last_status: status,
        last_error: error.slice(0, 500),
        updated_at: now.toISOString(),
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, { status, error, reason }: { status: number | null; error: string; reason: OutboxFailure }, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ state: 'failed', last_status: status, last_error: error.slice(0, 500), failure_reason: reason, updated_at: now.toISOString(), claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Puts a claimed message back, untried, until `at` (its conversation's turn): no attempt counted.
   * Only while this worker still holds it.
   */
  async postpone(id: string, token: string, at: Date, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: at.toISOString(), updated_at: now.toISOString(), claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', token)
      .execute();
  }

  /**
   * A row left "sending" by a process that died mid-send (at most one per worker: the row that was on
   * the wire): Teams may or may not have shown it, and sending again could show it twice, so it is
   * recorded as failed for an operator to see. Only rows set "sending" more than `SENDING_STALE_MS`
   * ago: with several instances on one database, a row sent a moment ago may be in the hands of
   * another instance that is alive. Rows of a dead worker's batch that were never sent are not
   * touched here: they are still pending, and their lease ends.
   */
  async recoverInterrupted(now: Date): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ state: 'failed', last_error: 'interrupted while sending: outcome unknown, not resent', failure_reason: 'outcome_unknown', updated_at: now.toISOString() })
      .where('state', '=', 'sending')
      .where('updated_at', '<', new Date(now.getTime() - SENDING_STALE_MS).toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * The moment this worker's next send to `tenantId` may go, at one send every `gapMs` across every
   * worker of the deployment: Teams counts an app's requests per tenant. `count` slots at once: the
   * first is returned, the others follow it `gapMs` apart.
   */
  async reserveSlot(now: Date, gapMs: number, tenantId: string | null = null, count = 1): Promise<Date> {
    return reserveSendSlots({ db: this.db, name: tenantId ? `${TENANT_BUDGET}:${tenantId}` : TENANT_BUDGET, now, gapMs, count });
  }

  /**
   * Takes the turns of the conversations in `until` (conversation → the end of its turn: its send's
   * slot plus the least gap) that are free now, in one statement; returns the busy ones with when
   * each frees up. At most one send per gap in a conversation, whichever worker sends.
   */
  async conversationTurns(until: Map<string, Date>, now: Date, gapMs: number): Promise<Map<string, Date>> {
    const named = new Map([...until].map(([conversationId, end]) => [`${CONVERSATION_BUDGET}${conversationId}`, end]));
    const busy = await takeTurnsIfFree({ db: this.db, until: named, now, gapMs });
    return new Map([...busy].map(([name, at]) => [name.slice(CONVERSATION_BUDGET.length), at]));
  }

  /** Moves the end of a conversation's turn that this worker holds later (its send took a later slot). */
  async extendTurn(conversationId: string, until: Date): Promise<void> {
    await extendTurn({ db: this.db, name: `${CONVERSATION_BUDGET}${conversationId}`, until });
  }

  /** Forgets conversation turns that ended more than a minute ago. */
  async pruneConversationTurns(now: Date): Promise<number> {
    return pruneTurns({ db: this.db, prefix: CONVERSATION_BUDGET, before: new Date(now.getTime() - 60_000) });
  }

  /** Counts per state, and per reason for the failed, of the messages whose key starts with one of `prefixes` (e.g. `campaign:<id>:push:`). */
  async deliveryCounts(prefixes: string[]): Promise<DeliveryCounts> {
    return deliveryCounts({ db: this.db, prefixes });
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
