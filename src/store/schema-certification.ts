/** Table types of the certification season and its reminders (migration 013). */
import type { AnswerStatus } from '../assessment/answers.js';
import type { CandidateOutcome, CandidateState, CompetenceOutcome, HolidayZone, SessionStatus } from '../certification/model.js';

export interface CertificationSchoolSettingsTable {
  school_id: string;
  /** The schools of one network (e.g. "réseau Eclère") may enrol in each other's open sessions. */
  network: string | null;
  /** A, B or C: the school holidays its reminders respect; null: derived from the UAJ's department. */
  holiday_zone: HolidayZone | null;
  updated_at: string;
}

export interface CertificationSessionsTable {
  id: string;
  school_id: string;
  site: string;
  room: string;
  /** Paris day, YYYY-MM-DD. */
  date: string;
  /** Paris time, HH:MM. */
  time: string;
  examiners: string;
  description: string;
  access_code: string;
  status: SessionStatus;
  duration_minutes: number;
  /** 1: referents of the host's network enrol their own students. */
  open_to_network: number;
  created_by: string;
  created_at: string;
  finalised_at: string | null;
  published_at: string | null;
  /** The request that created it (migration 016), unique: two clicks on one form make one session. */
  creation_key: string | null;
}

export interface CertificationCandidatesTable {
  id: string;
  session_id: string;
  student_id: string;
  /** The referent who enrolled them (of the host school or of a partner school). */
  enrolled_by: string;
  state: CandidateState;
  /** The Teams account that checked in. */
  user_id: string | null;
  checked_in_at: string | null;
  started_at: string | null;
  /** The test ends by then, answered or not. */
  deadline_at: string | null;
  ended_at: string | null;
  /** The referent's note at finalisation (an incident, an absence). */
  note: string | null;
  reproducibility_rate: number | null;
  total_pix: number | null;
  outcome: CandidateOutcome | null;
  created_at: string;
}

export interface CertificationChallengesTable {
  candidate_id: string;
  position: number;
  challenge_id: string;
  competence_id: string;
  /** The competence's level and pix in the profile when the test started: what certification confirms or lowers. */
  profile_level: number;
  profile_pix: number;
  /** When the challenge was first shown: its timer runs from then, even across a restart. */
  asked_at: string | null;
  answered_at: string | null;
  value: string | null;
  status: AnswerStatus | null;
}

export interface CertificationResultsTable {
  candidate_id: string;
  competence_id: string;
  asked: number;
  correct: number;
  outcome: CompetenceOutcome;
  level: number;
  pix: number;
}

export interface ReminderPreferencesTable {
  user_id: string;
  enabled: number;
  updated_at: string;
}

export interface CertificationTables {
  certification_school_settings: CertificationSchoolSettingsTable;
  certification_sessions: CertificationSessionsTable;
  certification_candidates: CertificationCandidatesTable;
  certification_challenges: CertificationChallengesTable;
  certification_results: CertificationResultsTable;
  reminder_preferences: ReminderPreferencesTable;
}
