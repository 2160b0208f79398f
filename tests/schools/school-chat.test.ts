/**
 * Layer: whole chat over HTTP, real SQLite; Teams file downloads mocked with nock. A referent claims
 * the school, imports the SIECLE export by sending it in chat, gets the result card proactively,
 * invites a teacher, browses classes; students link their account to their record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addSchool, reissueReferentCode } from '../../src/schools/schools.js';
import { cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox, runImports } from '../helpers/jobs.js';

const FIXTURES = 'tests/fixtures/siecle';
const FILES = 'https://contoso.sharepoint.com';

let bot: TestBot;
let referent: Conversation;

beforeEach(async () => {
  bot = await startTestBot();
  referent = new Conversation(bot, new Student(bot, '29:referent', 'fr-FR', 'Claire DUPONT'));
});
afterEach(async () => {
  nock.cleanAll();
  await bot.close();
});

async function claimSchool(uaj = '0860001A'): Promise<void> {
  const { code } = await addSchool({ uaj, name: 'Collège Jean Moulin', deps: bot.app.imports });
  await referent.play([[`code ${code}`, [new RegExp(`Vous êtes maintenant référent·e Partix de Collège Jean Moulin \\(${uaj}\\)`)]]]);
}

function serveFile(path: string, name: string, body = readFileSync(path)) {
  return nock(FILES).get(`/${name}`).reply(200, body, { 'content-length': String(body.length) });
}

async function importFixture(name = 'ElevesSansAdresses-60.xml', path = `${FIXTURES}/${name}`) {
  const download = serveFile(path, name);
  const reply = await referent.student.sendFile(name, `${FILES}/${name}`);
  expect(replyText(reply)).toMatch(new RegExp(`Fichier « ${name.replace('.', '\\.')} » reçu`));
  expect(download.isDone()).toBe(true);
  // The export now waits in the database: nothing of it is left on this instance's disk.
  expect(readdirSync(bot.app.config.UPLOAD_DIR)).toEqual([]);
  await runImports(bot);
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 0, failed: 0 });
  // One card for this referent (other referents get their own).
  const sent = bot.connector.drain(`a:conv-29:referent`).sent;
  expect(sent).toHaveLength(1);
  return cardText(sent[0]!.attachments![0]!.content);
}

async function activeStudents(): Promise<number> {
  const row = await bot.app.store.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the referent', () => {
  test('claims the school with the one-time code, which then stops working', async () => {
    const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
    await referent.play([
      ['classes', [/réservée aux personnels/]],
      [`code ${code.toLowerCase().replace('-', ' ')}`, [/référent·e Partix de Collège Jean Moulin/]],
      ['classes', [/Classes de Collège Jean Moulin/, /Aucun élève importé/]],
    ]);
    const other = new Conversation(bot, new Student(bot));
    await other.play([[code, [/Ce code n’est pas valable/]]]);
  });

  test('imports the SIECLE export sent in chat and gets the result card, with the report behind a signed link', async () => {
    await claimSchool();
    const card = await importFixture();
    expect(card).toMatch(/Import SIECLE terminé · Collège Jean Moulin/);
    expect(card).toMatch(/Élèves ajoutés\n54/);
    expect(card).toMatch(/Élèves ignorés\n6/);
    expect(card).toMatch(/Télécharger le rapport complet/);
    expect(await activeStudents()).toBe(54);

    const [job] = await bot.app.imports.imports.recent((await bot.app.schools.schoolByUaj('0860001A'))!.id);
    const url = bot.app.reportUrl(job!.id)!.replace('https://partix.test', bot.url);
    const report = await fetch(url);
    expect(report.status).toBe(200);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toMatch(/Élève ignoré/);
    expect((await fetch(url.replace(/[0-9a-f]{4}$/, '0000'))).status).toBe(404);

    await referent.play([
      ['classes', [/Classes de Collège Jean Moulin/, /élèves/]],
      ['imports', [/Derniers imports/, /ElevesSansAdresses-60\.xml · importé/]],
    ]);
  });

  test('a file of another school is refused whole, and nothing changes', async () => {
    await claimSchool('0860002B');
    const card = await importFixture();
    expect(card).toMatch(/Import SIECLE refusé/);
    expect(card).toMatch(/Rien n’a été modifié/);
    expect(card).toMatch(/0860001A/);
    expect(await activeStudents()).toBe(0);
  });

  test('each referent reads the problems of a refused file in their own Teams language', async () => {
    await claimSchool();
    const { code } = await reissueReferentCode({ uaj: '0860001A', deps: bot.app.imports });
    const english = new Conversation(bot, new Student(bot, '29:referent-en', 'en-GB', 'Emma STONE'));
    await english.play([[`code ${code}`, [/You are now the Partix referent of Collège Jean Moulin \(0860001A\)/]]]);

    const french = await importFixture('csv-bad-date.csv');
    const [card] = bot.connector.drain('a:conv-29:referent-en').sent.flatMap((a) => a.attachments ?? []);
    const inEnglish = cardText(card!.content);

    expect(french).toMatch(/Import SIECLE refusé · Collège Jean Moulin/);
    expect(french).toContain(
      "INE 0300000003C · ligne 3 · Date de naissance (jj/mm/aaaa) · Ligne 3, colonne « Date de naissance (jj/mm/aaaa) » : « 30/02/2013 » n'est pas une date valide au format jj/mm/aaaa.",
    );
    expect(inEnglish).toMatch(/SIECLE import refused · Collège Jean Moulin/);
    expect(inEnglish).toContain(
      'INE 0300000003C · line 3 · Date de naissance (jj/mm/aaaa) · Line 3, column “Date de naissance (jj/mm/aaaa)”: “30/02/2013” is not a valid date in the format dd/mm/yyyy (day/month/year).',
    );
    expect(inEnglish).not.toMatch(/n'est pas une date valide/);
  });

  test('a re-import updates, disables who left, and keeps account links', async () => {
    await claimSchool();
    await importFixture();
    const student = await linkFirstStudent();
    // The same export without its first five students: they left the school.
    const xml = readFileSync(`${FIXTURES}/ElevesSansAdresses-60-utf8.xml`, 'utf8');
    const lessXml = xml.replace(/<ELEVE ELEVE_ID="100[0-4]"[\s\S]*?<\/ELEVE>/g, '');
    nock(FILES).get('/later.xml').reply(200, lessXml);
    await referent.student.sendFile('later.xml', `${FILES}/later.xml`);
    await runImports(bot);
    await deliverOutbox(bot);
    const card = cardText(bot.connector.drain('a:conv-29:referent').sent.at(-1)!.attachments![0]!.content);
    expect(card).toMatch(/Élèves désactivés \(partis\)\n\d/);
    const linked = await bot.app.store.db.selectFrom('students').selectAll().where('id', '=', student.id).executeTakeFirstOrThrow();
    expect(linked.user_id).not.toBeNull();
  });

  test('files are checked before they are downloaded', async () => {
    await claimSchool();
    const big = nock(FILES).get('/big.xml').reply(200, 'x', { 'content-length': String(21 * 1024 * 1024) });
    expect(replyText(await referent.student.sendFile('big.xml', `${FILES}/big.xml`))).toMatch(/dépasse la taille maximale de 20 Mio/);
    expect(big.isDone()).toBe(true);
    expect(replyText(await referent.student.sendFile('photo.png', `${FILES}/photo.png`))).toMatch(/n’est pas un export SIECLE/);
    expect(replyText(await referent.student.sendFile('eleves.xml', `${FILES}/x`, 'image/png'))).toMatch(/Je ne peux lire que des fichiers envoyés depuis Teams/);
    const student = new Student(bot);
    const untouched = nock(FILES).get('/eleves.xml').reply(200, 'x');
    expect(replyText(await student.sendFile('eleves.xml', `${FILES}/eleves.xml`))).toMatch(/réservée au référent·e/);
    expect(untouched.isDone()).toBe(false);
    expect(await bot.app.imports.imports.unfinished()).toHaveLength(0);
  });

  test('invites a teacher with a code, lists and revokes the right', async () => {
    await claimSchool();
    await referent.play([['inviter', [/Invitation d’un·e enseignant·e/, /Transmettez ce code/]]]);
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(replyText(referent.last))![1]!;
    const teacher = new Conversation(bot, new Student(bot, '29:teacher', 'fr-FR', 'Marc LEROY'));
    await teacher.play([
      [code, [/Vous pouvez maintenant créer des campagnes pour Collège Jean Moulin/]],
      ['droits', [/réservée au référent·e/]],
    ]);
    await referent.play([
      ['droits', [/Droits de création de campagnes · Collège Jean Moulin/, /Marc LEROY · enseignant·e/, /Claire DUPONT · référent·e/]],
      [{ click: 'revoke' }, [/Le droit a été retiré/]],
    ]);
    expect(replyText(referent.last)).not.toMatch(/Marc LEROY/);
  });

  test('grants the right by mentioning a teacher', async () => {
    await claimSchool();
    const groupChat = { id: '19:staff-room@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };
    const reply = await referent.student.say('<at>Partix</at> inviter <at>Marc Leroy</at>', {
      conversation: groupChat,
      entities: [
        { type: 'mention', mentioned: { id: '28:partix-bot', name: 'Partix' }, text: '<at>Partix</at>' },
        { type: 'mention', mentioned: { id: '29:marc', name: 'Marc Leroy' }, text: '<at>Marc Leroy</at>' },
      ],
    });
    expect(replyText(reply)).toMatch(/Droit de créer des campagnes accordé à : Marc Leroy/);
    await referent.play([['droits', [/Marc Leroy · enseignant·e/]]]);
    // Anything else in the group chat stays private, and the personal chat stays the one Partix writes to.
    expect(replyText(await referent.student.say('<at>Partix</at> profil', { conversation: groupChat }))).toMatch(/écrivez-moi dans une conversation personnelle/);
    const { user } = await bot.app.users.identify({ teamsUserId: '29:referent' }, bot.clock.now);
    expect((await bot.app.users.conversationReference(user.id))?.conversationId).toBe('a:conv-29:referent');
  });
});

async function linkFirstStudent() {
  const [record] = await bot.app.store.db.selectFrom('students').selectAll().where('active', '=', 1).orderBy('ine').limit(1).execute();
  const pupil = new Conversation(bot, new Student(bot, `29:pupil-${record!.ine}`, 'fr-FR', `${record!.first_name} ${record!.last_name}`));
  await pupil.play([['rattacher', [/Rattacher votre compte à votre dossier scolaire/]]]);
  const reply = await pupil.student.execute({ verb: 'linkSubmit' }, { firstName: record!.first_name, lastName: record!.last_name, birthDate: record!.birth_date });
  expect(replyText(reply)).toMatch(/C’est fait : votre compte est rattaché/);
  return record!;
}

describe('a student', () => {
  beforeEach(async () => {
    await claimSchool();
    await importFixture();
  });

  test('links their account with name and birth date, accents and case aside, once', async () => {
    const [record] = await bot.app.store.db.selectFrom('students').selectAll().where('ine', '=', '0100000000A').execute();
    expect(record).toMatchObject({ last_name: 'CHÂTEAU', first_name: 'Hugo' });
    const hugo = new Conversation(bot, new Student(bot, '29:hugo', 'fr-FR', 'Hugo CHATEAU'));
    await hugo.play([['rattacher', [/Prénom/, /Nom/, /Date de naissance/]]]);
    const form = JSON.stringify(hugo.last.cards.at(-1)!.card);
    expect(form).toContain('"value":"Hugo"');
    expect(form).toContain('"value":"CHATEAU"');
    const ok = await hugo.student.execute({ verb: 'linkSubmit' }, { firstName: 'hugo', lastName: 'chateau', birthDate: '2014-07-28' });
    expect(replyText(ok)).toMatch(/rattaché à Hugo CHÂTEAU, classe 5D, Collège Jean Moulin/);
    await hugo.play([['rattacher', [/Votre compte est rattaché à Hugo CHÂTEAU/]]]);

    const impostor = new Student(bot, '29:impostor');
    const refused = await impostor.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(refused)).toMatch(/Ce dossier est déjà rattaché à un autre compte/);
  });

  test('is told clearly when nothing matches, and is rate-limited', async () => {
    const pupil = new Student(bot, '29:guesser');
    const tries = ['2014-07-29', '2014-07-30', '2014-07-31', '2014-08-01', '2014-08-02'];
    for (const birthDate of tries) {
      const reply = await pupil.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate });
      expect(replyText(reply)).toMatch(/Je ne trouve aucun élève/);
    }
    const blocked = await pupil.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(blocked)).toMatch(/Trop d’essais/);
    bot.clock.advanceSeconds(3601);
    const later = await pupil.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(later)).toMatch(/C’est fait/);
  });

  test('of another organisation finds no school, and empty fields are refused', async () => {
    const outsider = new Student(bot, '29:outsider', 'fr-FR', 'Hugo Château', 'tenant-2');
    expect(replyText(await outsider.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' }))).toMatch(
      /Aucun établissement de votre organisation/,
    );
    const pupil = new Student(bot);
    expect(replyText(await pupil.execute({ verb: 'linkSubmit' }, { firstName: '', lastName: 'Château', birthDate: '2014-07-28' }))).toMatch(/Remplissez le prénom/);
  });

  test('never sees staff data', async () => {
    const pupil = new Conversation(bot, new Student(bot));
    await pupil.play([
      ['classes', [/réservée aux personnels/]],
      ['classe 5D', [/réservée aux personnels/]],
      ['droits', [/réservée au référent·e/]],
      ['imports', [/réservée au référent·e/]],
    ]);
  });
});

test('staff of one school see nothing of another', async () => {
  await claimSchool();
  await addSchool({ uaj: '0860002B', name: 'Lycée Voisin', deps: bot.app.imports });
  await referent.play([
    ['classes 0860002B', [/réservée aux personnels/]],
    ['droits 0860002B', [/réservée au référent·e/]],
  ]);
});

test('an import requested before a restart is run and notified after it', async () => {
  await claimSchool();
  nock(FILES).get('/ElevesSansAdresses-60.xml').reply(200, readFileSync(`${FIXTURES}/ElevesSansAdresses-60.xml`));
  await referent.student.sendFile('ElevesSansAdresses-60.xml', `${FILES}/ElevesSansAdresses-60.xml`);
  const database = bot.app.config.DATABASE_URL;
  const uploads = bot.app.config.UPLOAD_DIR;
  await bot.stop();

  bot = await startTestBot({ DATABASE_URL: database, UPLOAD_DIR: uploads });
  await runImports(bot);
  // The old connector is gone: nothing reached Teams, so the card waits for a retry…
  expect(await deliverOutbox(bot)).toMatchObject({ retried: 1 });
  // …and goes to the service URL of the referent's next message.
  await new Student(bot, '29:referent', 'fr-FR', 'Claire DUPONT').say('aide');
  bot.clock.advanceSeconds(60);
  expect(await deliverOutbox(bot)).toMatchObject({ sent: 1 });
  expect(cardText(bot.connector.drain('a:conv-29:referent').sent.at(-1)!.attachments![0]!.content)).toMatch(/Import SIECLE terminé/);
  expect(await activeStudents()).toBe(54);
});
