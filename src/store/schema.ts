/**
 * Table types for Kysely. Timestamps are ISO-8601 strings and booleans 0/1, the same in SQLite and
 * PostgreSQL. A column that holds one of a few values is typed with the domain's own union, so that
 * the compiler refuses a write the domain does not know and a read needs no cast.
 */
import type { Generated } from 'kysely';
import type { AnswerStatus } from '../assessment/answers.js';
import type { KnowledgeSource, KnowledgeStatus } from '../assessment/knowledge.js';
import type { AssessmentKind, AssessmentState } from '../assessment/model.js';
import type { SchoolTables } from './schema-schools.js';
import type { JobTables } from './schema-jobs.js';
import type { CertificationTables } from './schema-certification.js';
import type { CampaignTables } from './schema-campaigns.js';

export interface UsersTable {
  id: string;
  /** Teams user id (29:…), unique per bot. */
  teams_user_id: string;
  aad_object_id: string | null;
  tenant_id: string | null;
  name: string | null;
  locale: string | null;
  /** 'fr' | 'en' when the user chose one (it wins over the locale); null otherwise. */
  language: string | null;
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
  kind: AssessmentKind;
  /** Null for a sitting over several competences (discovery, positioning). */
  competence_id: string | null;
  /** At most one test per student and competence, or sitting per kind, is started: unique indexes (migration 005). */
  state: AssessmentState;
  /** The adaptive method's name, kept for the whole test; the sitting's kind for discovery and positioning. */
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
  status: AnswerStatus;
  elapsed_seconds: number | null;
  activity_id: string | null;
  created_at: string;
}

export interface KnowledgeElementsTable {
  id: Generated<number>;
  user_id: string;
  competence_id: string;
  skill_id: string;
  status: KnowledgeStatus;
  source: KnowledgeSource;
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

export interface Database extends SchoolTables, JobTables, CampaignTables, CertificationTables {
  users: UsersTable;
  conversation_refs: ConversationRefsTable;
  assessments: AssessmentsTable;
  answers: AnswersTable;
  knowledge_elements: KnowledgeElementsTable;
  challenge_parameters: ChallengeParametersTable;
}
