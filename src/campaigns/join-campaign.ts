/**
 * A student joins a campaign by its card or by typing its code (spaces and lower case accepted).
 * Only an active student of the campaign's school may; joining twice resumes the same participation.
 */
import { normalizeCampaignCode } from './code.js';
import type { CampaignDeps } from './deps.js';
import { CampaignArchivedError, DisabledStudentError, NotStudentOfSchoolError, UnknownCampaignCodeError } from './errors.js';
import type { Campaign, Participation } from './model.js';

export async function joinCampaign({
  userId,
  code,
  externalId = null,
  deps,
}: {
  userId: string;
  code: string;
  externalId?: string | null;
  deps: CampaignDeps;
}): Promise<{ campaign: Campaign; participation: Participation; created: boolean }> {
  const normalized = normalizeCampaignCode(code);
  const campaign = normalized ? await deps.campaigns.findByCode(normalized) : null;
  if (!campaign) throw new UnknownCampaignCodeError(code);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  const records = await deps.schools.students.studentsOfUser(userId);
  const ofSchool = records.filter((r) => r.schoolId === campaign.schoolId);
  if (ofSchool.length === 0) throw new NotStudentOfSchoolError(records.length ? 'other_school' : 'not_linked');
  const record = ofSchool.find((r) => r.active);
  if (!record) throw new DisabledStudentError();
  const latest = await deps.campaigns.latestParticipation(campaign.id, userId);
  if (latest) return { campaign, participation: latest, created: false };
  const { participation, created } = await deps.campaigns.join({
    campaignId: campaign.id,
    userId,
    studentId: record.id,
    attempt: 1,
    // A profile collection has no test: there is only the profile to send.
    state: campaign.type === 'assessment' ? 'started' : 'finished',
    externalId: externalId?.trim().slice(0, 255) || null,
    now: deps.clock(),
  });
  return { campaign, participation, created };
}
