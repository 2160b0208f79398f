/** Table types of what instances share to run their jobs (migration 008). */

/** One row per job and period that runs once across instances. */
export interface JobLeasesTable {
  job_name: string;
  /** The period a run belongs to, e.g. a Paris day "2026-03-02". */
  period_key: string;
  /** The process that took it (host, pid, a random part). */
  holder: string;
  /** Until then no other instance takes it; after it, a run not finished is taken over. */
  until: string;
  /** Set when the run ended well: the period is done, for good. */
  finished_at: string | null;
}

/** The outbox's shared pace: the earliest moment the next message may go, whichever worker sends it. */
export interface OutboxBudgetTable {
  name: string;
  next_slot_at: string;
}

export interface JobTables {
  job_leases: JobLeasesTable;
  outbox_budget: OutboxBudgetTable;
}
