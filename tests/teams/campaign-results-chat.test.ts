/**
 * Layer: chat and HTTP, through the real edge. The teacher's results card with its class chart (an
 * image at a signed link with PUBLIC_URL, a text table without), the CSV export behind its signed
 * link (fetched, read as Excel would), refusals of other schools and of students, and the push
 * status counted from the outbox rows when Teams answers 403 or 404.
 */
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, test } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH } from '../../src/charts/render-png.js';
import { startTestBot, Student, type CardJson, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox } from '../helpers/jobs.js';
import { siecle } from '../campaigns/world.js';

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

/** A teacher of school A; Léa (linked) in 4A; the referent of school B; Tom, a student of school A not in 4A. */
async function schoolOf(b: TestBot, teacherLocale = 'fr-FR') {
  const { app } = b;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const other = await app.schools.addSchool('0860002B', 'Collège Victor Hugo', now);
  const teacher = new Student(b, '29:teacher', teacherLocale, 'Marc Leroy');
  const lea = new Student(b, '29:lea', 'fr-FR', 'Léa Martin');
  const outsider = new Student(b, '29:outsider', 'fr-FR', 'Anne Autre');
  for (const s of [teacher, lea, outsider]) await s.say('bonjour');
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.staff.grant({ schoolId: other.id, userId: await id(outsider), role: 'referent', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Noé', 'ROUX', '4A')], now);
  const records = await app.schools.students.studentsOfDivision(school.id, '4A');
  await app.schools.students.link(records.find((r) => r.firstName === 'Léa')!.id, await id(lea), now);
  return { teacher: new Conversation(b, teacher), lea: new Conversation(b, lea), outsider: new Conversation(b, outsider) };
}

/** The teacher creates a campaign (its name starts like a formula), Léa takes it by the code and shares. */
async function sharedCampaign(b: TestBot, teacherLocale = 'fr-FR') {
  const people = await schoolOf(b, teacherLocale);
  await people.teacher.play([['campagne "=1+1 Bilan" 1.1 2.1 classes 4A', [/« =1\+1 Bilan »|“=1\+1 Bilan”/]]]);
  const code = /\*\*([A-HJKMNP-Z]{6}[2-9]{3})\*\*/.exec(replyText(people.teacher.last))![1]!;
  await people.lea.play([[code, [/Question 1 sur environ \d+/]]]);
  await people.lea.answerUntilDone(() => 'right', 100, 'campaignAnswer');
  await people.lea.play([[{ click: 'campaignShare' }, [/Résultats envoyés/]]]);
  const campaign = (await b.app.campaigns.campaigns.findByCode(code))!;
  return { ...people, code, campaign };
}

const local = (link: string) => fetch(link.replace('https://partix.test', bot!.url));

function imageUrl(card: CardJson): string | null {
  return /"type":"Image","url":"([^"]+)"/.exec(JSON.stringify(card))?.[1] ?? null;
}

function openUrl(card: CardJson): string | null {
  return /"type":"Action\.OpenUrl","title":"[^"]*","url":"([^"]+)"/.exec(JSON.stringify(card))?.[1] ?? null;
}

const lastCard = (c: Conversation) => c.last.cards.at(-1)!.card;

describe('the results card and its chart', () => {
  test('with PUBLIC_URL: the chart is an image at a signed link, a PNG of that campaign', async () => {
    bot = await startTestBot({ REPORT_LINK_TTL_HOURS: '2' });
    const { teacher, campaign } = await sharedCampaign(bot);
    await teacher.play([[{ click: 'campaignResults' }, [/Résultats · =1\+1 Bilan/, /MARTIN Léa \(4A\) · envoyé · maîtrise 100 %/, /Exporter \(CSV\)/]]]);
    const url = imageUrl(lastCard(teacher));
    expect(url).toMatch(new RegExp(`^https://partix\\.test/charts/${campaign.id}/fr/\\d+-[0-9a-f]{40}\\.png$`));
    expect(JSON.stringify(lastCard(teacher))).not.toContain('Monospace');

    const ok = await local(url!);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await ok.arrayBuffer());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(png.length).toBeGreaterThan(8_000);
    expect(png.length).toBeLessThan(200_000);

    // The same token for another campaign's id opens nothing; nor does a changed signature; nor, after 2 h, the link itself.
    expect((await local(url!.replace(campaign.id, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    const forged = `${url!.slice(0, -5)}${url!.at(-5) === '0' ? '1' : '0'}.png`;
    const tampered = await local(forged);
    expect(tampered.status).toBe(404);
    expect(await tampered.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/Graphique introuvable/) });
    bot.clock.advanceSeconds(2 * 3600 + 1);
    const expired = await local(url!);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/a expiré \(il est valable 2 h\)/) });
  });

  test('without PUBLIC_URL: the chart as a text table, and the export says whom to ask', async () => {
    bot = await startTestBot({ PUBLIC_URL: '' });
    const { teacher } = await sharedCampaign(bot);
    await teacher.play([[{ click: 'campaignResults' }, [/Maîtrise par compétence · 4A · =1\+1 Bilan \(1 élève\)/, /1\.1 +█{20} 100 %/, /2\.1 +█{20} 100 %/]]]);
    expect(imageUrl(lastCard(teacher))).toBeNull();
    await teacher.play([[{ click: 'campaignExport' }, [/PUBLIC_URL n’est pas réglé/, /demandez le fichier à votre administrateur/, { not: /partix campaign/ }]]]);
    expect(openUrl(lastCard(teacher))).toBeNull();
  });

  test('in English: the chart in English at its link, and the export’s link', async () => {
    bot = await startTestBot();
    const { teacher, campaign } = await sharedCampaign(bot, 'en-GB');
    await teacher.play([[{ click: 'campaignResults' }, [/Results · =1\+1 Bilan/, /Export \(CSV\)/]]]);
    const url = imageUrl(lastCard(teacher))!;
    expect(url).toContain(`/charts/${campaign.id}/en/`);
    expect((await local(url)).status).toBe(200);
    await teacher.play([[{ click: 'campaignExport' }, [/CSV export of “=1\+1 Bilan”/, /valid for 72 hours/, /Download the CSV/]]]);
    expect(openUrl(lastCard(teacher))).toContain(`/campaigns/${campaign.id}/export/`);
  });

  test('before anyone shared there is nothing to draw: no image, no table', async () => {
    bot = await startTestBot();
    const { teacher } = await schoolOf(bot);
    await teacher.play([
      ['campagne "Bilan" 1.1 classes 4A', [/créée/]],
      [{ click: 'campaignResults' }, [/0 a commencé sur 2 élèves/, { not: /Maîtrise par compétence/ }]],
    ]);
    expect(imageUrl(lastCard(teacher))).toBeNull();
  });
});

describe('the CSV export', () => {
  test('a signed link to the file in the spec’s columns, for French Excel; it expires', async () => {
    bot = await startTestBot({ REPORT_LINK_TTL_HOURS: '2' });
    const { teacher, campaign, code } = await sharedCampaign(bot);
    await teacher.play([
      [{ click: 'campaignResults' }, [/Exporter \(CSV\)/]],
      [{ click: 'campaignExport' }, [/Export CSV de « =1\+1 Bilan »/, /valable 2 heures/, /Télécharger le CSV/]],
    ]);
    const url = openUrl(lastCard(teacher))!;
    expect(url).toMatch(new RegExp(`^https://partix\\.test/campaigns/${campaign.id}/export/\\d+-[0-9a-f]{40}\\.csv$`));

    const res = await local(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="campagne-${code}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toContain('";"');
    const rows: string[][] = parse(text, { delimiter: ';' });
    expect(rows[0]!.slice(0, 12)).toEqual(['Établissement', 'ID campagne', 'Code', 'Nom de la campagne', 'Profil cible', 'Nom', 'Prénom', 'Classe', 'Identifiant externe', '% de progression', 'Date de début', 'Partage (O/N)']);
    expect(rows).toHaveLength(2);
    // The campaign's name starts like a formula: Excel gets it as text.
    expect(rows[1]!.slice(0, 12)).toEqual(['Collège Jean Moulin', campaign.id, code, "'=1+1 Bilan", '1.1 (niveau 5), 2.1 (niveau 5)', 'MARTIN', 'Léa', '4A', '', '100', '02/03/2026', 'O']);
    expect(rows[1]![14]).toBe('100');

    // Another campaign's id with this token, a changed signature, then the link after 2 h: 404 with its words.
    const other = await local(url.replace(campaign.id, '00000000-0000-4000-8000-000000000000'));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/Export introuvable/) });
    expect((await local(url.replace(/[0-9a-f]\.csv$/, (m) => (m[0] === '0' ? '1.csv' : '0.csv')))).status).toBe(404);
    bot.clock.advanceSeconds(2 * 3600 + 1);
    const expired = await local(url);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/export CSV a expiré \(il est valable 2 h\)/), messageEn: expect.stringMatching(/has expired/) });
  });

  test('the referent of another school and a student are refused, and get no link', async () => {
    bot = await startTestBot();
    const { outsider, lea, campaign } = await sharedCampaign(bot);
    const asked = await outsider.student.execute({ verb: 'campaignExport', campaignId: campaign.id });
    const refused = /Je ne trouve pas cette campagne \(ou elle n’est pas la vôtre\)/;
    expect(replyText(asked)).toMatch(refused);
    expect(JSON.stringify(asked)).not.toContain('/export/');
    const byStudent = await lea.student.execute({ verb: 'campaignExport', campaignId: campaign.id });
    expect(JSON.stringify(byStudent)).not.toContain('/export/');
    expect(replyText(byStudent)).toMatch(refused);
    const results = await outsider.student.execute({ verb: 'campaignResults', campaignId: campaign.id });
    expect(replyText(results)).toMatch(refused);
    expect(JSON.stringify(results)).not.toContain('/charts/');
  });
});

describe('the push status', () => {
  test('counted from the outbox rows: reached, blocked (403), conversation gone (404), never opened, not linked; and the code', async () => {
    bot = await startTestBot();
    const { app } = bot;
    const now = app.clock();
    const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
    const teacher = new Student(bot, '29:teacher', 'fr-FR', 'Marc Leroy');
    const [lea, hugo, ines] = ['lea', 'hugo', 'ines'].map((n) => new Student(bot!, `29:${n}`, 'fr-FR', n));
    for (const s of [teacher, lea!, hugo!, ines!]) await s.say('bonjour');
    // Noé's account is linked to his record, but he never wrote to Partix: no conversation to send to.
    const { user: noe } = await app.users.identify({ teamsUserId: '29:noe', name: 'Noé', locale: 'fr-FR' }, now);
    const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
    await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
    await app.schools.students.applyImport(
      school.id,
      [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Hugo', 'BERNARD', '4A'), siecle('333333333CC', 'Inès', 'PETIT', '4A'), siecle('444444444DD', 'Noé', 'ROUX', '4A'), siecle('555555555EE', 'Tom', 'DURAND', '4A')],
      now,
    );
    const records = await app.schools.students.studentsOfDivision(school.id, '4A');
    const record = (first: string) => records.find((r) => r.firstName === first)!.id;
    await app.schools.students.link(record('Léa'), await id(lea!), now);
    await app.schools.students.link(record('Hugo'), await id(hugo!), now);
    await app.schools.students.link(record('Inès'), await id(ines!), now);
    await app.schools.students.link(record('Noé'), noe.id, now);
    const c = new Conversation(bot, teacher);
    await c.play([
      ['campagne "Bilan" 1.1 classes 4A', [/créée/]],
      [{ click: 'campaignPush' }, [/4 élèves vont recevoir la campagne/, /1 élève n’a pas encore rattaché son compte/]],
      [{ click: 'campaignStatus' }, [/En cours d’envoi\n4/]],
    ]);
    bot.connector.failFor.set(`a:conv-${hugo!.teamsId}`, [403]);
    bot.connector.failFor.set(`a:conv-${ines!.teamsId}`, [404]);
    await deliverOutbox(bot);
    await c.play([
      [
        { click: 'campaignStatus' },
        [
          /Élèves des classes\n5/,
          /Reçue\n1/,
          /Pas reçue : n’ont jamais ouvert Partix\n1/,
          /Pas reçue : application bloquée ou supprimée\n1/,
          /Pas reçue : conversation avec Partix disparue\n1/,
          /Pas reçue : compte pas rattaché à leur dossier\n1/,
          /le code \*\*[A-HJKMNP-Z]{6}[2-9]{3}\*\*/,
          /En cours d’envoi\n0/,
          { not: /autre erreur/ },
        ],
      ],
    ]);
  });
});
