/** Table types for Kysely. Timestamps are ISO-8601 strings and booleans 0/1, the same in SQLite and PostgreSQL. */
import type { Generated } from 'kysely';
import type { SchoolTables } from './schema-schools.js';
import type { JobTables } from './schema-jobs.js';

export interface UsersTable {
  id: string;
  /** Teams user id (29:…), unique per bot. */
  teams_user_id: string;
  aad_object_id: string | null;
  tenant_id: string | null;
  name: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationRefsTable {
  user_id: string;
  service_url: string;
  tenant_id: string | null;
  teams_user_id: string;
  conversation_id: string;
  bot_id: string;
  bot_name: string | null;
  channel_id: string;
  updated_at: string;
}

export interface AssessmentsTable {
  id: string;
  user_id: string;
  /** competence | discovery */
  kind: string;
  competence_id: string | null;
  /**
   * started | completed | reset | abandoned (a duplicate running test that migration 005 set aside;
   * at most one test per student and competence, or sitting per kind, is started: unique indexes).
   */
  state: string;
  strategy: string;
  /** 1 for the first pass, +1 per "retenter". */
  pass: number;
  pending_challenge_id: string | null;
  pending_since: string | null;
  /** Message id of the challenge card, to update it in place after the answer. */
  pending_activity_id: string | null;
  /** Seed of this pass's random draws, so that a replayed turn draws the same. */
  seed: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface AnswersTable {
  id: string;
  assessment_id: string;
  user_id: string;
  challenge_id: string;
  skill_id: string;
  competence_id: string | null;
  value: string;
  /** ok | ko | skipped | timedout */
  status: string;
  elapsed_seconds: number | null;
  activity_id: string | null;
  created_at: string;
}

export interface KnowledgeElementsTable {
  id: Generated<number>;
  user_id: string;
  competence_id: string;
  skill_id: string;
  /** validated | invalidated */
  status: string;
  /** direct | inferred */
  source: string;
  answer_id: string;
  created_at: string;
  /** Set when a reset or an improvement pass forgets the element; kept as history. */
  dropped_at: string | null;
}

/** Calibrated difficulty and discrimination of a challenge (level scale), with the answers they come from. */
export interface ChallengeParametersTable {
  challenge_id: string;
  discrimination: number;
  difficulty: number;
  answers_count: number;
  updated_at: string;
}

export interface Database extends SchoolTables, JobTables {
  users: UsersTable;
  conversation_refs: ConversationRefsTable;
  assessments: AssessmentsTable;
  answers: AnswersTable;
  knowledge_elements: KnowledgeElementsTable;
  challenge_parameters: ChallengeParametersTable;
}
