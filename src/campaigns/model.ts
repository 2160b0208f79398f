/** Campaigns and participations as the use cases see them (spec §8). */
import { z } from 'zod';

/** assessment: an adaptive test over the target; profile_collection: the student sends their current profile. */
export type CampaignType = 'assessment' | 'profile_collection';

/** started → finished (to share) → shared. */
export type ParticipationState = 'started' | 'finished' | 'shared';

/** A competence of the target, up to a level: its skills of that level or below are the targeted ones. */
export interface TargetCompetence {
  competenceId: string;
  level: number;
}

/** What the teacher may set at creation, and change later (target only before anyone joined). */
export interface CampaignFields {
  name: string;
  type: CampaignType;
  /** The ready-made target it came from, or null. */
  targetName: string | null;
  /** Empty for a profile collection. */
  targets: TargetCompetence[];
  divisions: string[];
  title: string | null;
  landingText: string | null;
  externalIdLabel: string | null;
  multipleSendings: boolean;
  deadline: string | null;
}

/** A campaign as stored: the teacher's fields, and what Partix sets. */
export interface Campaign extends CampaignFields {
  id: string;
  schoolId: string;
  code: string;
  ownerId: string;
  createdAt: Date;
  archivedAt: Date | null;
  lastRemindedAt: Date | null;
}

const competenceResultSchema = z.object({
  competenceId: z.string(),
  /** The target's level for this competence (0 in a profile collection). */
  targetLevel: z.number().int(),
  targetedSkills: z.number().int(),
  validatedSkills: z.number().int(),
  level: z.number().int(),
  pix: z.number().int(),
});

/** What a student shared: the mastery of the target, or the whole profile (collection). */
export const participationResultSchema = z.object({
  competences: z.array(competenceResultSchema),
  /** Validated ÷ targeted skills over the whole target, 0 to 1 (0 for a collection). */
  mastery: z.number().min(0).max(1),
  totalPix: z.number().int(),
  certifiableCompetences: z.number().int(),
});

export type CompetenceResult = z.infer<typeof competenceResultSchema>;
export type ParticipationResult = z.infer<typeof participationResultSchema>;

export interface Participation {
  id: string;
  campaignId: string;
  userId: string;
  studentId: string;
  attempt: number;
  state: ParticipationState;
  progress: number;
  externalId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  sharedAt: Date | null;
  result: ParticipationResult | null;
}

/** Spec §9: level ≥ 1 in at least 5 competences. */
export const CERTIFIABLE_COMPETENCES = 5;
