/**
 * The outbox's sending pace, shared by every delivery worker of the deployment (migration 008):
 * Teams limits an app per tenant, not per process, so two instances pacing themselves would send
 * twice the rate. One row per budget holds the earliest moment the next message may go; a worker
 * reserves that slot and moves it one gap later with a guarded update (compare and set). For the
 * tenant, the worker then waits for its slot; for a conversation, it takes the turn only if it is
 * free now, and otherwise puts the message back until then (waiting would hold up everyone else's).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** Lost races in a row before giving up: each means another worker reserved a slot meanwhile. */
const MAX_TRIES = 50;

/**
 * Each worker holds at most one reservation at a time, so the slot is never more than a few gaps
 * ahead; one further ahead was written by a clock ahead of ours, and waiting on it would stall delivery.
 */
const aheadLimitMs = (gapMs: number) => Math.max(5000, 32 * gapMs);

export class BudgetContentionError extends Error {
  constructor(name: string) {
    super(`send budget ${name}: ${MAX_TRIES} reservations lost in a row to other workers`);
    this.name = 'BudgetContentionError';
  }
}

/**
 * Reserves the next `count` send slots of the budget `name`, one every `gapMs` for the whole
 * deployment, in one guarded update: the first slot (the others follow it `gapMs` apart).
 */
export async function reserveSendSlots({ db, name, now, gapMs, count = 1 }: { db: Kysely<Database>; name: string; now: Date; gapMs: number; count?: number }): Promise<Date> {
  const at = now.getTime();
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const row = await db.selectFrom('outbox_budget').select('next_slot_at').where('name', '=', name).executeTakeFirst();
    if (!row) {
      const first = await db
        .insertInto('outbox_budget')
        .values({ name, next_slot_at: new Date(at + count * gapMs).toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(first.numInsertedOrUpdatedRows ?? 0) === 1) return now;
      continue;
    }
    const next = Date.parse(row.next_slot_at);
    const slot = next > at + aheadLimitMs(gapMs) ? at : Math.max(next, at);
    const moved = await db
      .updateTable('outbox_budget')
      .set({ next_slot_at: new Date(slot + count * gapMs).toISOString() })
      .where('name', '=', name)
      .where('next_slot_at', '=', row.next_slot_at)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1) return new Date(slot);
  }
  throw new BudgetContentionError(name);
}

/**
 * Takes the turns of the budgets in `until` (name → the end of the turn) that are free now, in one
 * statement: returns those still busy, with when each frees up. Deployment-wide, each turn taken by
 * one worker only (an upsert guarded on the turn being over).
 */
export async function takeTurnsIfFree({ db, until, now, gapMs }: { db: Kysely<Database>; until: Map<string, Date>; now: Date; gapMs: number }): Promise<Map<string, Date>> {
  const at = now.getTime();
  const busy = new Map<string, Date>();
  let left = [...until.keys()];
  for (let tries = 0; tries < MAX_TRIES && left.length > 0; tries++) {
    // One statement when the turns are free (the usual case: a push writes once to each student).
    const taken = await db
      .insertInto('outbox_budget')
      .values(left.map((name) => ({ name, next_slot_at: until.get(name)!.toISOString() })))
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ next_slot_at: (eb) => eb.ref('excluded.next_slot_at') })
          .where((eb) => eb.or([eb('outbox_budget.next_slot_at', '<=', now.toISOString()), eb('outbox_budget.next_slot_at', '>', new Date(at + aheadLimitMs(gapMs)).toISOString())])),
      )
      .returning('name')
      .execute();
    const got = new Set(taken.map((r) => r.name));
    const others = left.filter((name) => !got.has(name));
    const rows = others.length > 0 ? await db.selectFrom('outbox_budget').select(['name', 'next_slot_at']).where('name', 'in', others).execute() : [];
    // Freed (or removed) between the two statements: tried again.
    left = others.filter((name) => {
      const row = rows.find((r) => r.name === name);
      if (row && Date.parse(row.next_slot_at) > at) busy.set(name, new Date(row.next_slot_at));
      return !busy.has(name);
    });
  }
  if (left.length > 0) throw new BudgetContentionError(left[0]!);
  return busy;
}

/** Moves a turn's end later, never earlier. */
export async function extendTurn({ db, name, until }: { db: Kysely<Database>; name: string; until: Date }): Promise<void> {
  await db.updateTable('outbox_budget').set({ next_slot_at: until.toISOString() }).where('name', '=', name).where('next_slot_at', '<', until.toISOString()).execute();
}

/** Conversation turns long past hold nothing: their rows go, so that a push to a whole académie leaves no trail. */
export async function pruneTurns({ db, prefix, before }: { db: Kysely<Database>; prefix: string; before: Date }): Promise<number> {
  const result = await db
    .deleteFrom('outbox_budget')
    .where((eb) => eb(eb.fn('substr', ['name', eb.val(1), eb.val(prefix.length)]), '=', prefix))
    .where('next_slot_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
