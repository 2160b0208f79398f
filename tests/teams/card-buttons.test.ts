/**
 * Layer: whole chat over HTTP, real SQLite. The card walker in chat: a student, a teacher and a
 * referent each get their cards, then every button of every card they were sent is clicked by the
 * one it was sent to (and every button of the cards that click brings, once each): none is refused.
 * Question buttons (answer, skip) are left to the journeys, which answer them in order.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { messages } from '../../src/i18n/messages.js';
import { addSchool } from '../../src/schools/schools.js';
import { cardActions, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox, runImports } from '../helpers/jobs.js';

const FILES = 'https://contoso.sharepoint.com';
let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  nock.cleanAll();
  await bot.close();
});

const t = messages('fr');
const REFUSALS = [
  t.school.errNotReferent,
  t.school.errNotStaff,
  t.errMissingCompetence,
  t.errMalformedAnswer,
  t.errNoTest,
  'Je n’ai pas compris',
  'Je ne connais pas',
  'Oups',
];

/** Clicks every button of every card the user was sent, and of the cards those clicks bring; returns how many. */
async function clickEverything(chat: Conversation): Promise<number> {
  const clicked = new Set<string>();
  for (let i = 0; i < chat.cards.length && clicked.size < 120; i++) {
    for (const action of cardActions(chat.cards[i]!.card)) {
      if (action.verb === 'answer' || action.verb === 'skip') continue;
      const key = JSON.stringify(action.data);
      if (clicked.has(key)) continue;
      clicked.add(key);
      const reply = await chat.student.execute(action.data);
      chat.cards.push(...reply.cards);
      if (reply.invoke?.type === 'application/vnd.microsoft.card.adaptive') chat.cards.push({ id: 'invoke', card: reply.invoke.value as never });
      const text = replyText(reply);
      expect(reply.status, `"${action.title}"`).toBeLessThan(300);
      for (const refusal of REFUSALS) expect(text, `"${action.title}" (${key}) was refused`).not.toContain(refusal);
    }
  }
  return clicked.size;
}

/** A referent who claimed the school and sent its SIECLE export; the result card is among their cards. */
async function referentWithImport(): Promise<Conversation> {
  const referent = new Conversation(bot, new Student(bot, '29:walk-referent', 'fr-FR', 'Claire DUPONT'));
  const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
  await referent.play([[`code ${code}`, []]]);
  const name = 'ElevesSansAdresses-60.xml';
  const body = readFileSync(`tests/fixtures/siecle/${name}`);
  nock(FILES).get(`/${name}`).reply(200, body, { 'content-length': String(body.length) });
  await referent.student.sendFile(name, `${FILES}/${name}`);
  await runImports(bot);
  await deliverOutbox(bot);
  const notice = bot.connector.drain('a:conv-29:walk-referent').sent;
  referent.cards.push(...notice.flatMap((a) => (a.attachments ?? []).map((x) => ({ id: a.id, card: x.content as never }))));
  return referent;
}

test('without PUBLIC_URL, a referent reads the full import report in chat, never an operator command', async () => {
  await bot.close();
  bot = await startTestBot({ PUBLIC_URL: undefined as unknown as string });
  const referent = await referentWithImport();
  await referent.play([
    ['imports', [/ElevesSansAdresses-60\.xml/, { not: /partix import/ }]],
    [{ click: 'importReport' }, [/Rapport complet de l’import « ElevesSansAdresses-60\.xml »\*\* · 6 lignes/, /Héloïse ROBERT \(INE 0100000014E\) : dans aucune division/, { not: /partix import/ }]],
  ]);
  expect(referent.cards.map((c) => replyText({ texts: [], cards: [c], updated: [], status: 200 })).join('\n')).not.toMatch(/partix import/);
  // Another school's referent, or a student, cannot read it.
  const student = new Conversation(bot, new Student(bot, '29:nosy'));
  const data = cardActions(referent.cardWith('importReport').card).find((a) => a.verb === 'importReport')!.data;
  expect(replyText(await student.student.execute(data))).toMatch(/réservée au référent·e/);
});

test('every button a student, a teacher and a referent are sent works for them', async () => {
  const student = new Conversation(bot, new Student(bot, '29:walk-student'));
  await student.student.install();
  await student.play([['aide', []], ['profil', []], ['langue', []], ['commencer 9.9', [/Je ne connais pas la compétence « 9\.9 »/]]]);
  student.cards.push(...(await student.student.say('rattacher')).cards);

  const referent = await referentWithImport();
  await referent.play([['bonjour', [/référent·e/]], ['aide', []], ['classes', [/^\*\*6/m]], ['droits', []], ['imports', []]]);
  // The certification cards: the form, a session's card and the list, with their buttons.
  await referent.play([['session', [/Nouvelle session de certification/]], ['session 2026-05-18 09:00 ; Bâtiment B ; Salle 12 ; M. Leroy', [/Session créée/]], ['sessions', [/À venir/]]]);

  await referent.play([['inviter', []]]);
  const invitation = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(replyText(referent.last))![1]!;
  const teacher = new Conversation(bot, new Student(bot, '29:walk-teacher', 'fr-FR', 'Paul Durand'));
  await teacher.play([[invitation, []], ['bonjour', []], ['aide', []], ['classes', []]]);
  await referent.play([['droits', [/Paul Durand/]]]);

  expect(await clickEverything(student)).toBeGreaterThan(5);
  expect(await clickEverything(teacher)).toBeGreaterThan(3);
  expect(await clickEverything(referent)).toBeGreaterThan(8);
});

test('classes are listed in school order: 6e to 3e, then 2nde, 1re, Terminale', async () => {
  const { compareDivisions } = await import('../../src/schools/division-order.js');
  expect(['TG1', '3A', '1G2', '6B', '2nde 10', '5A', '2nde 2', '6A', '4C', 'ULIS'].sort(compareDivisions)).toEqual([
    '6A',
    '6B',
    '5A',
    '4C',
    '3A',
    '2nde 2',
    '2nde 10',
    '1G2',
    'TG1',
    'ULIS',
  ]);
});
