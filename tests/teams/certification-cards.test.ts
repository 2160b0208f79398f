/**
 * Layer: whole bot over HTTP (real server, SQLite, the test bank). The referent's certification
 * cards, in French and English: the session form (refusals keep what was typed), the session card
 * and its buttons, the list of sessions, enrolment by a class form and one by one, the candidates
 * by class, the finalisation form (a note per candidate), publication and the summary's signed link
 * to each class's CSV (fetched; tampered, moved or expired: 404). A student is refused every verb.
 */
import { afterEach, expect, it } from 'vitest';
import { cardActions, startTestBot, Student, type BotReply, type CardJson, type TestBot } from '../helpers/chat.js';
import { replyText } from '../helpers/conversation.js';
import { seedNetwork } from '../certification/season-helpers.js';

let bot: TestBot;
afterEach(() => bot.close());

async function open(env: Record<string, string> = {}) {
  bot = await startTestBot(env);
  bot.clock.now = new Date('2027-05-18T06:00:00Z'); // Tuesday 18 May 2027, 8:00 in Paris
  return seedNetwork(bot.app);
}

const cardsOf = (reply: BotReply): CardJson[] => [...reply.cards.map((c) => c.card), ...reply.updated.map((c) => c.card), ...(reply.invoke?.type === 'application/vnd.microsoft.card.adaptive' ? [reply.invoke.value as CardJson] : [])];
const verbs = (reply: BotReply) => cardsOf(reply).flatMap((c) => cardActions(c).map((a) => a.verb));
const action = (reply: BotReply, verb: string) => {
  const found = cardsOf(reply)
    .flatMap((c) => cardActions(c))
    .find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} in ${replyText(reply)}`);
  return found.data;
};
const json = (reply: BotReply) => JSON.stringify(cardsOf(reply));
const sessionsOf = async (schoolId: string) => bot.app.certification.sessions.ofSchool(schoolId);

const FORM = { date: '2027-05-18', time: '14:00', site: 'Bâtiment B', room: 'Salle 12', examiners: 'M. Leroy', description: 'Certification des 3e', openToNetwork: 'true', outsideWindow: 'false' };

it('in French: the form refuses a past date, a date outside the season and a missing room, keeping what was typed; then the session card, enrolment, candidates, finalisation with notes, publication and each class’s CSV by its signed link', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-host', 'fr-FR', 'Anne Référente');

  const form = await referent.say('session');
  expect(replyText(form)).toContain('Nouvelle session de certification');
  expect(replyText(form)).toContain('Entre le 1er avril et le 31 juillet');
  expect(json(form)).toContain('Ouvrir aux établissements du réseau « réseau Eclère »');
  expect(json(form)).toContain('Hors période (dérogation)');
  expect(replyText(await referent.say('nouvelle session'))).toContain('Nouvelle session de certification');
  // "nouvelle campagne" is the campaigns' business, not a session's.
  expect(replyText(await referent.say('nouvelle campagne'))).not.toMatch(/session|Cette date|Champs manquants/i);
  const submit = action(form, 'sessionSubmit');

  const past = await referent.execute(submit, { ...FORM, date: '2027-05-17' });
  expect(replyText(past)).toContain('Cette date est passée');
  expect(json(past)).toMatch(/"id":"in_date"[^}]*"value":"2027-05-17"/);
  expect(json(past)).toMatch(/"id":"in_site"[^}]*"value":"Bâtiment B"/);
  expect(json(past)).toMatch(/"id":"in_openToNetwork"[^}]*"value":"true"/);
  const outside = await referent.execute(submit, { ...FORM, date: '2027-09-14' });
  expect(replyText(outside)).toContain('Les sessions ont lieu entre le 1er avril et le 31 juillet. Pour une autre date, cochez « hors période ».');
  expect(json(outside)).toMatch(/"id":"in_examiners"[^}]*"value":"M. Leroy"/);
  const noRoom = await referent.execute(submit, { ...FORM, room: '' });
  expect(replyText(noRoom)).toContain('Champs manquants ou trop longs : salle.');
  expect(json(noRoom)).toMatch(/"id":"in_description"[^}]*"value":"Certification des 3e"/);
  expect(await sessionsOf(seed.schools.host.id)).toEqual([]);

  const created = await referent.execute(submit, FORM);
  const code = /\*\*([A-Z0-9]{6})\*\*/.exec(replyText(created))![1]!;
  expect(replyText(created)).toContain('Session créée le 18/05/2027 à 14:00');
  expect(replyText(created)).toContain('Bâtiment B, Salle 12');
  expect(replyText(created)).toContain('ouverte aux établissements du réseau');
  // Its day: enrolments still open, and it may be finalised; nothing to publish yet.
  expect(verbs(created)).toEqual(['sessionEnrol', 'sessionCandidates', 'sessionFinalise']);
  expect((await sessionsOf(seed.schools.host.id))[0]).toMatchObject({ accessCode: code, openToNetwork: true, site: 'Bâtiment B' });
  // The typed line still works.
  expect(replyText(await referent.say('session 2027-06-02 09:00 ; Bâtiment A ; Salle 3 ; Mme Roy ; Rattrapage'))).toContain('Session créée le 02/06/2027 à 09:00');

  const enrolForm = await referent.execute(action(created, 'sessionEnrol'));
  expect(json(enrolForm)).toMatch(/"id":"in_divisions"[^\]]*"value":"3A,3B"/);
  expect(json(enrolForm)).toContain('"value":"4A"');
  expect(replyText(enrolForm)).toContain(`inscrire ${code} Nom Prénom`);
  const none = await referent.execute(action(enrolForm, 'sessionEnrolSubmit'), { divisions: '' });
  expect(replyText(none)).toContain('Choisissez au moins une classe.');
  const enrolled = await referent.execute(action(enrolForm, 'sessionEnrolSubmit'), { divisions: '3A' });
  expect(replyText(enrolled)).toContain('2 élèves inscrit·es.');

  expect(replyText(await referent.say(`inscrire ${code} Roux Inès`))).toContain('Inès Roux (3B) est inscrit·e.');
  expect(replyText(await referent.say(`inscrire ${code} ines roux`))).toContain('Inès Roux (3B) était déjà inscrit·e : rien n’a changé.');
  expect(replyText(await referent.say(`inscrire ${code} Paul Inconnu`))).toContain('Aucun·e élève de votre établissement ne s’appelle « Paul Inconnu »');
  expect(replyText(await referent.say(`inscrire ${code} 444444444DD`))).toContain('Paul Blanc (4A) est inscrit·e.');
  expect(replyText(await referent.say(`inscrire ${code} 9Z`))).toContain('Classes inconnues : 9Z. Rien n’a été inscrit.');
  // A partner school's referent enrols their own students, never the host's.
  const partner = new Student(bot, 'ref-partner', 'en-GB', 'Pat Partner');
  expect(replyText(await partner.say(`enrol ${code} Petit Zoé`))).toContain('Zoé Petit (3P) is enrolled.');
  expect(replyText(await partner.say(`enrol ${code} Martin Léa`))).toContain('No student of your school is named “Martin Léa”');
  // The partner finds the session among theirs, with their own count and the buttons a partner may use.
  const partnerList = await partner.say('sessions');
  expect(replyText(partnerList)).toContain('Opened by the network (you enrol your students)');
  expect(replyText(partnerList)).toContain(`Collège Jean Moulin · 18 May 2027 at 14:00 · Bâtiment B, Salle 12 · code ${code} · 1 student of your school enrolled`);
  expect(verbs(partnerList)).toEqual(['sessionEnrol', 'sessionCandidates']);
  expect(replyText(await new Student(bot, 'ref-outsider').say('sessions'))).not.toContain(code);

  const candidates = replyText(await referent.execute(action(created, 'sessionCandidates')));
  expect(candidates).toMatch(/3A\*\* · 1\/2 certifiable\n\nDurand Tom · certifiable : pas encore\n\nMartin Léa · certifiable : oui/);
  expect(candidates).toMatch(/3B\*\* · 1\/1 certifiable/);
  expect(candidates).toMatch(/3P\*\* · 1\/1 certifiable/);
  expect(replyText(await partner.say(`candidates ${code}`))).not.toContain('Martin');

  const list = await referent.say('sessions');
  expect(replyText(list)).toContain('Sessions de certification · Collège Jean Moulin');
  expect(replyText(list)).toMatch(new RegExp(`À venir\\*\\*\\n[\\s\\S]*18/05/2027 à 14:00 · Bâtiment B, Salle 12 · code ${code} · 5 candidat·es`));

  const finaliseForm = await referent.execute(action(list, 'sessionFinalise'));
  expect(replyText(finaliseForm)).toContain('Finaliser la session du 18/05/2027');
  const inputs = [...json(finaliseForm).matchAll(/"id":"in_(note_[^"]+)","label":"([^"]+)"/g)].map((m) => ({ key: m[1]!, label: m[2]! }));
  expect(inputs.map((i) => i.label).sort()).toEqual(['Blanc Paul (4A)', 'Durand Tom (3A)', 'Martin Léa (3A)', 'Petit Zoé (3P)', 'Roux Inès (3B)']);
  const tom = inputs.find((i) => i.label.startsWith('Durand Tom'))!.key;
  const lea = inputs.find((i) => i.label.startsWith('Martin Léa'))!.key;
  const tooLong = await referent.execute(action(finaliseForm, 'sessionFinaliseSubmit'), { [tom]: 'x'.repeat(501), [lea]: 'arrivée à 14:10' });
  expect(replyText(tooLong)).toContain('Une note compte au plus 500 caractères.');
  expect(json(tooLong)).toMatch(new RegExp(`"id":"in_${lea}"[^}]*"value":"arrivée à 14:10"`));
  expect((await sessionsOf(seed.schools.host.id)).find((s) => s.accessCode === code)!.status).toBe('created');
  expect(replyText(await referent.say(`publier ${code}`))).toContain('Finalisez d’abord la session');

  const finalised = await referent.execute(action(finaliseForm, 'sessionFinaliseSubmit'), { [tom]: 'absent, malade', [lea]: 'arrivée à 14:10' });
  expect(replyText(finalised)).toContain('Session finalisée (5 candidat·es)');
  expect(verbs(finalised)).toEqual(['sessionCandidates', 'sessionPublish']);

  const published = await referent.execute(action(finalised, 'sessionPublish'));
  const summary = replyText(published);
  expect(summary).toContain('Résultats publiés · session du 18/05/2027');
  expect(summary).toContain('Classe 3A : 0/2 certifié·e, score moyen 0 pix');
  expect(summary).not.toContain('3P');
  expect(summary).not.toMatch(/partix certification/);
  const link = (division: string, text: string) => new RegExp(`\\[CSV de la ${division}\\]\\((https://partix\\.test/[^)]+)\\)`).exec(text)![1]!;
  const local = (url: string) => url.replace('https://partix.test', bot.url);

  const csv = await fetch(local(link('3A', summary)));
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const bytes = Buffer.from(await csv.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const body = bytes.toString('utf8');
  expect(body).toContain('"Classe";"Nom";"Prénom"');
  expect(body).toContain('"3A";"Durand";"Tom";"2011-09-12";"Absent"');
  expect(body).toContain('"absent, malade"');
  expect(body).toContain('"arrivée à 14:10"');
  expect(body).not.toMatch(/Roux|Blanc|Petit/);

  const url3A = link('3A', summary);
  const tampered = url3A.replace(/([0-9a-f])(\.csv)$/, (_, c: string, ext: string) => `${c === '0' ? '1' : '0'}${ext}`);
  expect((await fetch(local(tampered))).status).toBe(404);
  // The 3A token does not open the 3B, nor the partner school's classes.
  expect((await fetch(local(url3A.replace('/3A/', '/3B/')))).status).toBe(404);
  expect((await fetch(local(url3A.replace(seed.schools.host.id, seed.schools.partner.id)))).status).toBe(404);
  bot.clock.advanceSeconds(73 * 3600);
  const expired = await fetch(local(url3A));
  expect(expired.status).toBe(404);
  expect(await expired.text()).toContain('link_expired');
  // Fresh links for the same classes.
  const again = replyText(await referent.say(`résultats ${code}`));
  expect((await fetch(local(link('3B', again)))).status).toBe(200);
  expect(replyText(await referent.say(`publier ${code}`))).toContain('déjà publiés');
});

it('in English, without PUBLIC_URL: the form without a network toggle, its refusal kept, enrolment, finalisation and a summary that says the administrator must set PUBLIC_URL', async () => {
  const seed = await open({ PUBLIC_URL: undefined as unknown as string });
  const referent = new Student(bot, 'ref-outsider', 'en-GB', 'Olga Outsider');

  const form = await referent.say('new session');
  expect(replyText(form)).toContain('New certification session');
  expect(replyText(form)).toContain('Between April 1 and July 31');
  expect(json(form)).not.toContain('in_openToNetwork');
  const submit = action(form, 'sessionSubmit');
  const past = await referent.execute(submit, { ...FORM, time: '07:00', openToNetwork: 'false' });
  expect(replyText(past)).toContain('This date has passed: choose a date and time to come.');
  expect(json(past)).toMatch(/"id":"in_time"[^}]*"value":"07:00"/);
  const created = await referent.execute(submit, { ...FORM, openToNetwork: 'false' });
  expect(replyText(created)).toContain('Session created on 18 May 2027 at 14:00.');
  expect(replyText(created)).toContain('your school only');
  // Outside the season on purpose: the exemption toggle.
  expect(replyText(await referent.execute(submit, { ...FORM, date: '2027-09-14', outsideWindow: 'true', openToNetwork: 'false' }))).toMatch(/Session created on 14 Sept? 2027 at 14:00/);

  const enrolForm = await referent.execute(action(created, 'sessionEnrol'));
  expect(replyText(enrolForm)).toContain('Enrol in the session of 18 May 2027');
  expect(json(enrolForm)).toMatch(/"id":"in_divisions"[^\]]*"value":"3C"/);
  expect(replyText(await referent.execute(action(enrolForm, 'sessionEnrolSubmit'), { divisions: '3C' }))).toContain('1 student enrolled.');
  expect(replyText(await referent.execute(action(created, 'sessionCandidates')))).toMatch(/3C\*\* · 0\/1 certifiable\n\nFaure Ugo · certifiable: not yet/);

  const finaliseForm = await referent.execute(action(created, 'sessionFinalise'));
  expect(replyText(finaliseForm)).toContain('Finalise the session of 18 May 2027');
  const finalised = await referent.execute(action(finaliseForm, 'sessionFinaliseSubmit'));
  expect(replyText(finalised)).toContain('Session finalised (1 candidate)');
  const summary = replyText(await referent.execute(action(finalised, 'sessionPublish')));
  expect(summary).toContain('Class 3C: 0/1 certified');
  expect(summary).toContain('the Partix administrator must set PUBLIC_URL');
  expect(summary).not.toMatch(/partix certification|\]\(http/);
  expect(replyText(await referent.say('sessions'))).toMatch(/Published\*\*[\s\S]*18 May 2027 at 14:00/);
  void seed;
});

it('a student is refused every referent verb, by typing or by a button, and nothing is written', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-host', 'fr-FR', 'Anne Référente');
  const created = await referent.say('session 2027-05-18 14:00 ; Bâtiment B ; Salle 12 ; M. Leroy');
  const code = /\*\*([A-Z0-9]{6})\*\*/.exec(replyText(created))![1]!;
  const student = new Student(bot, 'lea', 'fr-FR', 'Léa Martin');
  for (const typed of ['session', 'sessions', 'inscrire BBBB22 3A', `inscrire ${code}`, `inscrire ${code} Durand Tom`, `candidats ${code}`, `finaliser ${code}`, `publier ${code}`, `résultats ${code}`]) {
    expect(replyText(await student.say(typed)), typed).toContain('réservée au référent');
  }
  expect(replyText(await student.execute({ verb: 'sessionSubmit' }, FORM))).toContain('réservée au référent');
  expect(replyText(await student.execute({ verb: 'sessionEnrolSubmit', code }, { divisions: '3A' }))).toContain('réservée au référent');
  expect(replyText(await student.execute({ verb: 'sessionFinaliseSubmit', code }))).toContain('réservée au référent');
  expect(await sessionsOf(seed.schools.host.id)).toHaveLength(1);
  expect(await bot.app.certification.candidates.ofSession((await sessionsOf(seed.schools.host.id))[0]!.id)).toEqual([]);
  // Another school's referent does not see it either.
  expect(replyText(await new Student(bot, 'ref-outsider').say(`candidats ${code}`))).toContain('Vous ne pouvez inscrire que les élèves de votre établissement');
});

/**
 * A session is created once, whatever the clicks: a double click on the form's button (two invokes
 * from the same card's message), Teams redelivering a typed line (the same activity id).
 */
const CODE = /\*\*([A-Z0-9]{6})\*\*/;
const codesOf = (replies: BotReply[]) => replies.map((r) => CODE.exec(replyText(r))?.[1]);

/** "session": the form, its button and the id of the message that carries it. */
async function openForm(referent: Student) {
  const form = await referent.say('session');
  return { submit: action(form, 'sessionSubmit'), messageId: form.cards.at(-1)!.id };
}

it('the form’s button clicked twice at once: one session, both answers show its access code; a later click shows it again', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-host', 'fr-FR', 'Anne Référente');
  const { submit, messageId } = await openForm(referent);
  const click = () => referent.execute(submit, FORM, undefined, messageId);
  const replies = await Promise.all([click(), click()]);
  const sessions = await sessionsOf(seed.schools.host.id);
  expect(sessions).toHaveLength(1);
  expect(codesOf(replies)).toEqual([sessions[0]!.accessCode, sessions[0]!.accessCode]);
  for (const r of replies) expect(replyText(r)).toContain('Session créée le 18/05/2027 à 14:00');
  expect(codesOf([await click()])).toEqual([sessions[0]!.accessCode]);
  expect(await sessionsOf(seed.schools.host.id)).toHaveLength(1);
});

it('in English, through Action.Submit (a message whose replyToId is the card), clicked twice at once: one session, the same code twice', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-outsider', 'en-GB', 'Olga Outsider');
  const { submit, messageId } = await openForm(referent);
  const values = { ...FORM, openToNetwork: 'false' };
  const replies = await Promise.all([referent.submit(messageId, submit, values), referent.submit(messageId, submit, values)]);
  const sessions = await sessionsOf(seed.schools.outsider.id);
  expect(sessions).toHaveLength(1);
  expect(replies.flatMap((r) => r.updated.map((u) => CODE.exec(JSON.stringify(u.card))?.[1]))).toEqual([sessions[0]!.accessCode, sessions[0]!.accessCode]);
});

it('a refused form does not use up its card: corrected and sent again from the same card, one session; another form makes another', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-host', 'fr-FR', 'Anne Référente');
  const { submit, messageId } = await openForm(referent);
  const click = (inputs: Record<string, string>) => referent.execute(submit, inputs, undefined, messageId);
  expect(replyText(await click({ ...FORM, date: '2027-05-17' }))).toContain('Cette date est passée');
  expect(replyText(await click({ ...FORM, date: '2027-09-14' }))).toContain('cochez « hors période »');
  expect(replyText(await click({ ...FORM, room: '' }))).toContain('Champs manquants ou trop longs : salle.');
  expect(await sessionsOf(seed.schools.host.id)).toEqual([]);
  const created = await click(FORM);
  expect(replyText(created)).toContain('Session créée le 18/05/2027 à 14:00');
  expect(codesOf([await click(FORM)])).toEqual(codesOf([created]));
  expect(await sessionsOf(seed.schools.host.id)).toHaveLength(1);
  const other = await openForm(referent);
  await referent.execute(other.submit, { ...FORM, time: '16:00' }, undefined, other.messageId);
  expect((await sessionsOf(seed.schools.host.id)).map((s) => s.time)).toEqual(['14:00', '16:00']);
});

it('a typed line delivered twice (the same activity id), even at once: one session, the same code twice; the same words typed again make another', async () => {
  const seed = await open();
  const referent = new Student(bot, 'ref-host', 'fr-FR', 'Anne Référente');
  const line = 'session 2027-05-18 09:00 ; Bâtiment A ; Salle 3 ; Mme Roy ; Rattrapage';
  const replies = await Promise.all([referent.say(line, { id: 'act-session-1' }), referent.say(line, { id: 'act-session-1' })]);
  const sessions = await sessionsOf(seed.schools.host.id);
  expect(sessions).toHaveLength(1);
  // Both answers are in the chat (whichever request's drain gathered them): the same card twice.
  expect(replies.flatMap((r) => r.cards.map((c) => CODE.exec(JSON.stringify(c.card))?.[1]))).toEqual([sessions[0]!.accessCode, sessions[0]!.accessCode]);
  expect(codesOf([await referent.say(line, { id: 'act-session-1' })])).toEqual([sessions[0]!.accessCode]);
  expect(replyText(await referent.say(line))).toContain('Session créée le 18/05/2027 à 09:00');
  expect(await sessionsOf(seed.schools.host.id)).toHaveLength(2);
});
