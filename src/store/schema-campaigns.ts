/** Table types of campaigns and participations (migration 010). */
import type { CampaignType, ParticipationState } from '../campaigns/model.js';

export interface CampaignsTable {
  id: string;
  school_id: string;
  /** 6 letters and 3 digits (spec §8), unique across schools: a student types it. */
  code: string;
  name: string;
  type: CampaignType;
  /** The ready-made target it was made from (socle-cycle-4, snt-seconde), or null for chosen competences. */
  target_name: string | null;
  title: string | null;
  landing_text: string | null;
  external_id_label: string | null;
  multiple_sendings: number;
  /** Calendar day (YYYY-MM-DD), Paris time. */
  deadline: string | null;
  owner_id: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  archived_by: string | null;
  /** Set while a push enqueues its messages: a second push waits (guarded update). */
  pushing_since: string | null;
  /** The latest reminder: at most one a day (guarded update). */
  last_reminded_at: string | null;
  /** The request that created it (migration 014), unique: two clicks on one form make one campaign. */
  creation_key: string | null;
}

export interface CampaignCompetencesTable {
  campaign_id: string;
  competence_id: string;
  /** Skills up to this level are the targeted ones. */
  level: number;
  position: number;
}

export interface CampaignDivisionsTable {
  campaign_id: string;
  division: string;
}

export interface CampaignParticipationsTable {
  id: string;
  campaign_id: string;
  user_id: string;
  /** The school record the account was linked to when it joined. */
  student_id: string;
  /** 1, then +1 per retry (multiple sendings). */
  attempt: number;
  state: ParticipationState;
  /** Percent of the target's competences finished. */
  progress: number;
  external_id: string | null;
  started_at: string;
  finished_at: string | null;
  shared_at: string | null;
  /** JSON snapshot of what was shared, read through a zod schema. */
  result: string | null;
}

export interface CampaignTables {
  campaigns: CampaignsTable;
  campaign_competences: CampaignCompetencesTable;
  campaign_divisions: CampaignDivisionsTable;
  campaign_participations: CampaignParticipationsTable;
}
