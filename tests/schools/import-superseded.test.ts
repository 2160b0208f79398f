/**
 * Layer: whole chat, over real HTTP against the real server and SQLite, plus the import jobs as the
 * scheduler runs them. An export is never applied over a newer one of the same school: a job left
 * behind by a runner that died (a `partix import siecle` killed while validating) and taken over
 * later, or an older job still in flight when a newer one arrives, ends as "superseded"; the referent
 * is told in their language, the students keep the names of the newer export, and no stored file
 * is left.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { requestImport } from '../../src/schools/imports.js';
import { addSchool } from '../../src/schools/schools.js';
import { cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox, runImports } from '../helpers/jobs.js';

const FIXTURE = 'tests/fixtures/siecle/ElevesSansAdresses-60.xml';
const FILES = 'https://contoso.sharepoint.com';
const INE = '0100000000A';
const older = readFileSync(FIXTURE);
// The next year's export: the same students, one of them renamed (plain ASCII in the ISO-8859-1 file).
const newer = Buffer.from(older.toString('latin1').replace('<PRENOM>Hugo</PRENOM>', '<PRENOM>Victor</PRENOM>'), 'latin1');

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  nock.cleanAll();
  await bot.close();
});

async function referentOf(locale: string, teamsId: string): Promise<Conversation> {
  const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
  const referent = new Conversation(bot, new Student(bot, teamsId, locale, 'Claire DUPONT'));
  await referent.play([[`code ${code}`, [/Collège Jean Moulin \(0860001A\)/]]]);
  return referent;
}

async function sendExport(referent: Conversation, name: string, body: Buffer) {
  nock(FILES).get(`/${name}`).reply(200, body, { 'content-length': String(body.length) });
  const reply = await referent.student.sendFile(name, `${FILES}/${name}`);
  expect(reply.status).toBe(200);
  return reply;
}

async function firstName(): Promise<string> {
  return (await bot.app.store.db.selectFrom('students').select('first_name').where('ine', '=', INE).executeTakeFirstOrThrow()).first_name;
}

async function storedFileRows(): Promise<number> {
  return Number((await bot.app.store.db.selectFrom('import_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

async function cardsTo(referent: Conversation): Promise<string[]> {
  await deliverOutbox(bot);
  // A second card to the same conversation waits its turn: one message per 2 s (Teams' limit).
  bot.clock.advanceSeconds(2);
  await deliverOutbox(bot);
  return bot.connector.drain(`a:conv-${referent.student.teamsId}`).sent.flatMap((a) => a.attachments ?? []).map((a) => cardText(a.content));
}

test('a job left by a killed import and taken over after a newer export was applied is superseded, not applied', async () => {
  const referent = await referentOf('fr-FR', '29:referent');
  // The operator's `partix import siecle` stored its job and file, took it, and was killed while validating.
  const { job: stale } = await requestImport({ userId: null, uaj: '0860001A', fileName: 'ElevesSansAdresses-2024.xml', filePath: FIXTURE, deps: bot.app.imports });
  expect(await bot.app.imports.imports.claim(stale.id, bot.clock.now)).toBe(true);

  bot.clock.advanceSeconds(60);
  await sendExport(referent, 'ElevesSansAdresses-2025.xml', newer);
  await runImports(bot);
  expect(await firstName()).toBe('Victor');
  expect((await cardsTo(referent)).join('\n')).toMatch(/Import SIECLE terminé/);

  // Ten minutes later a bot takes the abandoned job over.
  bot.clock.advanceSeconds(601);
  await runImports(bot);

  expect(await firstName()).toBe('Victor');
  expect((await bot.app.imports.imports.find(stale.id))?.state).toBe('superseded');
  expect(await storedFileRows()).toBe(0);
  const [card, ...others] = await cardsTo(referent);
  expect(others).toEqual([]);
  expect(card).toMatch(/Import SIECLE non appliqué · Collège Jean Moulin/);
  expect(card).toMatch(/Un export plus récent de l’établissement a été importé/);
  expect(card).toMatch(/« ElevesSansAdresses-2025\.xml »/);
  expect(card).toMatch(/ElevesSansAdresses-2024\.xml/);
  await referent.play([['imports', [/ElevesSansAdresses-2024\.xml · non appliqué/, /ElevesSansAdresses-2025\.xml · importé/]]]);
});

test('two exports in flight: the newest wins, the older is superseded, and an English referent is told in English', async () => {
  const referent = await referentOf('en-GB', '29:referent-en');
  await sendExport(referent, 'old.xml', older);
  bot.clock.advanceSeconds(60);
  await sendExport(referent, 'new.xml', newer);
  // Both wait for the job, which fetches them.
  expect((await bot.app.imports.imports.unfinished()).map((j) => j.fileName)).toEqual(['old.xml', 'new.xml']);

  await runImports(bot);

  expect(await firstName()).toBe('Victor');
  expect(await storedFileRows()).toBe(0);
  const states = (await bot.app.imports.imports.recent((await bot.app.schools.schoolByUaj('0860001A'))!.id)).map((j) => [j.fileName, j.state]);
  expect(states).toEqual([
    ['new.xml', 'imported'],
    ['old.xml', 'superseded'],
  ]);
  const cards = await cardsTo(referent);
  expect(cards).toHaveLength(2);
  const superseded = cards.find((c) => /not applied/.test(c));
  expect(superseded).toMatch(/SIECLE import not applied · Collège Jean Moulin/);
  expect(superseded).toMatch(/A newer export of the school was imported/);
  expect(superseded).toMatch(/“new\.xml”/);
  expect(superseded).not.toMatch(/Un export|appliqué|déposé/);
  expect(cards.find((c) => c !== superseded)).toMatch(/SIECLE import done/);
  expect(replyText(await referent.student.say('imports'))).toMatch(/old\.xml · not applied/);
});
