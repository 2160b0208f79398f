/**
 * recordAnswer on PostgreSQL in one statement instead of a transaction of five round trips (BEGIN,
 * the guarded move, the answer, its knowledge, COMMIT): data-modifying CTEs, which one statement
 * applies all or nothing. The answer is written only if the guarded move changed the test, and its
 * knowledge only if the answer was written; a second answer to the same challenge fails on
 * answers_once_idx as in the transaction. SQLite has no such CTEs: its transaction stays (it is in
 * process, with no round trip).
 */
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import { directOf } from '../store/direct.js';
import type { Database } from '../store/schema.js';
import type { NewAnswer } from './model.js';

const MOVE_NEXT =
  'update assessments set pending_challenge_id = :next, pending_since = :stamp, pending_activity_id = null, updated_at = :stamp where id = :test and pending_challenge_id = :challenge returning id';
const MOVE_END =
  "update assessments set pending_challenge_id = null, pending_since = null, pending_activity_id = null, state = 'completed', completed_at = :stamp, updated_at = :stamp where id = :test and pending_challenge_id = :challenge returning id";
const ANSWER =
  'insert into answers (id, assessment_id, user_id, challenge_id, skill_id, competence_id, value, status, elapsed_seconds, activity_id, created_at) ' +
  'select :answer, moved.id, :user, :challenge, :skill, :competence, :value, :status, :elapsed::integer, :activity, :stamp from moved returning id';

interface Statement {
  text: string;
  /** The value's name of each $n, in order. */
  names: string[];
}

function statement(next: boolean, knowledgeRows: number): Statement {
  const parts = [`moved as (${next ? MOVE_NEXT : MOVE_END})`, `answer as (${ANSWER})`];
  if (knowledgeRows > 0) {
    // The rows in the order given: a later element of a skill gets the larger id (the latest wins).
    const rows = Array.from({ length: knowledgeRows }, (_, i) => `(${i}, :skill${i}, :status${i}, :source${i}, :at${i})`);
    parts.push(
      'knowledge as (insert into knowledge_elements (user_id, competence_id, skill_id, status, source, answer_id, created_at, dropped_at) ' +
        `select :user, :competence, k.skill_id, k.status, k.source, answer.id, k.created_at, null from answer, (values ${rows.join(', ')}) as k(n, skill_id, status, source, created_at) order by k.n)`,
    );
  }
  const names: string[] = [];
  const text = `with ${parts.join(', ')} select count(*)::integer as moved from moved`.replace(/(?<!:):(\w+)/g, (_, name: string) => {
    const at = names.indexOf(name);
    return `$${at >= 0 ? at + 1 : names.push(name)}`;
  });
  return { text, names };
}

/** An answer's statements, one per shape (next or end, number of knowledge rows), built once. */
export class PgAnswerWriter {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Kysely<Database>) {}

  /** True when the test moved (and the answer and its knowledge were written); false when another delivery moved it first. */
  async record(a: NewAnswer, answerId: string, stamp: string): Promise<boolean> {
    const knowledge = a.competenceId ? a.knowledge : [];
    const key = `${a.next ? 'next' : 'end'}:${knowledge.length}`;
    let s = this.statements.get(key);
    if (!s) this.statements.set(key, (s = statement(a.next !== null, knowledge.length)));
    const values: Record<string, unknown> = {
      test: a.assessment.id,
      challenge: a.challengeId,
      next: a.next?.challengeId ?? null,
      stamp,
      answer: answerId,
      user: a.assessment.userId,
      skill: a.skillId,
      competence: a.competenceId,
      value: a.value,
      status: a.status,
      elapsed: a.elapsedSeconds,
      activity: a.activityId,
    };
    knowledge.forEach((k, i) => {
      values[`skill${i}`] = k.skillId;
      values[`status${i}`] = k.status;
      values[`source${i}`] = k.source;
      values[`at${i}`] = k.createdAt.toISOString();
    });
    const parameters = s.names.map((name) => values[name]);
    const result = (await (directOf(this.db)?.run(s.text, parameters) ?? this.db.executeQuery(CompiledQuery.raw(s.text, parameters)))) as QueryResult<{ moved: number }>;
    return result.rows[0]?.moved === 1;
  }
}
