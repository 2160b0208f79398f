/**
 * The queries of a profile (shown on every welcome and "profil") and of a test's start and end are
 * served by indexes on PostgreSQL: a sequential scan of answers, knowledge elements or tests would
 * read every student's rows for one student. The plans are PostgreSQL's own (EXPLAIN), on tables
 * filled and ANALYZEd like a deployed database of a few hundred students, for the very SQL the use
 * case sends (captured by Kysely's log).
 */
import { resolve } from 'node:path';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDeps } from '../../src/assessment/deps.js';
import { getProfile } from '../../src/assessment/profile.js';
import { AssessmentRepository } from '../../src/assessment/repository.js';
import { loadFramework } from '../../src/framework/loader.js';
import { migrate } from '../../src/store/database.js';
import type { Database } from '../../src/store/schema.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the profile index test is skipped');

const STUDENTS = 400;
const COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];
const ANSWERS_PER_TEST = 4;
const WATCHED = ['answers', 'knowledge_elements', 'assessments'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(!pgUp)('profile queries on PostgreSQL', () => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  const sent: CompiledQuery[] = [];

  beforeAll(async () => {
    const database = await freshDatabase('partix_profile_index');
    drop = database.drop;
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
      log: (event) => {
        if (event.level === 'query') sent.push(event.query);
      },
    });
    await migrate(db, 'postgres');
    // Rows as many students leave them: one test per competence, a few answers and knowledge
    // elements per test, a share of them dropped by resets.
    const competences = sql.raw(`array[${COMPETENCES.map((c) => `'${c}'`).join(',')}]`);
    await sql`insert into users (id, teams_user_id, created_at, updated_at)
      select 'u' || s, '29:' || s, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' from generate_series(1, ${STUDENTS}) s`.execute(db);
    await sql`insert into assessments (id, user_id, kind, competence_id, state, strategy, pass, seed, created_at, updated_at)
      select 'a' || s || '-' || c, 'u' || s, 'competence', (${competences})[c], case when c % 3 = 0 then 'started' else 'completed' end,
        'partix-bayes', 1, s, '2026-01-' || lpad((1 + c)::text, 2, '0') || 'T08:00:00Z', '2026-01-' || lpad((1 + c)::text, 2, '0') || 'T09:00:00Z'
      from generate_series(1, ${STUDENTS}) s, generate_series(1, ${COMPETENCES.length}) c`.execute(db);
    await sql`insert into answers (id, assessment_id, user_id, challenge_id, skill_id, competence_id, value, status, created_at)
      select 'w' || s || '-' || c || '-' || n, 'a' || s || '-' || c, 'u' || s, 'ch' || c || '-' || n, '@s' || n, (${competences})[c], '1',
        case when n % 2 = 0 then 'ok' else 'ko' end, '2026-01-' || lpad((1 + c)::text, 2, '0') || 'T08:0' || n || ':00Z'
      from generate_series(1, ${STUDENTS}) s, generate_series(1, ${COMPETENCES.length}) c, generate_series(1, ${ANSWERS_PER_TEST}) n`.execute(db);
    await sql`insert into knowledge_elements (user_id, competence_id, skill_id, status, source, answer_id, created_at, dropped_at)
      select 'u' || s, (${competences})[c], '@s' || n, case when n % 2 = 0 then 'validated' else 'invalidated' end, 'direct',
        'w' || s || '-' || c || '-' || n, '2026-01-02T08:00:00Z', case when c = 1 then '2026-01-03T08:00:00Z' end
      from generate_series(1, ${STUDENTS}) s, generate_series(1, ${COMPETENCES.length}) c, generate_series(1, ${ANSWERS_PER_TEST}) n`.execute(db);
    await sql`analyze`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  /** The plan of each query the run sent to the tables watched, as PostgreSQL would run it. */
  async function plansOf(run: () => Promise<unknown>): Promise<Array<{ sql: string; nodes: PlanNode[] }>> {
    sent.length = 0;
    await run();
    const queries = sent.filter((q) => WATCHED.some((t) => q.sql.includes(`"${t}"`)));
    const plans = [];
    for (const query of queries) {
      const explained = await db.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>({ ...query, sql: `explain (format json) ${query.sql}` });
      plans.push({ sql: query.sql, nodes: nodes(explained.rows[0]!['QUERY PLAN'][0]!.Plan) });
    }
    return plans;
  }

  function sequentialScans(plans: Array<{ sql: string; nodes: PlanNode[] }>) {
    return plans.flatMap((p) => p.nodes.filter((n) => n['Node Type'] === 'Seq Scan' && WATCHED.includes(n['Relation Name'] ?? '')).map((n) => `${n['Relation Name']} in ${p.sql}`));
  }

  it('a profile reads one student\'s answers, knowledge and tests through indexes, the answers through answers_user_idx', async () => {
    const deps = {
      framework: loadFramework(resolve('content')),
      assessments: new AssessmentRepository(db, 'postgres'),
      strategies: {},
      defaultStrategy: 'partix-bayes',
      settings: { highestLevel: 5, improveDelayDays: 4, resetDelayDays: 7, timerGraceSeconds: 5, discoveryLength: 5 },
      clock: () => new Date('2026-02-01T00:00:00Z'),
    } satisfies AssessmentDeps;
    const plans = await plansOf(() => getProfile({ userId: 'u123', deps }));
    expect(plans.length).toBe(3);
    expect(sequentialScans(plans)).toEqual([]);
    const answerIndexes = plans.filter((p) => p.sql.includes('"answers"')).flatMap((p) => p.nodes.map((n) => n['Index Name']));
    expect(answerIndexes).toContain('answers_user_idx');
  });

  it('the last answer on a competence (start, improve, reset) is read through answers_user_idx, and a test\'s end reads no table whole', async () => {
    const repository = new AssessmentRepository(db, 'postgres');
    const plans = await plansOf(() => repository.lastAnswerAt('u123', '2.1'));
    expect(sequentialScans(plans)).toEqual([]);
    expect(plans.flatMap((p) => p.nodes.map((n) => n['Index Name']))).toContain('answers_user_idx');
    const end = await plansOf(async () => {
      await repository.answers('a123-4');
      await repository.knowledge('u123', '2.1');
      await repository.find('a123-4');
    });
    expect(end.length).toBe(3);
    expect(sequentialScans(end)).toEqual([]);
  });
});
