/** A whole app's school with a teacher and Léa (linked, in 4A), and a profile collection Léa has sent: for the tests of the routes and the operator's command. */
import type { App } from '../../src/app.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import type { Campaign } from '../../src/campaigns/model.js';
import { shareResults } from '../../src/campaigns/share-results.js';
import { siecle } from './world.js';

export async function sharedCollection(app: App): Promise<{ campaign: Campaign; teacherId: string }> {
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const { user: teacher } = await app.users.identify({ teamsUserId: '29:teacher', name: 'Marc Leroy', locale: 'fr-FR' }, now);
  const { user: lea } = await app.users.identify({ teamsUserId: '29:lea', name: 'Léa Martin', locale: 'fr-FR' }, now);
  await app.schools.staff.grant({ schoolId: school.id, userId: teacher.id, role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A')], now);
  await app.schools.students.link((await app.schools.students.studentsOfDivision(school.id, '4A'))[0]!.id, lea.id, now);
  const campaign = await createCampaign({ userId: teacher.id, input: parseCampaignLine('campagne "Profils 4e" collecte classes 4A'), deps: app.campaigns });
  const { participation } = await joinCampaign({ userId: lea.id, code: campaign.code, deps: app.campaigns });
  await shareResults({ userId: lea.id, participationId: participation.id, deps: app.campaigns });
  return { campaign, teacherId: teacher.id };
}
