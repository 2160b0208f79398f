/** The students a campaign is for: the active records of its classes, each with its linked account if any. */
import type { LinkedRecord } from '../schools/model.js';
import type { CampaignDeps } from './deps.js';
import type { Campaign } from './model.js';

export async function targetedStudents(deps: CampaignDeps, campaign: Campaign): Promise<LinkedRecord[]> {
  const lists = await Promise.all(campaign.divisions.map((d) => deps.schools.students.studentsOfDivision(campaign.schoolId, d)));
  return lists.flat();
}

/** The key of one student's campaign card: enqueuing it again (a second push, a restart) sends nothing twice. */
export const pushKey = (campaignId: string, userId: string) => `campaign:${campaignId}:push:${userId}`;
export const remindKey = (campaignId: string, day: string, userId: string) => `campaign:${campaignId}:remind:${day}:${userId}`;
