/**
 * The delivery worker: sends due outbox messages through a Sender (Teams), retrying what Teams says to
 * retry (412, 429 with its Retry-After, 502, 503, 504) with backoff and jitter, and recording what
 * cannot be delivered (403 blocked or removed, 404 conversation gone, no conversation reference…).
 *
 * Teams' limits, held for the whole deployment through budgets in the database
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/rate-limit): per app per
 * tenant 50 requests per second (`perSecond`, OUTBOX_RATE_PER_SECOND); per bot per conversation
 * ("thread") 7 per second, 8 per 2 s, 60 per 30 s, 1800 per hour. One send per conversation every
 * 2 s (`perConversationGapMs`) keeps under every one of those, the hourly 1800 included.
 */
import type { ConversationReference } from '../users/conversation-reference.js';
import type { Logger } from '../logger.js';
import type { OutboxFailure } from './failures.js';
import type { Outbox, OutboxMessage, OutboxPayload } from './outbox.js';

/**
 * status null: no HTTP answer. `connectionRefused` tells that nothing reached Teams (safe to retry);
 * otherwise (a timeout, a reset) Teams may have shown the message, and it is not sent again.
 */
export type SendResult = { ok: true } | { ok: false; status: number | null; retryAfterSeconds?: number; connectionRefused?: boolean; error: string };

export interface Sender {
  send(reference: ConversationReference, payload: OutboxPayload): Promise<SendResult>;
}

export interface DeliveryDeps {
  outbox: Outbox;
  sender: Sender;
  /** conversationReferences: a whole batch's in one query, when the store offers it. */
  references: { conversationReference(userId: string): Promise<ConversationReference | null>; conversationReferences?(userIds: string[]): Promise<Map<string, ConversationReference>> };
  logger: Logger;
  clock: () => Date;
  /**
   * leaseMs: how long a batch is this worker's alone (by default what the batch needs at the pace,
   * twice, and 10 s at least). perConversationGapMs: least time between two sends in one
   * conversation (default 2000). concurrency: sends in flight at once (default SEND_CONCURRENCY).
   */
  settings: { maxAttempts: number; baseDelayMs: number; batchSize: number; perSecond: number; leaseMs?: number; perConversationGapMs?: number; concurrency?: number };
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const PER_CONVERSATION_GAP_MS = 2000;

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

/** Exponential backoff with full jitter, or the server's Retry-After when it gives one. */
export function retryDelayMs(attempt: number, baseDelayMs: number, retryAfterSeconds: number | undefined, random: () => number): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) return retryAfterSeconds * 1000;
  const ceiling = baseDelayMs * 2 ** Math.min(attempt - 1, 10);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function isRetryable(result: Extract<SendResult, { ok: false }>): boolean {
  return result.status === null ? result.connectionRefused === true : RETRYABLE.has(result.status);
}

/** Why a failure that is not retried (or no longer) ends the delivery. */
export function failureReason(result: Extract<SendResult, { ok: false }>): OutboxFailure {
  if (result.status === 403) return 'blocked';
  if (result.status === 404) return 'conversation_gone';
  if (isRetryable(result)) return 'gave_up';
  return result.status === null ? 'outcome_unknown' : 'rejected';
}

const MIN_LEASE_MS = 10_000;

export function leaseMs(settings: DeliveryDeps['settings']): number {
  return settings.leaseMs ?? Math.max(MIN_LEASE_MS, Math.ceil((2 * settings.batchSize * 1000) / settings.perSecond));
}

type Outcome = 'sent' | 'retried' | 'failed' | 'lost';

/** A claimed message ready to go: its conversation's turn taken, its tenant slot reserved. */
type Ready = { message: OutboxMessage; reference: ConversationReference; slot: Date };
type Reachable = Omit<Ready, 'slot'>;

/**
 * The pace keeps this much under the rate: between a slot and the message's arrival at Teams lie a
 * database write and the request, whose times vary; at exactly the rate, a message arriving a
 * little later than the one 50 sends before would make 50 in one second, and Teams answers 429.
 */
export const PACE_MARGIN = 0.96;

/** Gap between two slots of a tenant's budget, for `perSecond` sends per second at most. */
export const tenantGapMs = (perSecond: number) => 1000 / (perSecond * PACE_MARGIN);

/**
 * Sends in flight at once in one worker, each to its own conversation, each started at its own
 * slot (not after the previous one's answer): a slow answer from Teams does not slow the pace. A
 * crash leaves at most this many rows ambiguous ("sending"), one per send on the wire.
 */
export const SEND_CONCURRENCY = 8;

const sleepOf = (deps: DeliveryDeps) => deps.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));

async function referencesOf(deps: DeliveryDeps, messages: OutboxMessage[]): Promise<Map<string, ConversationReference>> {
  const userIds = [...new Set(messages.map((m) => m.userId))];
  if (deps.references.conversationReferences) return deps.references.conversationReferences(userIds);
  const found = new Map<string, ConversationReference>();
  for (const userId of userIds) {
    const reference = await deps.references.conversationReference(userId);
    if (reference) found.set(userId, reference);
  }
  return found;
}

/**
 * Makes a group of messages ready in a few statements whatever its size: slots reserved per tenant
 * in one guarded update each, then every conversation's turn (until its slot plus the gap) in one
 * upsert. A conversation already in this group, or whose turn is not over, has its message put back
 * until its next turn, and the worker moves on.
 */
async function prepareGroup(deps: DeliveryDeps, group: Reachable[], token: string, tally: DeliveryTally): Promise<Ready[]> {
  const now = deps.clock();
  const conversationGap = deps.settings.perConversationGapMs ?? PER_CONVERSATION_GAP_MS;
  const firsts = new Map<string, Reachable>();
  const again: Reachable[] = [];
  for (const one of group) {
    if (firsts.has(one.reference.conversationId)) again.push(one);
    else firsts.set(one.reference.conversationId, one);
  }
  const byTenant = new Map<string | null, Reachable[]>();
  for (const one of firsts.values()) byTenant.set(one.reference.tenantId, [...(byTenant.get(one.reference.tenantId) ?? []), one]);
  const ready: Ready[] = [];
  const gap = tenantGapMs(deps.settings.perSecond);
  for (const [tenantId, ones] of byTenant) {
    const first = (await deps.outbox.reserveSlot(now, gap, tenantId, ones.length)).getTime();
    ones.forEach((one, i) => ready.push({ ...one, slot: new Date(first + i * gap) }));
  }
  const until = new Map(ready.map((one) => [one.reference.conversationId, new Date(one.slot.getTime() + conversationGap)]));
  const busy = await deps.outbox.conversationTurns(until, now, conversationGap);
  for (const one of [...ready.filter((r) => busy.has(r.reference.conversationId)), ...again]) {
    const conversation = one.reference.conversationId;
    await deps.outbox.postpone(one.message.id, token, busy.get(conversation) ?? until.get(conversation)!, deps.clock());
    tally.deferred++;
  }
  return ready.filter((r) => !busy.has(r.reference.conversationId)).sort((x, y) => x.slot.getTime() - y.slot.getTime());
}

/** Times a send that woke up late takes a new slot rather than go out with the next ones (then it goes). */
const LATE_RESERVATIONS = 3;

/**
 * Waits for the slot. A send woken up more than a gap after it (the process was held up, by a
 * loaded machine or a long statement) takes a new slot: going at once, it would go out together with
 * the sends whose slots came meanwhile, over the rate for a moment, and Teams would answer 429.
 */
async function awaitSlot(deps: DeliveryDeps, slot: Date, reference: ConversationReference): Promise<void> {
  const gap = tenantGapMs(deps.settings.perSecond);
  for (let late = 0; ; late++) {
    const wait = slot.getTime() - deps.clock().getTime();
    if (wait > 0) await sleepOf(deps)(wait);
    if (deps.clock().getTime() - slot.getTime() <= gap || late === LATE_RESERVATIONS) return;
    slot = await deps.outbox.reserveSlot(deps.clock(), gap, reference.tenantId);
    // The conversation's next message still comes the whole gap after this one.
    await deps.outbox.extendTurn(reference.conversationId, new Date(slot.getTime() + (deps.settings.perConversationGapMs ?? PER_CONVERSATION_GAP_MS)));
  }
}

async function send(deps: DeliveryDeps, { message: claimed, reference, slot }: Ready, token: string): Promise<Outcome> {
  const now = () => deps.clock();
  // Before "sending": the wait for the slot must not widen the window in which a crash leaves the row ambiguous.
  await awaitSlot(deps, slot, reference);
  // Row by row, just before its send: a crash now leaves the messages on the wire ambiguous, not the batch.
  if (!(await deps.outbox.markSending(claimed, token, now()))) return 'lost';
  const message = { ...claimed, attempts: claimed.attempts + 1 };
  let result: SendResult;
  try {
    result = await deps.sender.send(reference, message.payload);
  } catch (error) {
    result = { ok: false, status: null, error: (error as Error).message };
  }
  if (result.ok) {
    await deps.outbox.markSent(message.id, now());
    return 'sent';
  }
  if (isRetryable(result) && message.attempts < deps.settings.maxAttempts) {
    const delay = retryDelayMs(message.attempts, deps.settings.baseDelayMs, result.retryAfterSeconds, deps.random ?? Math.random);
    await deps.outbox.retryLater(message.id, new Date(now().getTime() + delay), result.status, result.error, now());
    deps.logger.warn({ outboxId: message.id, status: result.status, delay }, 'proactive message will be retried');
    return 'retried';
  }
  const reason = failureReason(result);
  await deps.outbox.markFailed(message.id, { status: result.status, error: result.error, reason }, now());
  deps.logger.warn({ outboxId: message.id, status: result.status, reason, error: result.error }, 'proactive message not delivered');
  return 'failed';
}

export interface DeliveryTally {
  sent: number;
  retried: number;
  failed: number;
  /** Put back until their conversation's next turn (not an attempt). */
  deferred: number;
}

/**
 * The sends of one delivery run, across its batches: at most `concurrency` at once. The next batch
 * is claimed and made ready while the last ones of this batch are on the wire.
 */
class InFlight {
  private readonly tasks = new Set<Promise<void>>();
  private readonly errors: unknown[] = [];
  readonly tally: DeliveryTally = { sent: 0, retried: 0, failed: 0, deferred: 0 };

  constructor(readonly concurrency: number) {}

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** Starts the send once a place is free (false: a send failed meanwhile, nothing more starts). */
  async start(send: () => Promise<Outcome>): Promise<boolean> {
    while (this.tasks.size >= this.concurrency) await Promise.race(this.tasks);
    if (this.failed) return false;
    const task: Promise<void> = send()
      .then(
        (outcome) => void (outcome !== 'lost' && this.tally[outcome]++),
        (error: unknown) => void this.errors.push(error),
      )
      .finally(() => this.tasks.delete(task));
    this.tasks.add(task);
    return true;
  }

  /** Waits for every send started, then throws the first error of one, if any. */
  async drain(): Promise<DeliveryTally> {
    await Promise.all(this.tasks);
    if (this.failed) throw this.errors[0];
    return this.tally;
  }
}

/** Claims a batch and starts its sends, group after group: the next group is made ready while this one's wait for their slots. */
async function deliverBatch(deps: DeliveryDeps, inFlight: InFlight): Promise<number> {
  const { token, messages } = await deps.outbox.claimDue(deps.clock(), deps.settings.batchSize, leaseMs(deps.settings));
  const references = await referencesOf(deps, messages);
  const reachable: Reachable[] = [];
  for (const message of messages) {
    const reference = references.get(message.userId);
    if (reference) reachable.push({ message, reference });
    else {
      await deps.outbox.markFailed(message.id, { status: null, error: 'no conversation reference: the user never talked to the bot', reason: 'never_opened' }, deps.clock());
      inFlight.tally.failed++;
    }
  }
  const group = inFlight.concurrency;
  for (let i = 0; i < reachable.length && !inFlight.failed; i += group) {
    for (const ready of await prepareGroup(deps, reachable.slice(i, i + group), token, inFlight.tally)) {
      if (!(await inFlight.start(() => send(deps, ready, token)))) break;
    }
  }
  return messages.length;
}

/**
 * One pass: claims due messages and sends them, paced to stay under Teams' per-tenant rate with
 * every other worker. A row whose lease ran out and that another worker took meanwhile is left to
 * it (counted nowhere).
 */
export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryTally> {
  const inFlight = new InFlight(deps.settings.concurrency ?? SEND_CONCURRENCY);
  await deliverBatch(deps, inFlight);
  return inFlight.drain();
}

/**
 * Passes one after the other while they find full batches (a push to a school), for `forMs` at
 * most: the job then does not idle until its next tick with messages waiting, and still ends soon
 * enough for a shutdown. `more`: it stopped on time with a full batch, so more may be due.
 */
export async function deliverWhileDue(deps: DeliveryDeps, forMs: number): Promise<{ tally: DeliveryTally; more: boolean }> {
  const inFlight = new InFlight(deps.settings.concurrency ?? SEND_CONCURRENCY);
  const end = deps.clock().getTime() + forMs;
  for (;;) {
    const claimed = await deliverBatch(deps, inFlight);
    if (inFlight.failed || claimed < deps.settings.batchSize) return { tally: await inFlight.drain(), more: false };
    if (deps.clock().getTime() >= end) return { tally: await inFlight.drain(), more: true };
  }
}
