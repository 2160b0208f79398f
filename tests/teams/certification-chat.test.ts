/**
 * Layer: whole bot over HTTP (real server, SQLite, the test bank). The certification flows in chat,
 * in French and English: the referent creates a session, enrols a class, sees who is certifiable,
 * is refused a publication before finalising; a student asks "certification"; a candidate checks in
 * with the access code and takes the test by the cards' buttons; "stop rappels".
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cardActions, startTestBot, Student, type BotReply, type TestBot } from '../helpers/chat.js';
import { replyText } from '../helpers/conversation.js';
import { addStudents, FIVE_AT_LEVEL_2, giveLevels, siecleStudent } from '../certification/season-helpers.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  bot.clock.now = new Date('2027-05-18T06:00:00Z'); // Tuesday 18 May 2027, 8:00 in Paris
});
afterEach(() => bot.close());

async function seed() {
  const app = bot.app;
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', app.clock());
  const ids = await addStudents(app, school, [siecleStudent('111111111AA', 'Léa', 'Martin', '3A', '2011-05-04'), siecleStudent('222222222BB', 'Tom', 'Durand', '3A', '2011-09-12'), siecleStudent('333333333CC', 'Inès', 'Roux', '3B', '2011-01-30')]);
  const referent = new Student(bot, '29:referent', 'fr-FR', 'Anne Référente');
  const lea = new Student(bot, '29:lea', 'fr-FR', 'Léa Martin');
  const tom = new Student(bot, '29:tom', 'fr-FR', 'Tom Durand');
  const ines = new Student(bot, '29:ines', 'en-GB', 'Ines Roux');
  const userOf = async (s: Student) => (await app.users.identify({ teamsUserId: s.teamsId, name: s.name, locale: s.locale }, app.clock())).user.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await userOf(referent), role: 'referent', canCreateCampaigns: true, grantedBy: null, now: app.clock() });
  for (const [s, ine] of [[lea, '111111111AA'], [tom, '222222222BB'], [ines, '333333333CC']] as const) await app.schools.students.link(ids.get(ine)!, await userOf(s), app.clock());
  await giveLevels(app, await userOf(lea), FIVE_AT_LEVEL_2);
  await giveLevels(app, await userOf(ines), FIVE_AT_LEVEL_2);
  return { referent, lea, tom, ines };
}

const action = (reply: BotReply, verb: string) => reply.cards.flatMap((c) => cardActions(c.card)).find((a) => a.verb === verb);

it('in French: the referent’s session, a class enrolled, who is certifiable; the candidate checks in and takes the test; "stop rappels"', async () => {
  const { referent, lea, tom } = await seed();
  const created = replyText(await referent.say('session 2027-05-18 09:00 ; Bâtiment B ; Salle 12 ; M. Leroy ; Certification des 3e'));
  expect(created).toMatch(/Session créée le 18\/05\/2027 à 09:00/);
  const code = /\*\*([A-Z0-9]{6})\*\*/.exec(created)![1]!;
  expect(replyText(await referent.say(`inscrire ${code} 3A`))).toContain('2 élèves inscrit·es.');
  expect(replyText(await referent.say(`inscrire ${code} 9Z`))).toContain('Classes inconnues : 9Z. Rien n’a été inscrit.');
  const candidates = replyText(await referent.say(`candidats ${code}`));
  expect(candidates).toMatch(/3A\*\* · 1\/2 certifiable\n[\s\S]*Martin Léa · certifiable : oui/);
  expect(candidates).toContain('Durand Tom · certifiable : pas encore');
  expect(replyText(await referent.say(`publier ${code}`))).toContain('Finalisez d’abord la session');
  expect(replyText(await lea.say('session 2027-05-20 09:00 ; A ; B ; C'))).toContain('réservée au référent');

  expect(replyText(await lea.say('certification'))).toMatch(/Vous êtes certifiable : niveau 1 ou plus dans 5 compétences/);
  const tomSees = await tom.say('certification');
  expect(replyText(tomSees)).toMatch(/Pas encore certifiable : niveau 1 dans 0 compétence sur les 5 nécessaires/);
  expect(action(tomSees, 'start')?.data.competenceId).toBeDefined();

  expect(replyText(await tom.say(`${code} Léa Martin 04/05/2011`))).toContain('ne correspondent à aucun·e candidat·e');
  const checkedIn = await lea.say(`${code.toLowerCase()} Léa Martin 04/05/2011`);
  expect(replyText(checkedIn)).toContain('Identité confirmée : Léa Martin, session du 18/05/2027.');
  let reply = await lea.execute(action(checkedIn, 'certStart')!.data);
  for (let asked = 0; asked < 15; asked++) {
    const answer = action(reply, 'certAnswer');
    expect(answer, `question ${asked + 1}`).toBeDefined();
    expect(replyText(reply)).toContain(`Question ${asked + 1} sur 15`);
    reply = await lea.execute(answer!.data, { choice: '1' });
    // No feedback: the answered card says only that it was recorded.
    expect(replyText(reply)).not.toMatch(/bonne réponse|Bravo|incorrect/i);
  }
  expect(replyText(reply)).toContain('Test terminé.');
  expect(replyText(await lea.say(`${code} Léa Martin 04/05/2011`))).toContain('une seule tentative');
  expect(replyText(await lea.say('stop rappels'))).toContain('plus aucun rappel de certification');
  expect(replyText(await lea.say('start rappels'))).toContain('de nouveau actifs');
});

it('in English: eligibility, a wrong access code, "stop reminders"', async () => {
  const { ines } = await seed();
  expect(replyText(await ines.say('certification'))).toMatch(/You can be certified: level 1 or more in 5 competences/);
  expect(replyText(await ines.say('BBBB22 Ines Roux 30/01/2011'))).toContain('This access code matches no session');
  expect(replyText(await ines.say('stop reminders'))).toContain('no more certification reminders');
  expect(replyText(await ines.say('help'))).toContain('stop reminders / start reminders');
});
