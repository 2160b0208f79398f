/** Persistence of the attempts that are limited per user and hour: account links and one-time codes. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { CodeAttemptOutcome, LinkAttemptOutcome } from './model.js';

export class AttemptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** When the account-link attempts since `since` were made. */
  async linkAttempts(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('reconciliation_attempts')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('created_at', '>', since.toISOString())
      .execute();
    return rows.map((r) => new Date(r.created_at));
  }

  async recordAttempt(userId: string, outcome: LinkAttemptOutcome, now: Date): Promise<void> {
    await this.db.insertInto('reconciliation_attempts').values({ user_id: userId, outcome, created_at: now.toISOString() }).execute();
  }

  /** When the wrong one-time codes typed since `since` were typed: a code that worked is no guess. */
  async failedCodeAttempts(userId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('code_attempts')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('outcome', '=', 'invalid')
      .where('created_at', '>', since.toISOString())
      .execute();
    return rows.map((r) => new Date(r.created_at));
  }

  async recordCodeAttempt(userId: string, outcome: CodeAttemptOutcome, now: Date): Promise<void> {
    await this.db.insertInto('code_attempts').values({ user_id: userId, outcome, created_at: now.toISOString() }).execute();
  }
}
