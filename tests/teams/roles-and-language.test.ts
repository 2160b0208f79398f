/**
 * Layer: whole chat over HTTP, real SQLite. What each role reads in its welcome and help (a student
 * no staff command, staff their own), and the language a user chooses over the Teams locale (the
 * Agents Playground always sends en-US).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addSchool } from '../../src/schools/schools.js';
import { cardActions, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => bot.close());

const STAFF_WORDS = /^- (classes|inviter|droits|importer|imports) /m;

async function referentAndTeacher(): Promise<{ referent: Conversation; teacher: Conversation }> {
  const referent = new Conversation(bot, new Student(bot, '29:referent', 'fr-FR', 'Claire DUPONT'));
  const teacher = new Conversation(bot, new Student(bot, '29:teacher', 'fr-FR', 'Paul Durand'));
  const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
  await referent.play([[`code ${code}`, [/référent·e Partix de Collège Jean Moulin/]]]);
  await referent.play([['inviter', [/[A-Z0-9]{4}-[A-Z0-9]{4}/]]]);
  const invitation = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(replyText(referent.last))![1]!;
  await teacher.play([[invitation, [/Vous pouvez maintenant créer des campagnes/]]]);
  return { referent, teacher };
}

describe('cards for each role', () => {
  test('a student’s welcome and help show no staff command', async () => {
    const student = new Conversation(bot, new Student(bot));
    await student.play([
      ['bonjour', [/Bienvenue dans Partix/, /Commencer 1\.1/, { not: /Classes|Inviter|Droits|Imports/ }]],
      ['aide', [/profil : votre profil/, /commencer 1\.1/, /langue anglais/, { not: STAFF_WORDS }]],
    ]);
    const verbs = student.cards.flatMap((c) => cardActions(c.card).map((a) => a.verb));
    expect(verbs).not.toContain('classes');
  });

  test('a referent gets the staff welcome and help: classes, invitations, rights, imports; a teacher only classes', async () => {
    const { referent, teacher } = await referentAndTeacher();
    await referent.play([
      ['bonjour', [/Vous êtes référent·e Partix de Collège Jean Moulin/, /Classes/, /Inviter un·e enseignant·e/, /Droits/, /Imports/, { not: /Commencer 1\.1/ }]],
      ['aide', [/^- classes /m, /^- inviter /m, /^- droits /m, /^- importer /m, /Et pour passer vous-même les tests/, /^- profil /m]],
    ]);
    await teacher.play([
      ['bonjour', [/Vous êtes enseignant·e de Collège Jean Moulin/, /Classes/, { not: /Inviter|Droits|Imports/ }]],
      ['aide', [/^- classes /m, { not: /^- (inviter|droits|importer) /m }]],
    ]);
    // The staff welcome's buttons work for the one it was sent to.
    await referent.play([[{ click: 'imports' }, [/import/i, { not: /réservée/ }]]]);
    await teacher.play([[{ click: 'classes' }, [/Classes de Collège Jean Moulin/]]]);
  });
});

describe('the language a user chooses', () => {
  test('wins over the Teams locale, is kept, and "langue" alone shows the choice', async () => {
    // The Agents Playground sends en-US on every activity.
    const player = new Conversation(bot, new Student(bot, '29:playground', 'en-US'));
    await player.play([
      ['hello', [/Welcome to Partix/]],
      ['langue français', [/Partix vous parle désormais en français/]],
      ['profile', [/Mon profil de compétences/]],
      ['commencer 1.1', [/Question 1/, /Valider/]],
      ['language', [/Langue de Partix/, /Partix vous parle en français/]],
      [{ click: 'language' }, [/Partix vous parle désormais en français/]],
      ['language english', [/Partix now speaks English to you/]],
      ['profil', [/My competence profile/]],
      ['langue klingon', [/I do not know the language “klingon”/]],
      ['profil', [/My competence profile/]],
    ]);
    const choice = player.cards.find((c) => replyText({ texts: [], cards: [c], updated: [], status: 200 }).includes('Langue de Partix'))!;
    expect(cardActions(choice.card).map((a) => a.data.language)).toEqual(['fr', 'en']);
  });
});
