/**
 * SIECLE imports as jobs: a file is uploaded (chat or CLI), then a background job validates it and
 * applies it all at once, or fails at a step and changes nothing. The job's row records who ran it,
 * when, and every problem, for the referent's card and downloadable report.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Lang } from '../i18n/messages.js';
import type { Database } from '../store/schema.js';
import type { ImportsTable } from '../store/schema-schools.js';
import { NotAllowedError, UnknownSchoolError } from './errors.js';
import type { ImportCounts, School } from './model.js';
import { staffMembership, type SchoolDeps } from './schools.js';
import { parseSiecleExport } from './siecle/parse.js';
import { SiecleFileError, type ImportProblem, type SkippedStudent } from './siecle/types.js';

/**
 * validating: a job runner has taken it (several instances may poll the same database).
 * superseded: a newer export of the same school was applied, or is on its way, before this one could
 * be: it is never applied (the school would go back to older data), and the referent is told.
 */
export type ImportState = 'uploaded' | 'validating' | 'validated' | 'imported' | 'failed' | 'superseded';

/** States of a job that has ended: its file is gone and nothing more happens to it. */
const ENDED: readonly ImportState[] = ['imported', 'failed', 'superseded'];

/** The uploaded file is stored, and read back, in chunks of this size: never held whole in memory. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/** A job taken longer ago than this, and not finished, was abandoned by a runner that stopped. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

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

/** A file error, problem or skipped student of a report in the reader's language (French if the report predates English). */
export function reportText(item: { message: string; messageEn?: string }, lang: Lang): string {
  return lang === 'en' ? (item.messageEn ?? item.message) : item.message;
}

export interface ImportJob {
  id: string;
  schoolId: string;
  runBy: string | null;
  runByLabel: string;
  fileName: string;
  filePath: string | null;
  state: ImportState;
  failedStep: 'validation' | 'import' | null;
  counts: (ImportCounts & { skipped: number; errors: number }) | null;
  report: ImportReport | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function toJob(r: ImportsTable): ImportJob {
  return {
    id: r.id,
    schoolId: r.school_id,
    runBy: r.run_by,
    runByLabel: r.run_by_label,
    fileName: r.file_name,
    filePath: r.file_path,
    state: r.state as ImportState,
    failedStep: r.failed_step as ImportJob['failedStep'],
    counts: r.counts ? JSON.parse(r.counts) : null,
    report: r.report ? JSON.parse(r.report) : null,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  };
}

export class ImportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The job and its uploaded file, together: a job never exists without its file. */
  async create(args: {
    schoolId: string;
    runBy: string | null;
    runByLabel: string;
    fileName: string;
    /** The file's bytes, in chunks of at most FILE_CHUNK_BYTES, each stored as it comes. */
    chunks: AsyncIterable<Uint8Array>;
    now: Date;
  }): Promise<ImportJob> {
    const stamp = args.now.toISOString();
    const row: ImportsTable = {
      id: randomUUID(),
      school_id: args.schoolId,
      run_by: args.runBy,
      run_by_label: args.runByLabel,
      file_name: args.fileName,
      file_path: null,
      format: null,
      encoding: null,
      state: 'uploaded',
      failed_step: null,
      counts: null,
      report: null,
      created_at: stamp,
      updated_at: stamp,
      finished_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('imports').values(row).execute();
      let seq = 0;
      for await (const chunk of args.chunks) {
        await trx.insertInto('import_files').values({ import_id: row.id, seq: seq++, content: chunk, created_at: stamp }).execute();
      }
      // An empty file is still a file (the job says it is empty): one empty chunk.
      if (seq === 0) await trx.insertInto('import_files').values({ import_id: row.id, seq, content: new Uint8Array(0), created_at: stamp }).execute();
    });
    return toJob(row);
  }

  /**
   * The uploaded file of a job that has not ended, whichever instance received it, a chunk at a
   * time; nothing once the job has ended.
   */
  async *fileChunks(id: string): AsyncIterable<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const row = await this.db.selectFrom('import_files').select('content').where('import_id', '=', id).where('seq', '=', seq).executeTakeFirst();
      if (!row) return;
      yield row.content;
    }
  }

  /** Nothing of the student list is kept once its job has ended, as the file on disk was deleted before. */
  async dropFile(id: string): Promise<void> {
    await this.db.deleteFrom('import_files').where('import_id', '=', id).execute();
  }

  async find(id: string): Promise<ImportJob | null> {
    const row = await this.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /** Jobs a restart must pick up again. */
  async unfinished(): Promise<ImportJob[]> {
    const rows = await this.db.selectFrom('imports').selectAll().where('state', 'in', ['uploaded', 'validating', 'validated']).orderBy('created_at').execute();
    return rows.map(toJob);
  }

  /**
   * Takes a job for this runner: a new one, or one whose runner stopped midway. A guarded update,
   * so that of two instances polling the same database only one runs it.
   */
  async claim(id: string, now: Date): Promise<boolean> {
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    const result = await this.db
      .updateTable('imports')
      .set({ state: 'validating', updated_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('state', '=', 'uploaded'), eb.and([eb('state', 'in', ['validating', 'validated']), eb('updated_at', '<', staleBefore)])]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * A job of the same school uploaded after this one that was applied, or is still on its way:
   * either way this one must not be applied (the newest export wins).
   */
  async newerThan(job: ImportJob): Promise<ImportJob | null> {
    const row = await this.db
      .selectFrom('imports')
      .selectAll()
      .where('school_id', '=', job.schoolId)
      .where('id', '!=', job.id)
      .where('created_at', '>', job.createdAt.toISOString())
      .where('state', 'in', ['imported', 'uploaded', 'validating', 'validated'])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async recent(schoolId: string, limit = 5): Promise<ImportJob[]> {
    const rows = await this.db.selectFrom('imports').selectAll().where('school_id', '=', schoolId).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toJob);
  }

  async update(id: string, change: Partial<Omit<ImportsTable, 'id'>>, now: Date): Promise<void> {
    await this.db.updateTable('imports').set({ ...change, updated_at: now.toISOString() }).where('id', '=', id).execute();
  }
}

export interface ImportDeps extends SchoolDeps {
  imports: ImportRepository;
  maxImportBytes: number;
  /** Told when a job ends (imported, failed or superseded): the referent's notification. */
  onFinished: (job: ImportJob, school: School) => Promise<void>;
  /** Wakes the job runner up, so that a new upload does not wait for the next poll. */
  kick?: () => void;
}

/**
 * Records an uploaded file as an import job of the school; the job runner does the rest. The file
 * (already downloaded, within the size limit) is copied into the database, so that any instance can
 * run the job; the caller keeps its file (and deletes it if it was a download).
 */
export async function requestImport({
  userId,
  uaj,
  fileName,
  filePath,
  deps,
}: {
  userId: string | null;
  uaj?: string;
  fileName: string;
  filePath: string;
  deps: ImportDeps;
}): Promise<{ job: ImportJob; school: School }> {
  let school: School | null;
  if (userId) {
    school = (await staffMembership({ userId, uaj, role: 'referent', deps })).school;
  } else {
    if (!uaj) throw new NotAllowedError('referent');
    school = await deps.schools.schoolByUaj(uaj.trim().toUpperCase());
    if (!school) throw new UnknownSchoolError(uaj);
  }
  const job = await deps.imports.create({
    schoolId: school.id,
    runBy: userId,
    runByLabel: userId ? 'chat' : 'partix import siecle',
    fileName,
    chunks: createReadStream(filePath, { highWaterMark: FILE_CHUNK_BYTES }),
    now: deps.clock(),
  });
  return { job, school };
}

/**
 * Where the job's file can be read: its stored chunks, written to `work`, or for a job uploaded
 * before they were stored, its file on this disk.
 */
async function fileToRead(job: ImportJob, work: string, deps: ImportDeps): Promise<string | null> {
  const path = join(work, 'export');
  let stored = false;
  await pipeline(
    (async function* () {
      for await (const chunk of deps.imports.fileChunks(job.id)) {
        stored = true;
        yield chunk;
      }
    })(),
    createWriteStream(path),
  );
  if (stored) return path;
  if (!job.filePath) return null;
  try {
    await access(job.filePath);
    return job.filePath;
  } catch {
    return null;
  }
}

/**
 * Validates then applies one job. All or nothing: any error in the file fails the job at
 * validation, any failure while writing rolls the transaction back; the school's data is then
 * exactly as before.
 */
export async function runImport({ importId, deps }: { importId: string; deps: ImportDeps }): Promise<ImportJob> {
  const job = await deps.imports.find(importId);
  if (!job) throw new Error(`import ${importId} not found`);
  if (ENDED.includes(job.state)) return job;
  if (!(await deps.imports.claim(job.id, deps.clock()))) return job;
  const school = (await deps.schools.schoolById(job.schoolId))!;
  const finish = async (change: Partial<ImportsTable>) => {
    const now = deps.clock();
    await deps.imports.update(job.id, { ...change, file_path: null, finished_at: now.toISOString() }, now);
    await deps.imports.dropFile(job.id);
    if (job.filePath) await rm(job.filePath, { force: true });
    const done = (await deps.imports.find(job.id))!;
    await deps.onFinished(done, school);
    return done;
  };
  const fail = (step: 'validation' | 'import', report: ImportReport, counts: ImportJob['counts'] = null) =>
    finish({ state: 'failed', failed_step: step, report: JSON.stringify(report), counts: counts ? JSON.stringify(counts) : null });
  // Asked before reading the file (a job taken over late need not be validated at all) and again
  // just before applying it (a newer one may have come in while this one was validated).
  const superseded = async () => {
    const newer = await deps.imports.newerThan(job);
    if (!newer) return null;
    const when = (locale: string) => newer.createdAt.toLocaleString(locale, { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
    const fileError = {
      code: 'superseded',
      message: `Non appliqué : un export plus récent de l’établissement (« ${newer.fileName} », déposé le ${when('fr-FR')}) a été importé ou est en cours d’import.`,
      messageEn: `Not applied: a newer export of the school (“${newer.fileName}”, uploaded on ${when('en-GB')}) was imported or is being imported.`,
    };
    return finish({ state: 'superseded', report: JSON.stringify({ fileError, errors: [], skipped: [] }) });
  };
  const before = await superseded();
  if (before) return before;

  let parsed;
  // The readers stream from a file: the stored bytes are written to a private temporary folder.
  const work = await mkdtemp(join(tmpdir(), 'partix-import-'));
  try {
    const path = await fileToRead(job, work, deps);
    if (!path) {
      throw new SiecleFileError('file_missing', 'Le fichier de cet import n’est plus disponible : déposez-le à nouveau.', 'The file of this import is no longer available: upload it again.');
    }
    parsed = await parseSiecleExport({ path, fileName: job.fileName }, { expectedUaj: school.uaj, maxBytes: deps.maxImportBytes });
  } catch (error) {
    if (!(error instanceof SiecleFileError)) throw error;
    return fail('validation', { fileError: { code: error.code, message: error.message, messageEn: error.messageEn }, errors: [], skipped: [] });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const report: ImportReport = { fileError: null, errors: parsed.errors, skipped: parsed.skipped };
  const base = { imported: 0, updated: 0, unchanged: 0, disabled: 0, skipped: parsed.skipped.length, errors: parsed.errors.length };
  if (parsed.errors.length > 0) return fail('validation', report, base);
  await deps.imports.update(job.id, { state: 'validated', format: parsed.format, encoding: parsed.encoding }, deps.clock());
  const after = await superseded();
  if (after) return after;
  let counts: ImportCounts;
  try {
    counts = await deps.schools.students.applyImport(school.id, parsed.students, deps.clock(), parsed.format);
  } catch (error) {
    const detail = (error as Error).message;
    const fileError = { code: 'write_failed', message: `L’enregistrement a échoué, rien n’a été modifié : ${detail}`, messageEn: `Saving failed, nothing was changed: ${detail}` };
    return fail('import', { ...report, fileError }, base);
  }
  return finish({ state: 'imported', report: JSON.stringify(report), counts: JSON.stringify({ ...base, ...counts }) });
}

/**
 * The whole report as CSV (UTF-8 with BOM, `;`, CRLF), for a spreadsheet. It is laid out for French
 * spreadsheets (`;`, French headers and types), and one link serves every referent of the school
 * whatever their language: so the English text is a last column beside the French, left empty
 * for reports stored before it existed. Names and INEs come from the school's file: a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading `'`.
 */
export function importReportCsv(job: ImportJob): string {
  const rows: Array<Array<string | number | null | undefined>> = [['Type', 'INE', 'Ligne', 'Champ', 'Message', 'Message (English)']];
  const report = job.report;
  if (report?.fileError) rows.push(['Fichier refusé', '', '', '', report.fileError.message, report.fileError.messageEn]);
  for (const e of report?.errors ?? []) rows.push(['Erreur', e.ine, e.line, e.field, e.message, e.messageEn]);
  for (const s of report?.skipped ?? []) rows.push(['Élève ignoré', s.ine, '', '', s.message, s.messageEn]);
  return stringify(rows, { delimiter: ';', record_delimiter: 'windows', bom: true, quoted: true, quoted_empty: true, escape_formulas: true });
}
