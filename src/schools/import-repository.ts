/** Persistence of import jobs and of their uploaded files until the job ends. Dialect-neutral queries. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn } from '../store/json-column.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import type { Database } from '../store/schema.js';
import type { ImportsTable } from '../store/schema-schools.js';
import type { ImportJob, ImportJobCounts, ImportReport } from './import-job.js';

/** The uploaded file is stored, and read back, in chunks of this size: never held whole in memory. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/** A job taken longer ago than this, and not finished, was abandoned by a runner that stopped. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

const count = z.number().int().nonnegative();
const countsSchema = z.object({ imported: count, updated: count, unchanged: count, disabled: count, skipped: count, errors: count }) satisfies z.ZodType<ImportJobCounts>;

/** Absent from reports written before the English texts (and from problems without a line or field). */
const englishText = z.string().optional();
const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const reportSchema = z.object({
  fileError: orNull(z.object({ code: z.string(), message: z.string(), messageEn: englishText })),
  errors: z.array(
    z.object({ ine: orNull(z.string()), line: orNull(z.number()), field: orNull(z.string()), code: z.string(), message: z.string(), messageEn: englishText }),
  ),
  skipped: z.array(
    z.object({ ine: orNull(z.string()), name: z.string(), reason: z.enum(['left_school', 'no_ine', 'no_division']), message: z.string(), messageEn: englishText }),
  ),
}) satisfies z.ZodType<ImportReport>;

function newRow(args: { schoolId: string; runBy: string | null; runByLabel: string; fileName: string; now: Date }): ImportsTable {
  const stamp = args.now.toISOString();
  return {
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
    download_url: null,
    activity_id: null,
  };
}

function toJob(r: ImportsTable): ImportJob {
  return {
    id: r.id,
    schoolId: r.school_id,
    runBy: r.run_by,
    runByLabel: r.run_by_label,
    fileName: r.file_name,
    filePath: r.file_path,
    downloadUrl: r.download_url,
    state: r.state,
    failedStep: r.failed_step,
    counts: r.counts ? parseJsonColumn(countsSchema, r.counts, { table: 'imports', column: 'counts', id: r.id }) : null,
    report: r.report ? parseJsonColumn(reportSchema, r.report, { table: 'imports', column: 'report', id: r.id }) : null,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  };
}

export class ImportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The job and its uploaded file, together: a job never exists without its file (or its download, below). */
  async create(args: {
    schoolId: string;
    runBy: string | null;
    runByLabel: string;
    fileName: string;
    /** The file's bytes, in chunks of at most FILE_CHUNK_BYTES, each stored as it comes. */
    chunks: AsyncIterable<Uint8Array>;
    now: Date;
  }): Promise<ImportJob> {
    const row = newRow(args);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('imports').values(row).execute();
      let seq = 0;
      for await (const chunk of args.chunks) {
        await trx.insertInto('import_files').values({ import_id: row.id, seq: seq++, content: chunk, created_at: row.created_at }).execute();
      }
      // An empty file is still a file (the job says it is empty): one empty chunk.
      if (seq === 0) await trx.insertInto('import_files').values({ import_id: row.id, seq, content: new Uint8Array(0), created_at: row.created_at }).execute();
    });
    return toJob(row);
  }

  /**
   * A job whose file its runner fetches (a file sent in chat). The same chat message delivered
   * again finds the job of its first delivery: `created` is then false and nothing is written.
   */
  async createDownload(args: {
    schoolId: string;
    runBy: string;
    fileName: string;
    downloadUrl: string;
    activityId: string | null;
    now: Date;
  }): Promise<{ job: ImportJob; created: boolean }> {
    const known = await this.byActivity(args.runBy, args.activityId);
    if (known) return { job: known, created: false };
    const row: ImportsTable = { ...newRow({ ...args, runByLabel: 'chat' }), download_url: args.downloadUrl, activity_id: args.activityId };
    try {
      await this.db.insertInto('imports').values(row).execute();
    } catch (error) {
      // The redelivery raced the first delivery: the first one's job stands.
      const first = isUniqueViolation(error) ? await this.byActivity(args.runBy, args.activityId) : null;
      if (!first) throw error;
      return { job: first, created: false };
    }
    return { job: toJob(row), created: true };
  }

  private async byActivity(runBy: string, activityId: string | null): Promise<ImportJob | null> {
    if (!activityId) return null;
    const row = await this.db.selectFrom('imports').selectAll().where('run_by', '=', runBy).where('activity_id', '=', activityId).executeTakeFirst();
    return row ? toJob(row) : null;
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
