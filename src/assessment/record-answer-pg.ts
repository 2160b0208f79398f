/**
 * recordAnswer on PostgreSQL in one statement instead of a transaction of five round trips (BEGIN,
 * the guarded move, the answer, its knowledge, COMMIT): data-modifying CTEs, which one statement
 * applies all or nothing. The answer is written only if the guarded move changed the test, and its
 * knowledge only if the answer was written; a second answer to the same challenge fails on
 * answers_once_idx as in the transaction. SQLite has no such CTEs: its transaction stays (it is in
 * process, with no round trip).
 *
 * The statement takes its answers as arrays, so that the answers of one turn of the event loop (a
 * class answering at once) are written in one round trip and one commit (batch.ts). Each test moves
 * or not on its own guard; when the statement fails (a duplicate answer, a test deleted meanwhile),
 * each answer is written again alone, so that only the failing one fails.
 */
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import { batched } from '../store/batch.js';
import { directOf } from '../store/direct.js';
import type { Database } from '../store/schema.js';
import type { NewAnswer } from './model.js';

const RECORD = [
  'with i as (select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::integer[], $12::text[])',
  '  as i(test, challenge, next, stamp, answer, usr, skill, competence, value, status, elapsed, activity)),',
  // No next challenge: the test is over.
  'moved as (update assessments a set pending_challenge_id = i.next, pending_since = case when i.next is null then null else i.stamp end, pending_activity_id = null,',
  "  state = case when i.next is null then 'completed' else a.state end, completed_at = case when i.next is null then i.stamp else a.completed_at end, updated_at = i.stamp",
  '  from i where a.id = i.test and a.pending_challenge_id = i.challenge returning a.id),',
  'answer as (insert into answers (id, assessment_id, user_id, challenge_id, skill_id, competence_id, value, status, elapsed_seconds, activity_id, created_at)',
  '  select i.answer, i.test, i.usr, i.challenge, i.skill, i.competence, i.value, i.status, i.elapsed, i.activity, i.stamp from i join moved on moved.id = i.test',
  '  returning id, assessment_id, user_id, competence_id),',
  // In the order given: a later element of a skill gets the larger id (the latest wins).
  'knowledge as (insert into knowledge_elements (user_id, competence_id, skill_id, status, source, answer_id, created_at, dropped_at)',
  '  select answer.user_id, answer.competence_id, k.skill_id, k.status, k.source, answer.id, k.created_at, null',
  '  from unnest($13::integer[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) as k(n, test, skill_id, status, source, created_at)',
  '  join answer on answer.assessment_id = k.test order by k.n)',
  'select id from moved',
].join('\n');

interface Entry {
  answer: NewAnswer;
  answerId: string;
  stamp: string;
}

/** The statement's values for these answers, one test each. */
function parameters(entries: Entry[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 18 }, () => []);
  const push = (from: number, ...values: unknown[]) => values.forEach((v, i) => columns[from + i]!.push(v));
  let n = 0;
  for (const { answer: a, answerId, stamp } of entries) {
    push(0, a.assessment.id, a.challengeId, a.next?.challengeId ?? null, stamp, answerId, a.assessment.userId, a.skillId, a.competenceId, a.value, a.status, a.elapsedSeconds, a.activityId);
    // A sitting (no competence) infers no knowledge.
    if (a.competenceId) for (const k of a.knowledge) push(12, n++, a.assessment.id, k.skillId, k.status, k.source, k.createdAt.toISOString());
  }
  return columns;
}

export class PgAnswerWriter {
  /** The answers of one turn of the event loop, written together; null when the store has no direct path (then each alone). */
  private readonly batch: ((entry: Entry) => Promise<boolean | undefined>) | null = null;

  constructor(private readonly db: Kysely<Database>) {
    if (directOf(db)?.batches) this.batch = batched((entries: Entry[]) => this.recordMany(entries));
  }

  /** True when the test moved (and the answer and its knowledge were written); false when another delivery moved it first. */
  async record(answer: NewAnswer, answerId: string, stamp: string): Promise<boolean> {
    const entry = { answer, answerId, stamp };
    if (!this.batch) return (await this.write([entry])).has(answer.assessment.id);
    return (await this.batch(entry)) === true;
  }

  private async write(entries: Entry[]): Promise<Set<string>> {
    const values = parameters(entries);
    const result = (await (directOf(this.db)?.run(RECORD, values) ?? this.db.executeQuery(CompiledQuery.raw(RECORD, values)))) as QueryResult<{ id: string }>;
    return new Set(result.rows.map((row) => row.id));
  }

  /** Each answer's outcome: moved or not, or the error that failed it alone. */
  private async recordMany(entries: Entry[]): Promise<Map<Entry, boolean | Error>> {
    const outcomes = new Map<Entry, boolean | Error>();
    const alone = async (entry: Entry) => {
      outcomes.set(entry, await this.write([entry]).then((moved) => moved.has(entry.answer.assessment.id), (error: Error) => error));
    };
    // Two answers to one test in one statement would both join its move: the first goes with the others, the next ones after it, alone.
    const firsts = new Map<string, Entry>();
    const again: Entry[] = [];
    for (const entry of entries) {
      const test = entry.answer.assessment.id;
      if (firsts.has(test)) again.push(entry);
      else firsts.set(test, entry);
    }
    const together = [...firsts.values()];
    if (together.length === 1) await alone(together[0]!);
    else {
      try {
        const moved = await this.write(together);
        for (const entry of together) outcomes.set(entry, moved.has(entry.answer.assessment.id));
      } catch {
        // One of them failed the statement, and nothing of it was written: each alone.
        await Promise.all(together.map(alone));
      }
    }
    for (const entry of again) await alone(entry);
    return outcomes;
  }
}
