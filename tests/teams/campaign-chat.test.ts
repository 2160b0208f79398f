/**
 * Layer: chat, in French and English. The teacher's campaign verbs through the real edge: the
 * one-line campaign, the list, the push, its status, the results, the archive; and refusals in words.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Conversation } from '../helpers/conversation.js';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { siecle } from '../campaigns/world.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

async function teacherOf(locale: string): Promise<Conversation> {
  const { app } = bot;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const teacher = new Student(bot, '29:teacher', locale, 'Marc Leroy');
  const lea = new Student(bot, '29:lea', 'fr-FR', 'Léa Martin');
  await teacher.say('bonjour');
  await lea.say('bonjour');
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Noé', 'ROUX', '4A')], now);
  const records = await app.schools.students.studentsOfDivision(school.id, '4A');
  await app.schools.students.link(records.find((r) => r.firstName === 'Léa')!.id, await id(lea), now);
  return new Conversation(bot, teacher);
}

describe('the teacher’s campaigns in chat', () => {
  test('in French', async () => {
    const c = await teacherOf('fr-FR');
    await c.play([
      ['campagne "Bilan 4e" 1.1 9.9 classes 4A', [/Compétence inconnue : 9\.9/]],
      ['campagne "Bilan 4e" 1.1 2.1 classes 4A 6Z', [/Classe inconnue dans votre établissement : « 6Z »/]],
      ['campagne "Bilan 4e" 1.1 2.1 classes 4A', [/Campagne « Bilan 4e » créée\. Son code : \*\*[A-HJKMNP-Z]{6}[2-9]{3}\*\*/, /Envoyer aux élèves/]],
      ['campagnes', [/Campagnes · Collège Jean Moulin/, /\*\*Bilan 4e\*\*/]],
      [{ click: 'campaignPush' }, [/1 élève va recevoir la campagne/, /1 élève n’a pas encore rattaché son compte/]],
      [{ click: 'campaignPush' }, [/Un envoi est en cours \(1 carte encore en route\)/]],
      [{ click: 'campaignStatus' }, [/Suivi de l’envoi · Bilan 4e/, /Pas reçue : compte pas rattaché à leur dossier/]],
      [{ click: 'campaignResults' }, [/Résultats · Bilan 4e/, /0 a commencé sur 2 élèves/, /MARTIN Léa \(4A\) · pas commencé/]],
      [{ click: 'campaignRemind' }, [/1 élève relancé\./]],
      [{ click: 'campaignArchive' }, [/archivée : plus personne ne peut la rejoindre/]],
    ]);
  });

  test('in English', async () => {
    const c = await teacherOf('en-GB');
    await c.play([
      ['campaign "Year 8 review" 1.1', [/Choose at least one class/]],
      ['campaign "Year 8 review" 1.1 2.1 class 4A', [/Campaign “Year 8 review” created\. Its code: \*\*[A-HJKMNP-Z]{6}[2-9]{3}\*\*/, /Send to the students/]],
      ['campaigns', [/Campaigns · Collège Jean Moulin/]],
      [{ click: 'campaignPush' }, [/1 student will get the campaign/, /1 student has not linked their account yet/]],
      [{ click: 'campaignStatus' }, [/Sending status · Year 8 review/, /Not received: account not linked to their record/]],
      [{ click: 'campaignResults' }, [/Results · Year 8 review/, /0 of 2 students started/]],
      [{ click: 'campaignArchive' }, [/archived: nobody can join it/]],
      [{ click: 'campaignArchive' }, [/is archived/]],
    ]);
  });

  test('a student is told campaigns are for staff, and nothing is created', async () => {
    const lea = new Student(bot, '29:lea-alone', 'fr-FR', 'Léa Martin');
    const c = new Conversation(bot, lea);
    await c.play([
      ['bonjour', [/Partix/]],
      ['campagnes', [/Vous n’avez pas le droit de créer des campagnes/]],
      ['campagne "Bilan 4e" 1.1 classes 4A', [/Vous n’avez pas le droit de créer des campagnes/]],
    ]);
    const rows = await bot.app.store.db.selectFrom('campaigns').select('id').execute();
    expect(rows).toEqual([]);
  });
});
