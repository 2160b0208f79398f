/** Table types of schools, people, students, imports and the outbox (migration 003). */
import type { Generated } from 'kysely';
import type { ImportState, ImportStep } from '../schools/import-job.js';
import type { CodeAttemptOutcome, LinkAttemptOutcome, StaffRole } from '../schools/model.js';

/**
 * pending | sending | sent | failed. "sending" is set row by row just before the row's own send:
 * only a row in that state can have been shown by Teams without being recorded as sent.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface SchoolsTable {
  id: string;
  /** UAJ/UAI: 7 digits and a letter. */
  uaj: string;
  name: string;
  /** Microsoft tenant of the school's staff, learned when the referent claims the school. */
  tenant_id: string | null;
  created_at: string;
}

export interface MembershipsTable {
  id: Generated<number>;
  school_id: string;
  user_id: string;
  role: StaffRole;
  can_create_campaigns: number;
  granted_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface InvitationsTable {
  /** SHA-256 of the code: a leaked database does not leak usable codes. */
  code_hash: string;
  school_id: string;
  kind: StaffRole;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_by: string | null;
  used_at: string | null;
}

export interface StudentsTable {
  id: string;
  school_id: string;
  ine: string;
  last_name: string;
  usage_name: string | null;
  first_name: string;
  second_first_name: string | null;
  third_first_name: string | null;
  birth_date: string;
  sex: string | null;
  birth_country_code: string | null;
  birth_department_code: string | null;
  birth_city_code: string | null;
  birth_city: string | null;
  mef_code: string | null;
  status: string | null;
  division: string;
  /** JSON array of group names; written by imports, compared by re-imports, not read otherwise. */
  groups: string;
  active: number;
  user_id: string | null;
  linked_at: string | null;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface ImportsTable {
  id: string;
  school_id: string;
  /** Who ran it: a user id (chat) or null for the operator's command. */
  run_by: string | null;
  run_by_label: string;
  file_name: string;
  /** Unused since migration 004 (the file waits in import_files); read only for jobs uploaded before it. */
  file_path: string | null;
  format: 'xml' | 'csv' | null;
  encoding: string | null;
  /** superseded: a newer export of the school was applied first; this one never is, and its file is deleted. */
  state: ImportState;
  failed_step: ImportStep | null;
  /** JSON: { imported, updated, unchanged, disabled, skipped, errors }, read through a zod schema. */
  counts: string | null;
  /** JSON: every problem, skipped student and file error, for the downloadable report; read through a zod schema. */
  report: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  /** A file sent in chat, until its job has fetched it (migration 007); cleared when the job ends. */
  download_url: string | null;
  /** The chat message that sent the file: a redelivery of it finds this job (unique with run_by). */
  activity_id: string | null;
}

export interface ReconciliationAttemptsTable {
  id: Generated<number>;
  user_id: string;
  outcome: LinkAttemptOutcome;
  created_at: string;
}

/** A one-time code typed in chat (migration 006): counted per user and hour. */
export interface CodeAttemptsTable {
  id: Generated<number>;
  user_id: string;
  outcome: CodeAttemptOutcome;
  created_at: string;
}

/** A referent detached an account from a student's record (migration 006). */
export interface StudentUnlinksTable {
  id: Generated<number>;
  student_id: string;
  school_id: string;
  /** The account that was linked. */
  user_id: string;
  linked_at: string | null;
  /** The referent who unlinked it. */
  unlinked_by: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  /** Same key, same message: enqueuing twice sends once. */
  idempotency_key: string;
  user_id: string;
  /** What the message is about (import-result, …): a label for the logs, open to new features. */
  kind: string;
  /** JSON of the message: { card } or { text }, read through a zod schema. */
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  /** The delivery worker that took this pending row for its batch (migration 005), until claimed_until. */
  claimed_by: string | null;
  /** After this, a row still pending (never handed to Teams) may be taken by another worker. */
  claimed_until: string | null;
}

/** The uploaded file of an import job that has not ended, in chunks of at most 1 MiB (migration 004). */
export interface ImportFilesTable {
  import_id: string;
  seq: number;
  content: Uint8Array;
  created_at: string;
}

export interface SchoolTables {
  schools: SchoolsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  students: StudentsTable;
  imports: ImportsTable;
  import_files: ImportFilesTable;
  reconciliation_attempts: ReconciliationAttemptsTable;
  code_attempts: CodeAttemptsTable;
  student_unlinks: StudentUnlinksTable;
  outbox: OutboxTable;
}
