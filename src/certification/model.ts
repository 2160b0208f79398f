/** Certification sessions, candidates and results as the use cases see them (spec §9). */
import type { AnswerStatus } from '../assessment/answers.js';
import type { Student } from '../schools/model.js';

export type SessionStatus = 'created' | 'finalised' | 'published';
/** enrolled → checked_in (identity confirmed) → started (challenges drawn) → ended (scored). */
export type CandidateState = 'enrolled' | 'checked_in' | 'started' | 'ended';
/** certified: a total above 0; rejected: a rate below 50 or a total of 0; absent: never took the test. */
export type CandidateOutcome = 'certified' | 'rejected' | 'absent';
export type CompetenceOutcome = 'validated' | 'lowered' | 'not_certified';
export type HolidayZone = 'A' | 'B' | 'C';

export interface Session {
  id: string;
  schoolId: string;
  site: string;
  room: string;
  /** Paris day, YYYY-MM-DD. */
  date: string;
  /** Paris time, HH:MM. */
  time: string;
  examiners: string;
  description: string;
  accessCode: string;
  status: SessionStatus;
  durationMinutes: number;
  openToNetwork: boolean;
  createdBy: string;
}

export interface Candidate {
  id: string;
  sessionId: string;
  studentId: string;
  state: CandidateState;
  userId: string | null;
  deadlineAt: Date | null;
  note: string | null;
  reproducibilityRate: number | null;
  totalPix: number | null;
  outcome: CandidateOutcome | null;
}

/** A candidate with the record they were enrolled from: names and birth date, to check in. */
export interface EnrolledStudent
  extends Candidate,
    Pick<Student, 'schoolId' | 'firstName' | 'secondFirstName' | 'thirdFirstName' | 'lastName' | 'usageName' | 'birthDate' | 'division'> {
  /** The account linked to the record, if any. */
  linkedUserId: string | null;
}

export interface DrawnChallenge {
  position: number;
  challengeId: string;
  competenceId: string;
  profileLevel: number;
  profilePix: number;
  askedAt: Date | null;
  status: AnswerStatus | null;
}

export interface CompetenceResult {
  competenceId: string;
  asked: number;
  correct: number;
  outcome: CompetenceOutcome;
  level: number;
  pix: number;
}

export interface SchoolCertificationSettings {
  network: string | null;
  zone: HolidayZone | null;
}
