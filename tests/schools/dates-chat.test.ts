/**
 * Layer: whole chat over HTTP, real SQLite. Dates in the staff's cards are in French time and in
 * the reader's Teams locale: everything here happens at 00:30 in Paris on 3 March 2026, which is
 * still 2 March in UTC.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { addSchool } from '../../src/schools/schools.js';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox, runImports } from '../helpers/jobs.js';

const FILES = 'https://contoso.sharepoint.com';
const EXPORT = 'ElevesSansAdresses-60.xml';
const REFERENT = '29:referent';

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot();
  // 2026-03-02T23:30Z: 00:30 on 3 March in Paris (UTC+1 until the end of March).
  bot.clock.advanceSeconds(14.5 * 3600);
  const referent = new Conversation(bot, new Student(bot, REFERENT, 'fr-FR', 'Claire DUPONT'));
  const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
  await referent.play([[`code ${code}`, [/Vous êtes maintenant référent·e Partix/]]]);
  const body = readFileSync(`tests/fixtures/siecle/${EXPORT}`);
  nock(FILES).get(`/${EXPORT}`).reply(200, body, { 'content-length': String(body.length) });
  await referent.student.sendFile(EXPORT, `${FILES}/${EXPORT}`);
  await runImports(bot);
  await deliverOutbox(bot);
  const student = new Student(bot, '29:hugo', 'fr-FR', 'Hugo CHÂTEAU');
  expect(replyText(await student.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' }))).toMatch(/rattaché à Hugo CHÂTEAU/);
});
afterEach(async () => {
  nock.cleanAll();
  await bot.close();
});

/** The referent, writing from a Teams client in this locale. */
const referentIn = (locale: string) => new Conversation(bot, new Student(bot, REFERENT, locale, 'Claire DUPONT'));

test('in French: the day in Paris, not in UTC; a birth date is its own day', async () => {
  await referentIn('fr-FR').play([
    ['classe 5D', [/CHÂTEAU Hugo · né·e le 28\/07\/2014 · compte Teams rattaché : Hugo CHÂTEAU, depuis le 03\/03\/2026/]],
    ['droits', [/Claire DUPONT · référent·e · depuis le 03\/03\/2026/]],
    ['imports', [/03\/03\/2026 00:30 · ElevesSansAdresses-60\.xml · importé/]],
    // Invitations last 168 h.
    ['inviter', [/Valable une fois, jusqu’au 10 mars 2026 à 00:30\./]],
  ]);
});

test('in English: each reader gets their own locale’s format, with the month named', async () => {
  await referentIn('en-US').play([
    ['classe 5D', [/CHÂTEAU Hugo · born Jul 28, 2014 · Teams account linked: Hugo CHÂTEAU, since Mar 3, 2026/]],
    ['rights', [/Claire DUPONT · referent · since Mar 3, 2026/]],
    ['imports', [/Mar 3, 2026, 12:30\sAM · ElevesSansAdresses-60\.xml · imported/]],
    ['invite', [/Single use, valid until March 10, 2026 at 12:30\sAM\./]],
  ]);
  await referentIn('en-GB').play([
    ['classe 5D', [/CHÂTEAU Hugo · born 28 Jul 2014 · Teams account linked: Hugo CHÂTEAU, since 3 Mar 2026/]],
    ['invite', [/Single use, valid until 10 March 2026 at 00:30\./]],
  ]);
});
