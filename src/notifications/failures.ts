/**
 * Why a message was not delivered, as the teacher's counts group them: the user never opened the
 * bot (no conversation reference), blocked or removed the app (403), the conversation is gone
 * (404), Teams refused it for good (another 4xx), it still failed after every retry, Teams may or may
 * not have shown it (no answer, or the process stopped while it was on the wire), or its stored
 * payload is unreadable.
 */
export const OUTBOX_FAILURES = ['never_opened', 'blocked', 'conversation_gone', 'rejected', 'gave_up', 'outcome_unknown', 'unreadable'] as const;
export type OutboxFailure = (typeof OUTBOX_FAILURES)[number];

export function failureOf(reason: string | null): OutboxFailure | null {
  return (OUTBOX_FAILURES as readonly string[]).includes(reason ?? '') ? (reason as OutboxFailure) : null;
}
