/**
 * Layer: whole app. A campaign pushed through the real outbox and Teams sender: each linked student
 * gets one card in their personal chat, in their own language; a student who never wrote to the bot
 * shows in the teacher's status; pushing again sends nothing twice. (Teams' 403 and 404 are
 * tests/campaigns/teacher.test.ts's, on the outbox rows.)
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import { pushCampaign } from '../../src/campaigns/push-campaign.js';
import { pushStatus } from '../../src/campaigns/push-status.js';
import { cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { deliverOutbox } from '../helpers/jobs.js';
import { siecle } from '../campaigns/world.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

test('one card per student, in their language; the status says who was reached and why not', async () => {
  const { app } = bot;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const teacher = new Student(bot, '29:teacher', 'fr-FR', 'Marc Leroy');
  const lea = new Student(bot, '29:lea', 'fr-FR', 'Léa Martin');
  const sam = new Student(bot, '29:sam', 'en-GB', 'Sam Smith');
  const tom = new Student(bot, '29:tom', 'fr-FR', 'Tom Durand');
  for (const s of [teacher, lea, sam, tom]) await s.say('bonjour');
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Sam', 'SMITH', '4A'), siecle('333333333CC', 'Tom', 'DURAND', '4A'), siecle('444444444DD', 'Inès', 'PETIT', '4A')], now);
  const records = await app.schools.students.studentsOfDivision(school.id, '4A');
  const record = (first: string) => records.find((r) => r.firstName === first)!.id;
  await app.schools.students.link(record('Léa'), await id(lea), now);
  await app.schools.students.link(record('Sam'), await id(sam), now);
  await app.schools.students.link(record('Tom'), await id(tom), now);
  // Inès's account is linked but never wrote to the bot: no conversation to write in.
  const { user: ines } = await app.users.identify({ teamsUserId: '29:ines', name: 'Inès' }, now);
  await app.schools.students.link(record('Inès'), ines.id, now);

  const campaign = await createCampaign({ userId: await id(teacher), input: parseCampaignLine('campagne "Bilan 4e" 1.1 2.1 classes 4A'), deps: app.campaigns });
  expect(await pushCampaign({ userId: await id(teacher), campaignId: campaign.id, deps: app.campaigns })).toMatchObject({ enqueued: 4, notLinked: 0 });
  for (const s of [lea, sam, tom]) bot.connector.drain(`a:conv-${s.teamsId}`);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 3, failed: 1 });

  const card = (s: Student) => {
    const sent = bot.connector.drain(`a:conv-${s.teamsId}`).sent;
    expect(sent, s.teamsId).toHaveLength(1);
    return cardText(sent[0]!.attachments![0]!.content);
  };
  expect(card(lea)).toMatch(/Campagne : Bilan 4e[\s\S]*Commencer[\s\S]*Plus tard/);
  expect(card(sam)).toMatch(/Campaign: Bilan 4e[\s\S]*Start[\s\S]*Later/);
  expect(card(tom)).toMatch(/Commencer/);
  expect(await pushStatus({ userId: await id(teacher), campaignId: campaign.id, deps: app.campaigns })).toMatchObject({ targeted: 4, reached: 3, notReached: { neverOpened: 1, blocked: 0 } });

  expect(await pushCampaign({ userId: await id(teacher), campaignId: campaign.id, deps: app.campaigns })).toMatchObject({ enqueued: 0, already: 4 });
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 0, failed: 0 });
});
