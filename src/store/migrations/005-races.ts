/**
 * Rules that the database, not the code, must hold when several requests or instances race:
 * - at most one running test per student and competence, and one running sitting (discovery,
 *   positioning) per student and kind: two "Commencer" clicked together cannot both insert one;
 * - an outbox row is claimed with a lease (claimed_by, claimed_until) and only set "sending" just
 *   before its own send, so that a crash leaves one ambiguous message, not a whole batch.
 */
import { sql, type Kysely, type Migration } from 'kysely';

interface RunningRow {
  id: string;
  user_id: string;
  kind: string;
  competence_id: string | null;
  created_at: string;
  answers: number | string;
}

/**
 * Duplicates that the race already created must go before the unique indexes can exist. Of each
 * group the most advanced is kept (most answers: the student's work goes on), then the oldest, then
 * the smallest id, so that every instance migrating the same data keeps the same one. The others
 * become 'abandoned' (their answers and knowledge stay as history).
 */
async function abandonDuplicates(db: Kysely<unknown>): Promise<void> {
  const rows = (await sql<RunningRow>`
    select a.id, a.user_id, a.kind, a.competence_id, a.created_at,
           (select count(*) from answers w where w.assessment_id = a.id) as answers
    from assessments a
    where a.state = 'started'
  `.execute(db)).rows;
  const groups = new Map<string, RunningRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.user_id, row.kind, row.competence_id]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const stamp = new Date().toISOString();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((x, y) => Number(y.answers) - Number(x.answers) || x.created_at.localeCompare(y.created_at) || x.id.localeCompare(y.id));
    for (const loser of group.slice(1)) {
      await sql`
        update assessments
        set state = 'abandoned', pending_challenge_id = null, pending_since = null, pending_activity_id = null, updated_at = ${stamp}
        where id = ${loser.id}
      `.execute(db);
    }
  }
}

export function racesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await abandonDuplicates(db);
      // Literal predicates (no bound parameters): PostgreSQL takes none in a CREATE INDEX.
      await db.schema
        .createIndex('assessments_running_competence_idx')
        .on('assessments')
        .columns(['user_id', 'competence_id'])
        .unique()
        .where(sql<boolean>`state = 'started' and kind = 'competence'`)
        .execute();
      // competence_id is null for sittings, and nulls never collide in a unique index: hence a second one on the kind.
      await db.schema
        .createIndex('assessments_running_sitting_idx')
        .on('assessments')
        .columns(['user_id', 'kind'])
        .unique()
        .where(sql<boolean>`state = 'started' and competence_id is null`)
        .execute();

      await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
      await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
      await db.schema.dropIndex('assessments_running_sitting_idx').execute();
      await db.schema.dropIndex('assessments_running_competence_idx').execute();
    },
  };
}
