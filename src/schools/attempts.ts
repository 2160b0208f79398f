/**
 * The hourly attempt limit of account links and one-time codes: what a user typed in a loop would
 * otherwise reveal who studies where, or guess a code.
 */
export const ATTEMPT_WINDOW_MS = 3600 * 1000;

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - ATTEMPT_WINDOW_MS);
}

/**
 * Minutes to wait before the next attempt is allowed (0: allowed now), from the times of the
 * attempts that count, made since windowStart(now). The wait ends when enough of them have left
 * the window, not an hour after the last one.
 */
export function minutesToWait(attempts: Date[], limit: number, now: Date): number {
  if (attempts.length < limit) return 0;
  const sorted = [...attempts].sort((a, b) => a.getTime() - b.getTime());
  const freeing = sorted[attempts.length - limit]!;
  return Math.max(1, Math.ceil((freeing.getTime() + ATTEMPT_WINDOW_MS - now.getTime()) / 60_000));
}
