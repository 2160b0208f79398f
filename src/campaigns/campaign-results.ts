/**
 * What the teacher sees of a campaign: every student of its classes (and anyone of the school who
 * joined by the code) with their progress and whether they shared; mastery, per student and per
 * competence, only for those who shared: sharing is the student's act (spec §8), and this rule is
 * decided here, not by the card that shows it.
 */
import type { LinkedRecord, School } from '../schools/model.js';
import { targetedStudents } from './audience.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';
import { competenceMastery } from './mastery.js';
import type { Campaign, ParticipationResult, ParticipationState } from './model.js';

export interface StudentResult {
  studentId: string;
  lastName: string;
  firstName: string;
  division: string;
  externalId: string | null;
  state: ParticipationState | 'not_started';
  progress: number;
  startedAt: Date | null;
  sharedAt: Date | null;
  /** Only once shared. */
  result: ParticipationResult | null;
}

export interface CampaignResults {
  campaign: Campaign;
  school: School;
  students: StudentResult[];
  summary: {
    targeted: number;
    participants: number;
    finished: number;
    shared: number;
    /** Over those who shared; null when nobody has. */
    meanMastery: number | null;
    perCompetence: Array<{ competenceId: string; meanMastery: number | null }>;
  };
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

export async function campaignResults({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<CampaignResults> {
  const { campaign, membership } = await campaignForStaff(deps, userId, campaignId);
  return resultsOf(deps, campaign, membership.school);
}

/**
 * A campaign's results by its id, without a rights check: for the chart's and the export's routes,
 * whose ids come from links signed for a member of the campaign's staff, and the operator's
 * command. Null when the campaign (or its school) is not there.
 */
export async function resultsById(deps: CampaignDeps, campaignId: string): Promise<CampaignResults | null> {
  const campaign = await deps.campaigns.find(campaignId);
  const school = campaign ? await deps.schools.schoolById(campaign.schoolId) : null;
  return campaign && school ? resultsOf(deps, campaign, school) : null;
}

/**
 * The same results without a rights check: only for a caller who has checked them already (a link
 * signed for a member of the staff, the operator's command).
 */
export async function resultsOf(deps: CampaignDeps, campaign: Campaign, school: School): Promise<CampaignResults> {
  const participations = await deps.campaigns.participations(campaign.id);
  const byStudent = new Map(participations.map((p) => [p.studentId, p]));
  const records = new Map<string, LinkedRecord>((await targetedStudents(deps, campaign)).map((s) => [s.id, s]));
  for (const p of participations) {
    if (records.has(p.studentId)) continue;
    const record = await deps.schools.students.studentOfSchool(campaign.schoolId, p.studentId);
    if (record) records.set(record.id, record);
  }
  const students = [...records.values()]
    .map((r): StudentResult => {
      const p = byStudent.get(r.id);
      return {
        studentId: r.id,
        lastName: r.lastName,
        firstName: r.firstName,
        division: r.division,
        externalId: p?.externalId ?? null,
        state: p?.state ?? 'not_started',
        progress: p?.progress ?? 0,
        startedAt: p?.startedAt ?? null,
        sharedAt: p?.sharedAt ?? null,
        result: p?.state === 'shared' ? p.result : null,
      };
    })
    .sort((a, b) => a.division.localeCompare(b.division) || a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  const shared = students.flatMap((s) => (s.result ? [s.result] : []));
  return {
    campaign,
    school,
    students,
    summary: {
      targeted: students.length,
      participants: students.filter((s) => s.state !== 'not_started').length,
      finished: students.filter((s) => s.state === 'finished' || s.state === 'shared').length,
      shared: shared.length,
      meanMastery: campaign.type === 'assessment' ? mean(shared.map((r) => r.mastery)) : null,
      perCompetence: campaign.targets.map((t) => ({
        competenceId: t.competenceId,
        meanMastery: mean(shared.flatMap((r) => r.competences.filter((c) => c.competenceId === t.competenceId).map(competenceMastery))),
      })),
    },
  };
}
