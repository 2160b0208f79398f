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
  references: { conversationReference(userId: string): Promise<ConversationReference | null> };
  logger: Logger;
  clock: () => Date;
  /**
   * leaseMs: how long a batch is this worker's alone (by default what the batch needs at the pace,
   * twice, and 10 s at least). perConversationGapMs: least time between two sends in one
   * conversation (default 2000).
   */
  settings: { maxAttempts: number; baseDelayMs: number; batchSize: number; perSecond: number; leaseMs?: number; perConversationGapMs?: number };
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

/** Waits for this send's slot in its tenant's budget: the pace holds however many workers send. */
async function awaitSlot(deps: DeliveryDeps, tenantId: string | null): Promise<void> {
  const now = deps.clock();
  const slot = await deps.outbox.reserveSlot(now, 1000 / deps.settings.perSecond, tenantId);
  const wait = slot.getTime() - now.getTime();
  if (wait > 0) await (deps.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms))))(wait);
}

type Outcome = 'sent' | 'retried' | 'failed' | 'deferred' | 'lost';

/** A claimed message ready to go (its conversation's turn taken, its tenant slot come), or what became of it instead. */
type Prepared = { go: true; message: OutboxMessage; reference: ConversationReference } | { go: false; outcome: Outcome };

async function prepare(deps: DeliveryDeps, claimed: OutboxMessage, token: string): Promise<Prepared> {
  const now = () => deps.clock();
  const reference = await deps.references.conversationReference(claimed.userId);
  if (!reference) {
    await deps.outbox.markFailed(claimed.id, { status: null, error: 'no conversation reference: the user never talked to the bot', reason: 'never_opened' }, now());
    return { go: false, outcome: 'failed' };
  }
  // A conversation that had a message a moment ago: this one goes at its next turn, and the worker moves on.
  const busyUntil = await deps.outbox.conversationTurn(reference.conversationId, now(), deps.settings.perConversationGapMs ?? PER_CONVERSATION_GAP_MS);
  if (busyUntil) {
    await deps.outbox.postpone(claimed.id, token, busyUntil, now());
    return { go: false, outcome: 'deferred' };
  }
  // Before "sending": the wait for a slot must not widen the window in which a crash leaves the row ambiguous.
  await awaitSlot(deps, reference.tenantId);
  return { go: true, message: claimed, reference };
}

async function send(deps: DeliveryDeps, { message: claimed, reference }: Extract<Prepared, { go: true }>, token: string): Promise<Outcome> {
  const now = () => deps.clock();
  // Row by row, just before its send: a crash now leaves this one message ambiguous, not the batch.
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

async function deliverBatch(deps: DeliveryDeps): Promise<{ claimed: number; tally: DeliveryTally }> {
  const { token, messages } = await deps.outbox.claimDue(deps.clock(), deps.settings.batchSize, leaseMs(deps.settings));
  const tally: DeliveryTally = { sent: 0, retried: 0, failed: 0, deferred: 0 };
  for (const message of messages) {
    const ready = await prepare(deps, message, token);
    const outcome = ready.go ? await send(deps, ready, token) : ready.outcome;
    if (outcome !== 'lost') tally[outcome]++;
  }
  return { claimed: messages.length, tally };
}

/**
 * One pass: claims due messages and sends them, paced to stay under Teams' per-tenant rate with
 * every other worker. A row whose lease ran out and that another worker took meanwhile is left to
 * it (counted nowhere).
 */
export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryTally> {
  return (await deliverBatch(deps)).tally;
}

/**
 * Passes one after the other while they find full batches (a push to a school), for `forMs` at
 * most: the job then does not idle until its next tick with messages waiting, and still ends soon
 * enough for a shutdown. `more`: it stopped on time with a full batch, so more may be due.
 */
export async function deliverWhileDue(deps: DeliveryDeps, forMs: number): Promise<{ tally: DeliveryTally; more: boolean }> {
  const total: DeliveryTally = { sent: 0, retried: 0, failed: 0, deferred: 0 };
  const end = deps.clock().getTime() + forMs;
  for (;;) {
    const { claimed, tally } = await deliverBatch(deps);
    for (const key of Object.keys(total) as Array<keyof DeliveryTally>) total[key] += tally[key];
    if (claimed < deps.settings.batchSize) return { tally: total, more: false };
    if (deps.clock().getTime() >= end) return { tally: total, more: true };
  }
}
