/**
 * Layer: chat, in French and English. The student's side of a campaign through the real edge: the
 * pushed card's "Commencer" and "Plus tard", the typed code (spaces, lower case), the campaign test's
 * questions to the end, sharing, and the teacher's results that then show it; refusals in words.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Conversation, replyText } from '../helpers/conversation.js';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { deliverOutbox } from '../helpers/jobs.js';
import { siecle } from '../campaigns/world.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

/** A teacher and Léa (linked to her record in 4A) in one school; Tom, a student of another school. */
async function schoolOf(teacherLocale: string, studentLocale: string) {
  const { app } = bot;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const other = await app.schools.addSchool('0860002B', 'Collège Victor Hugo', now);
  const teacher = new Student(bot, '29:teacher', teacherLocale, 'Marc Leroy');
  const lea = new Student(bot, '29:lea', studentLocale, 'Léa Martin');
  const tom = new Student(bot, '29:tom', studentLocale, 'Tom Petit');
  for (const s of [teacher, lea, tom]) await s.say(studentLocale.startsWith('fr') ? 'bonjour' : 'hello');
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Noé', 'ROUX', '4A')], now);
  await app.schools.students.applyImport(other.id, [siecle('333333333CC', 'Tom', 'PETIT', '4A')], now);
  const leaRecord = (await app.schools.students.studentsOfDivision(school.id, '4A')).find((r) => r.firstName === 'Léa')!;
  await app.schools.students.link(leaRecord.id, await id(lea), now);
  await app.schools.students.link((await app.schools.students.studentsOfDivision(other.id, '4A'))[0]!.id, await id(tom), now);
  return { teacher: new Conversation(bot, teacher), lea: new Conversation(bot, lea), tom: new Conversation(bot, tom) };
}

/** The code in the teacher's "created" card. */
function codeOf(c: Conversation): string {
  const code = /\*\*([A-HJKMNP-Z]{6}[2-9]{3})\*\*/.exec(replyText(c.last))?.[1];
  if (!code) throw new Error('no campaign code shown');
  return code;
}

/** "QZWBPK347" as a student might type it: " qzw bpk 347 ". */
const typedLoosely = (code: string) => ` ${code.slice(0, 3).toLowerCase()} ${code.slice(3, 6).toLowerCase()} ${code.slice(6)} `;

/** The participation named by the newest campaign question card. */
function participationOf(c: Conversation): Record<string, unknown> {
  const card = c.cardWith('campaignAnswer').card;
  const found = JSON.stringify(card).match(/"participationId":"([^"]+)"/);
  return { participationId: found![1] };
}

describe('the student’s campaign in chat', () => {
  test('in French: the pushed card, the test to the end, the share, the teacher sees it', async () => {
    const { teacher, lea, tom } = await schoolOf('fr-FR', 'fr-FR');
    await teacher.play([
      ['campagne "Bilan 4e" 1.1 classes 4A', [/Campagne « Bilan 4e » créée/]],
      [{ click: 'campaignPush' }, [/1 élève va recevoir la campagne/]],
    ]);
    const code = codeOf(teacher);
    await deliverOutbox(bot);
    expect(replyText(lea.receive())).toMatch(/Commencer/);
    await lea.play([
      [{ click: 'campaignLater' }, [/D’accord\. Reprenez quand vous voulez/]],
      [{ click: 'campaignStart' }, [/Question 1 sur environ \d+/]],
    ]);
    // Sending before the end is refused, and changes nothing.
    const participation = participationOf(lea);
    const early = await lea.student.execute({ verb: 'campaignShare', ...participation });
    expect(replyText(early)).toMatch(/Terminez d’abord la campagne \(0 % fait\)/);
    // A competence test's answer button is not the campaign's: the card says it is the campaign's.
    expect(JSON.stringify(lea.cardWith('campaignAnswer').card)).not.toMatch(/"verb":"answer"/);
    // The Action.Submit fallback (older Teams clients) reaches the same verb.
    await lea.play([[{ click: 'campaignAnswer', answer: 'right', via: 'submit' }, [/Question 2 sur environ \d+/]]]);
    await lea.answerUntilDone(() => 'right', 100, 'campaignAnswer');
    expect(replyText(lea.last)).toMatch(/Campagne terminée · Bilan 4e/);
    await lea.play([
      [{ click: 'campaignShare' }, [/Résultats envoyés pour « Bilan 4e »\. Merci !/, { not: /Envoyer mes résultats/ }]],
      [typedLoosely(code), [/Campagne terminée · Bilan 4e/, /Résultats envoyés/]],
    ]);
    const again = await lea.student.execute({ verb: 'campaignShare', ...participation });
    expect(replyText(again)).toMatch(/Vous avez déjà envoyé vos résultats pour cette campagne/);
    await tom.play([[typedLoosely(code), [/Cette campagne est celle d’un autre établissement que le vôtre/]]]);
    await teacher.play([[{ click: 'campaignResults' }, [/Résultats · Bilan 4e/, /MARTIN Léa \(4A\) · envoyé/]]]);
  });

  test('in English: a typed code, refusals, and the certification check-in still its own', async () => {
    const { teacher, lea } = await schoolOf('en-GB', 'en-GB');
    await teacher.play([['campaign "Year 8 review" 2.1 class 4A multiple', [/Campaign “Year 8 review” created/]]]);
    const code = codeOf(teacher);
    await lea.play([
      ['abcdef 234', [/“abcdef 234” is no campaign’s code/]],
      // A certification access code with names and a birth date goes to the check-in, not to campaigns.
      ['KTBX47 Léa Martin 04/05/2011', [/This access code matches no session/, { not: /campaign/i }]],
      [typedLoosely(code), [/Question 1 of about \d+/]],
      [{ click: 'campaignSkip' }, [/Question 2 of about \d+/]],
    ]);
    // Not everything mastered, so that the campaign may be taken again.
    await lea.answerUntilDone((c) => (c.level <= 2 ? 'right' : 'wrong'), 100, 'campaignAnswer');
    await lea.play([
      [{ click: 'campaignShare' }, [/Results sent for “Year 8 review”/, /You can take this campaign again in 4 days/]],
      [{ advanceDays: 4 }, []],
      [typedLoosely(code), [/Campaign finished · Year 8 review/, /Take the campaign again/]],
      [{ click: 'campaignRetry' }, [/Question 1 of about \d+/]],
    ]);
    await teacher.play([[{ click: 'campaignArchive' }, [/archived: nobody can join it/]]]);
    await lea.play([[typedLoosely(code), [/Campaign “Year 8 review” is archived/]]]);
  });

  test('a profile collection: no test, the student confirms before sending the profile', async () => {
    const { teacher, lea } = await schoolOf('fr-FR', 'fr-FR');
    await teacher.play([['campagne "Profils 4e" collecte classes 4A', [/Campagne « Profils 4e » créée/]]]);
    const code = codeOf(teacher);
    await lea.play([
      [code, [/il n’y a pas de test/, /Envoyer mes résultats/, { not: /Question 1/ }]],
      [{ click: 'campaignShare' }, [/Envoyer vos résultats \?/, /Oui, envoyer/]],
      [{ click: 'campaignLater' }, [/D’accord\. Reprenez quand vous voulez/]],
      [{ click: 'campaignShare' }, [/Envoyer vos résultats \?/]],
      [{ click: 'campaignShareConfirm' }, [/Résultats envoyés pour « Profils 4e »/]],
    ]);
    await teacher.play([[{ click: 'campaignResults' }, [/Résultats · Profils 4e/, /MARTIN Léa \(4A\) · envoyé/]]]);
  });
});
