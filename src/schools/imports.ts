/**
 * SIECLE imports as jobs: a file is uploaded (chat or CLI), then a background job validates it and
 * applies it all at once, or fails at a step and changes nothing. The job's row records who ran it,
 * when, and every problem, for the referent's card and downloadable report (import-report.ts).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDateTime } from '../i18n/dates.js';
import type { Lang } from '../i18n/lang.js';
import type { ImportsTable } from '../store/schema-schools.js';
import { messages } from '../i18n/messages.js';
import { ImportRefusedError, NotAllowedError, UnknownSchoolError } from './errors.js';
import type { ImportJob, ImportReport, ImportState } from './import-job.js';
import { FILE_CHUNK_BYTES, type ImportRepository } from './import-repository.js';
import type { ImportCounts, School } from './model.js';
import { staffMembership, type SchoolDeps } from './schools.js';
import { SiecleFileError } from './siecle/types.js';
import { downloadToFile } from './upload.js';

/** States of a job that has ended: its file is gone and nothing more happens to it. */
const ENDED: readonly ImportState[] = ['imported', 'failed', 'superseded'];

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
 * Where the job's file can be read: its stored chunks, written to `work`; for a file sent in chat,
 * fetched into `work` now (the turn only recorded where); for a job uploaded before the chunks
 * were stored, its file on this disk.
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
  if (job.downloadUrl) return fetchSentFile(job, job.downloadUrl, work, deps);
  if (!job.filePath) return null;
  try {
    await access(job.filePath);
    return job.filePath;
  } catch {
    return null;
  }
}

/** The download's refusals, in the job's report like any other problem of the file, in both languages. */
async function fetchSentFile(job: ImportJob, url: string, work: string, deps: ImportDeps): Promise<string> {
  try {
    return await downloadToFile({ url, name: job.fileName, dir: work, maxBytes: deps.maxImportBytes });
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    const text = (lang: Lang) => {
      const s = messages(lang).school;
      return error.reason === 'too_big' ? s.errFileTooBig(Math.round(deps.maxImportBytes / (1024 * 1024))) : s.errDownload;
    };
    throw new SiecleFileError(error.reason === 'too_big' ? 'too_big' : 'download_failed', text('fr'), text('en'));
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
    await deps.imports.update(job.id, { ...change, file_path: null, download_url: null, finished_at: now.toISOString() }, now);
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
    // Stored in the report in both languages: the reader's own locale is not known here.
    const when = (lang: Lang) => formatDateTime(newer.createdAt, { lang });
    const fileError = {
      code: 'superseded',
      message: `Non appliqué : un export plus récent de l’établissement (« ${newer.fileName} », déposé le ${when('fr')}) a été importé ou est en cours d’import.`,
      messageEn: `Not applied: a newer export of the school (“${newer.fileName}”, uploaded on ${when('en')}) was imported or is being imported.`,
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
    // The SIECLE readers (zip, XML, CSV, encodings) load with the first import, not with the bot.
    const { parseSiecleExport } = await import('./siecle/parse.js');
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
