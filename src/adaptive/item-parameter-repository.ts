/** Calibrated challenge parameters in the store, and the answers calibration reads. Dialect-neutral queries. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AnswerRecord } from './calibration.js';
import { itemParametersSchema, type ItemParameters } from './item-parameters.js';

/**
 * The stored parameters, for createPartixBayes({ parameters }). A row that is out of range (written
 * by hand, or by an older version with other bounds) is left out: the challenge then uses its
 * defaults rather than a value the model cannot trust.
 */
export async function loadItemParameters(db: Kysely<Database>): Promise<Map<string, ItemParameters>> {
  const rows = await db.selectFrom('challenge_parameters').select(['challenge_id', 'discrimination', 'difficulty']).execute();
  const parameters = new Map<string, ItemParameters>();
  for (const row of rows) {
    const parsed = itemParametersSchema.safeParse({ discrimination: Number(row.discrimination), difficulty: Number(row.difficulty) });
    if (parsed.success) parameters.set(row.challenge_id, parsed.data);
  }
  return parameters;
}

export async function saveItemParameters(
  db: Kysely<Database>,
  entries: ReadonlyArray<{ challengeId: string; parameters: ItemParameters; answers: number }>,
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (const e of entries) {
      const values = {
        discrimination: e.parameters.discrimination,
        difficulty: e.parameters.difficulty,
        answers_count: e.answers,
        updated_at: stamp,
      };
      await trx
        .insertInto('challenge_parameters')
        .values({ challenge_id: e.challengeId, ...values })
        .onConflict((oc) => oc.column('challenge_id').doUpdateSet(values))
        .execute();
    }
  });
}

/** Every recorded answer, one sitting per test (assessment). */
export async function readAnswerRecords(db: Kysely<Database>): Promise<AnswerRecord[]> {
  const rows = await db
    .selectFrom('answers')
    .select(['assessment_id', 'challenge_id', 'status'])
    .orderBy('assessment_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ sittingId: r.assessment_id, challengeId: r.challenge_id, status: r.status }));
}
