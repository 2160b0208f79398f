/**
 * Layer: chat over HTTP, real SQLite, in French and English. The teacher's campaign form card:
 * "nouvelle campagne" opens it (the school's classes in school order, the 16 competences, the
 * ready-made targets); a refused form comes back with what was typed and why; "Modifier" opens it
 * pre-filled; the target is locked once a student joined; nobody without the right gets anything.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { actionNamed, cardText, startTestBot, Student, type BotReply, type CardJson, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { siecle } from './world.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

/** A teacher with the campaign right, a teacher without it, and Léa (linked, in 4A) in one school of classes 3B, 4A, 6C, 2nde 1. */
async function schoolOf(locale: string) {
  const { app } = bot;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const teacher = new Student(bot, '29:teacher', locale, 'Marc Leroy');
  const noRight = new Student(bot, '29:no-right', locale, 'Anne Petit');
  const lea = new Student(bot, '29:lea', locale, 'Léa Martin');
  for (const s of [teacher, noRight, lea]) await s.say('bonjour');
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(noRight), role: 'teacher', canCreateCampaigns: false, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Noé', 'ROUX', '3B'), siecle('333333333CC', 'Jade', 'ROUX', '6C'), siecle('444444444DD', 'Ali', 'SAID', '2nde 1')], now);
  const records = await app.schools.students.studentsOfDivision(school.id, '4A');
  await app.schools.students.link(records[0]!.id, await id(lea), now);
  return { teacher: new Conversation(bot, teacher), noRight: new Conversation(bot, noRight), lea: new Conversation(bot, lea) };
}

/** The form card of a reply: Action.Execute answers with it, a typed message sends it. */
function formOf(reply: BotReply): CardJson {
  const card = reply.invoke?.type === 'application/vnd.microsoft.card.adaptive' ? (reply.invoke.value as CardJson) : reply.cards.at(-1)?.card;
  if (!card || !JSON.stringify(card).includes('"in_name"')) throw new Error(`no form in the reply:\n${replyText(reply)}`);
  return card;
}

/** The value an input of the card shows. */
function valueOf(card: CardJson, id: string): unknown {
  const found = JSON.stringify(card).match(new RegExp(`"id":"in_${id}"[^}]*?"value":("[^"]*"|true|false)`));
  return found ? JSON.parse(found[1]!) : undefined;
}

/** The choices an input offers, in order. */
function choicesOf(card: CardJson, id: string): string[] {
  const body = (card.body as Array<Record<string, unknown>>).find((e) => e.id === `in_${id}`)!;
  return (body.choices as Array<{ value: string }>).map((c) => c.value);
}

/** Clicks the form's button with these inputs (Action.Execute: the answer replaces the form). */
async function send(c: Conversation, form: CardJson, verb: string, inputs: Record<string, string>): Promise<BotReply> {
  const reply = await c.student.execute(actionNamed(form, verb).data, inputs);
  c.last = reply;
  return reply;
}

const count = async () => (await bot.app.store.db.selectFrom('campaigns').select('id').execute()).length;
const CODE = /\*\*([A-HJKMNP-Z]{6}[2-9]{3})\*\*/;

describe('the campaign form in chat', () => {
  test('in French: the form, a refusal that keeps the values, the creation, the edit, the locked target', async () => {
    const { teacher, lea } = await schoolOf('fr-FR');
    await teacher.play([['nouvelle campagne', [/Nouvelle campagne · Collège Jean Moulin/, /Compétences \(au moins une pour une évaluation\)/, /Socle commun — cycle 4/, /SNT — seconde/]]]);
    let form = formOf(teacher.last);
    expect(choicesOf(form, 'divisions')).toEqual(['6C', '4A', '3B', '2nde 1']);
    expect(choicesOf(form, 'competences')).toHaveLength(16);
    expect(choicesOf(form, 'target')).toEqual(['none', 'socle-cycle-4', 'snt-seconde']);

    // No competence: the same form again, the reason above, every value kept.
    const typed = { name: 'Bilan 4e', type: 'assessment', target: 'none', competences: '', level: '', divisions: '4A,3B', title: 'Mi-année', landingText: 'Répondez seul·e.', deadline: '2026-06-30', multipleSendings: 'true' };
    let reply = await send(teacher, form, 'campaignCreate', typed);
    form = formOf(reply);
    expect(cardText(form)).toMatch(/Choisissez au moins une compétence/);
    for (const [field, value] of Object.entries({ name: 'Bilan 4e', divisions: '4A,3B', title: 'Mi-année', landingText: 'Répondez seul·e.', deadline: '2026-06-30', multipleSendings: 'true' })) expect(valueOf(form, field), field).toBe(value);
    // A past deadline, a class that is not the school's (the card's choices tampered with), no name.
    for (const [change, reason] of [[{ deadline: '2026-03-01' }, /La date limite doit être un jour à venir/], [{ divisions: '4A,5Z' }, /Classe inconnue dans votre établissement : « 5Z »/], [{ name: '  ' }, /Donnez un nom à la campagne/]] as const) {
      reply = await send(teacher, form, 'campaignCreate', { ...typed, competences: '1.1,2.1', ...change });
      expect(cardText(formOf(reply)), JSON.stringify(change)).toMatch(reason);
    }
    expect(await count()).toBe(0);

    reply = await send(teacher, form, 'campaignCreate', { ...typed, competences: '1.1,2.1', level: '3' });
    const created = reply.invoke!.value as CardJson;
    expect(cardText(created)).toMatch(/Campagne « Bilan 4e » créée\. Son code : \*\*[A-HJKMNP-Z]{6}[2-9]{3}\*\*/);
    expect(cardText(created)).toMatch(/1\.1 .* \(niveau 3\)/);
    expect(cardText(created)).toMatch(/Date limite\n30\/06\/2026/);
    const code = CODE.exec(cardText(created))![1]!;

    // Edit, from the created card: the same form, filled in; the name changes.
    reply = await teacher.student.execute(actionNamed(created, 'campaignEdit').data);
    form = formOf(reply);
    expect(cardText(form)).toMatch(new RegExp(`Modifier la campagne · Bilan 4e \\(${code}\\)`));
    expect([valueOf(form, 'name'), valueOf(form, 'competences'), valueOf(form, 'level'), valueOf(form, 'divisions'), valueOf(form, 'multipleSendings')]).toEqual(['Bilan 4e', '1.1,2.1', '3', '3B,4A', 'true']);
    const shown = { name: 'Bilan de 4e', type: 'assessment', target: 'none', competences: '1.1,2.1', level: '3', divisions: '4A,3B', title: 'Mi-année', landingText: 'Répondez seul·e.', deadline: '2026-06-30', multipleSendings: 'true' };
    reply = await send(teacher, form, 'campaignUpdate', shown);
    expect(replyText(reply)).toMatch(/Campagne « Bilan de 4e » modifiée/);

    // Léa joins: the competences can no longer change (the form says so and keeps the values); the rest still can.
    await lea.play([[code, [/Question 1 sur environ/]]]);
    reply = await send(teacher, form, 'campaignUpdate', { ...shown, competences: '1.1,2.1,3.1' });
    expect(cardText(formOf(reply))).toMatch(/1 élève a déjà rejoint la campagne : ses compétences ne peuvent plus changer/);
    expect(valueOf(formOf(reply), 'competences')).toBe('1.1,2.1,3.1');
    reply = await send(teacher, form, 'campaignUpdate', { ...shown, title: 'Fin de trimestre' });
    expect(replyText(reply)).toMatch(/modifiée/);
    const [row] = await bot.app.store.db.selectFrom('campaigns').select(['name', 'title']).execute();
    expect(row).toEqual({ name: 'Bilan de 4e', title: 'Fin de trimestre' });

    // The list offers the form and the edit too.
    await teacher.play([['campagnes', [/Nouvelle campagne/, /Modifier/]]]);
    await teacher.play([[{ click: 'campaignForm' }, [/Nouvelle campagne · Collège Jean Moulin/]]]);
  });

  test('in English: "new campaign", a ready-made target at its own levels, a profile collection needs no competence', async () => {
    const { teacher } = await schoolOf('en-GB');
    await teacher.play([['new campaign', [/New campaign · Collège Jean Moulin/, /Ready-made target/, /Common core — cycle 4/]]]);
    const form = formOf(teacher.last);
    let reply = await send(teacher, form, 'campaignCreate', { name: 'Year 8 review', type: 'assessment', target: 'none', competences: '', divisions: '', multipleSendings: 'false' });
    expect(cardText(formOf(reply))).toMatch(/Choose at least one competence/);
    expect(valueOf(formOf(reply), 'name')).toBe('Year 8 review');
    reply = await send(teacher, form, 'campaignCreate', { name: 'Year 8 review', type: 'assessment', target: 'snt-seconde', competences: '', level: '', divisions: '4A', multipleSendings: 'false' });
    expect(cardText(reply.invoke!.value as CardJson)).toMatch(/Campaign “Year 8 review” created/);
    expect(cardText(reply.invoke!.value as CardJson)).toMatch(/5\.2 .*\(level 4\)/);
    reply = await send(teacher, form, 'campaignCreate', { name: 'Profiles', type: 'profile_collection', target: 'none', competences: '', divisions: '4A' });
    expect(cardText(reply.invoke!.value as CardJson)).toMatch(/Campaign “Profiles” created/);
    await teacher.play([['create a campaign', [/New campaign/]]]);
  });

  test('a teacher of two schools names the school: the form is that school’s', async () => {
    const { teacher } = await schoolOf('fr-FR');
    const { app } = bot;
    const other = await app.schools.addSchool('0860002B', 'Collège Voisin', app.clock());
    await app.schools.students.applyImport(other.id, [siecle('555555555EE', 'Tom', 'DURAND', '5D')], app.clock());
    const userId = (await app.users.findByTeamsId(teacher.student.teamsId))!.id;
    await app.schools.staff.grant({ schoolId: other.id, userId, role: 'teacher', canCreateCampaigns: true, grantedBy: null, now: app.clock() });
    await teacher.play([
      ['nouvelle campagne', [/plusieurs établissements \(0860001A, 0860002B\)|plusieurs établissements \(0860002B, 0860001A\)/]],
      ['nouvelle campagne 0860002b', [/Nouvelle campagne · Collège Voisin/]],
    ]);
    const form = formOf(teacher.last);
    expect(choicesOf(form, 'divisions')).toEqual(['5D']);
    const reply = await send(teacher, form, 'campaignCreate', { name: 'Bilan 5e', competences: '1.1', divisions: '5D' });
    expect(cardText(reply.invoke!.value as CardJson)).toMatch(/Campagne « Bilan 5e » créée/);
    expect((await app.store.db.selectFrom('campaigns').select('school_id').executeTakeFirstOrThrow()).school_id).toBe(other.id);
  });

  test('a teacher without the right, a student, and tampered values get nothing, and nothing is created', async () => {
    const { teacher, noRight, lea } = await schoolOf('fr-FR');
    await noRight.play([['nouvelle campagne', [/Vous n’avez pas le droit de créer des campagnes/, { not: /in_name/ }]]]);
    expect(noRight.last.cards).toEqual([]);
    await lea.play([['créer une campagne', [/Vous n’avez pas le droit de créer des campagnes/]]]);
    const values = { name: 'Intrus', type: 'assessment', competences: '1.1', divisions: '4A' };
    expect(replyText(await noRight.student.execute({ verb: 'campaignCreate', uaj: '0860001A' }, values))).toMatch(/pas le droit de créer des campagnes/);
    expect(replyText(await lea.student.execute({ verb: 'campaignCreate' }, values))).toMatch(/pas le droit de créer des campagnes/);
    // The type is not one of the form's: read as no form at all.
    expect(replyText(await teacher.student.execute({ verb: 'campaignCreate', uaj: '0860001A' }, { ...values, type: 'quiz' }))).toMatch(/Je n’arrive pas à lire ce formulaire/);
    expect(await count()).toBe(0);
    // Someone else's campaign cannot be opened for edit, nor saved.
    await teacher.play([['campagne "Bilan" 1.1 classes 4A', [/créée/]]]);
    const campaignId = (await bot.app.store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id;
    expect(replyText(await noRight.student.execute({ verb: 'campaignEdit', campaignId }))).toMatch(/Je ne trouve pas cette campagne/);
    expect(replyText(await lea.student.execute({ verb: 'campaignUpdate', campaignId }, { ...values, name: 'Pirate' }))).toMatch(/Je ne trouve pas cette campagne/);
    expect((await bot.app.store.db.selectFrom('campaigns').select('name').executeTakeFirstOrThrow()).name).toBe('Bilan');
  });
});

/**
 * A campaign is created once, whatever the clicks: a double click on "Créer la campagne" (two
 * invokes from the same card's message), Teams redelivering a typed line (the same activity id).
 */
describe('the campaign is created once', () => {
  const values = { name: 'Bilan 4e', type: 'assessment', target: 'none', competences: '1.1,2.1', level: '3', divisions: '4A', multipleSendings: 'false' };
  const codes = (replies: BotReply[]) => replies.map((r) => CODE.exec(replyText(r))?.[1]);

  /** "nouvelle campagne": the form and the id of the message that carries it. */
  async function openForm(teacher: Conversation) {
    await teacher.play([['nouvelle campagne', [/Nouvelle campagne · Collège Jean Moulin/]]]);
    const sent = teacher.last.cards.at(-1)!;
    return { form: formOf(teacher.last), messageId: sent.id };
  }

  test('"Créer la campagne" clicked twice at once (Action.Execute): one campaign, both answers show its code', async () => {
    const { teacher } = await schoolOf('fr-FR');
    const { form, messageId } = await openForm(teacher);
    const click = () => teacher.student.execute(actionNamed(form, 'campaignCreate').data, values, undefined, messageId);
    const replies = await Promise.all([click(), click()]);
    expect(await count()).toBe(1);
    const { code } = await bot.app.store.db.selectFrom('campaigns').select('code').executeTakeFirstOrThrow();
    expect(codes(replies)).toEqual([code, code]);
    for (const r of replies) expect(replyText(r)).toMatch(/Campagne « Bilan 4e » créée/);
    // A third click, later, from a client that still shows the form: the same campaign again.
    expect(codes([await click()])).toEqual([code]);
    expect(await count()).toBe(1);
  });

  test('the same through Action.Submit (a message whose replyToId is the card): one campaign', async () => {
    const { teacher } = await schoolOf('en-GB');
    await teacher.play([['new campaign', [/New campaign · Collège Jean Moulin/]]]);
    const messageId = teacher.last.cards.at(-1)!.id;
    const data = actionNamed(formOf(teacher.last), 'campaignCreate').data;
    const replies = await Promise.all([teacher.student.submit(messageId, data, values), teacher.student.submit(messageId, data, values)]);
    expect(await count()).toBe(1);
    const { code } = await bot.app.store.db.selectFrom('campaigns').select('code').executeTakeFirstOrThrow();
    const shown = replies.flatMap((r) => r.updated.map((u) => CODE.exec(cardText(u.card))?.[1]));
    expect(shown).toEqual([code, code]);
  });

  test('a refused form does not use up its card: corrected and sent again from the same card, one campaign', async () => {
    const { teacher } = await schoolOf('fr-FR');
    const { form, messageId } = await openForm(teacher);
    const click = (inputs: Record<string, string>) => teacher.student.execute(actionNamed(form, 'campaignCreate').data, inputs, undefined, messageId);
    expect(cardText(formOf(await click({ ...values, competences: '' })))).toMatch(/Choisissez au moins une compétence/);
    expect(await count()).toBe(0);
    const created = await click(values);
    expect(replyText(created)).toMatch(/Campagne « Bilan 4e » créée/);
    expect(codes([await click(values)])).toEqual(codes([created]));
    expect(await count()).toBe(1);
    // Another form (a new message) makes another campaign.
    const other = await openForm(teacher);
    await teacher.student.execute(actionNamed(other.form, 'campaignCreate').data, { ...values, name: 'Bilan 3e' }, undefined, other.messageId);
    expect(await count()).toBe(2);
  });

  test('a typed line delivered twice (the same activity id), even at once: one campaign, the same code twice; another line makes another', async () => {
    const { teacher } = await schoolOf('fr-FR');
    const line = 'campagne "Bilan" 1.1 classes 4A';
    const replies = await Promise.all([teacher.student.say(line, { id: 'act-line-1' }), teacher.student.say(line, { id: 'act-line-1' })]);
    expect(await count()).toBe(1);
    const { code } = await bot.app.store.db.selectFrom('campaigns').select('code').executeTakeFirstOrThrow();
    // Both answers are in the chat (whichever request's drain gathered them): the same card twice.
    expect(replies.flatMap((r) => r.cards.map((c) => CODE.exec(cardText(c.card))?.[1]))).toEqual([code, code]);
    expect(codes([await teacher.student.say(line, { id: 'act-line-1' })])).toEqual([code]);
    // The same words typed again are a new message: a second campaign, as asked.
    await teacher.play([[line, [/créée/]]]);
    expect(await count()).toBe(2);
  });
});
