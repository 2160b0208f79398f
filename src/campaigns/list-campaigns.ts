/** The campaigns a member of staff sees: every one of the school for the referent, their own for a teacher. */
import type { CampaignDeps } from './deps.js';
import type { Campaign } from './model.js';
import type { School } from '../schools/model.js';

export async function listCampaigns({ userId, includeArchived = false, deps }: { userId: string; includeArchived?: boolean; deps: CampaignDeps }): Promise<Array<{ school: School; campaigns: Campaign[] }>> {
  const memberships = await deps.schools.staff.memberships(userId);
  const lists = [];
  for (const m of memberships) {
    const campaigns = await deps.campaigns.ofSchool(m.school.id, m.role === 'referent' ? null : userId);
    lists.push({ school: m.school, campaigns: campaigns.filter((c) => includeArchived || !c.archivedAt) });
  }
  return lists;
}
