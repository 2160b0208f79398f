/** An import job as the use cases and cards see it: its state, its counts and its report. */
import type { ImportCounts } from './model.js';
import type { ImportProblem, SkippedStudent } from './siecle/types.js';

/**
 * validating: a job runner has taken it (several instances may poll the same database).
 * superseded: a newer export of the same school was applied, or is on its way, before this one could
 * be: it is never applied (the school would go back to older data), and the referent is told.
 */
export type ImportState = 'uploaded' | 'validating' | 'validated' | 'imported' | 'failed' | 'superseded';

export type ImportStep = 'validation' | 'import';

/**
 * As stored: reports written before the English texts were added have no messageEn, so it is
 * optional when read back; reportText then shows the French.
 */
type Stored<T extends { messageEn: string }> = Omit<T, 'messageEn'> & { messageEn?: string };

export interface ImportReport {
  fileError: { code: string; message: string; messageEn?: string } | null;
  errors: Stored<ImportProblem>[];
  skipped: Stored<SkippedStudent>[];
}

export type ImportJobCounts = ImportCounts & { skipped: number; errors: number };

export interface ImportJob {
  id: string;
  schoolId: string;
  runBy: string | null;
  runByLabel: string;
  fileName: string;
  filePath: string | null;
  /** Where the runner fetches the file sent in chat, until the job ends; null once stored or for the CLI. */
  downloadUrl: string | null;
  state: ImportState;
  failedStep: ImportStep | null;
  counts: ImportJobCounts | null;
  report: ImportReport | null;
  createdAt: Date;
  finishedAt: Date | null;
}
