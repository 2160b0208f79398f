/**
 * The `partix calibrate` use case: fit the challenges' parameters from the stored answers, keep the
 * ones that pass, report every change. Refused as a whole, with nothing written, when no challenge
 * has enough answers yet.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../domain-error.js';
import type { Framework } from '../framework/model.js';
import type { Database } from '../store/schema.js';
import { calibrate, DEFAULT_CALIBRATION_OPTIONS, type CalibrationOptions, type CalibrationResult } from './calibration.js';
import { loadItemParameters, readAnswerRecords, saveItemParameters } from './item-parameter-repository.js';

export class NotEnoughAnswersError extends DomainError {
  constructor(
    readonly minAnswers: number,
    readonly mostAnswered: number,
    readonly result: CalibrationResult,
  ) {
    super(
      `Calibration refusée : aucune épreuve n'a ${minAnswers} réponses (la plus répondue en a ${mostAnswered}). Les paramètres restent inchangés.`,
    );
  }
}

export interface CalibrationReport extends CalibrationResult {
  written: number;
  dryRun: boolean;
}

export async function calibrateBank({
  db,
  framework,
  options,
  dryRun,
  now,
}: {
  db: Kysely<Database>;
  framework: Framework;
  options?: Partial<CalibrationOptions>;
  dryRun: boolean;
  now: Date;
}): Promise<CalibrationReport> {
  const answers = await readAnswerRecords(db);
  const current = await loadItemParameters(db);
  const result = calibrate({ framework, answers, current, options });
  const updated = result.changes.filter((c) => c.status === 'updated');
  const enough = result.changes.filter((c) => c.status !== 'too-few-answers');
  if (enough.length === 0) {
    const minAnswers = options?.minAnswers ?? DEFAULT_CALIBRATION_OPTIONS.minAnswers;
    throw new NotEnoughAnswersError(minAnswers, Math.max(0, ...result.changes.map((c) => c.answers)), result);
  }
  if (!dryRun) {
    await saveItemParameters(
      db,
      updated.map((c) => ({ challengeId: c.challengeId, parameters: c.fitted!, answers: c.answers })),
      now,
    );
  }
  return { ...result, written: dryRun ? 0 : updated.length, dryRun };
}
