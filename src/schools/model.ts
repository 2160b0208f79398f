/** Schools, their staff and their students as the use cases see them. */
import type { ReconciliationRefusal } from './errors.js';

export interface School {
  id: string;
  uaj: string;
  name: string;
  tenantId: string | null;
}

export type StaffRole = 'referent' | 'teacher';

export interface Membership {
  id: number;
  school: School;
  userId: string;
  role: StaffRole;
  canCreateCampaigns: boolean;
}

/** A member of a school's staff as the referent's list shows them. */
export interface StaffMember {
  membershipId: number;
  userId: string;
  name: string | null;
  role: StaffRole;
  canCreateCampaigns: boolean;
  since: string;
}

export interface Student {
  id: string;
  schoolId: string;
  ine: string;
  firstName: string;
  secondFirstName: string | null;
  thirdFirstName: string | null;
  lastName: string;
  usageName: string | null;
  birthDate: string;
  division: string;
  active: boolean;
  userId: string | null;
}

/** A student's record as staff see it: with the display name of the Teams account linked to it. */
export interface LinkedRecord extends Student {
  accountName: string | null;
  linkedAt: string | null;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  disabled: number;
}

/** How an account-link attempt ended: linked, or the reason it was refused. */
export type LinkAttemptOutcome = 'linked' | ReconciliationRefusal;

/** A one-time code typed in chat: a code that worked is no guess, and does not count against the user. */
export type CodeAttemptOutcome = 'claimed' | 'invalid';
