/** What students, candidates and referents read about certification and its reminders (French, English). */
import type { Lang } from './lang.js';
import { pluralOf } from './plural.js';

const pluralFr = pluralOf('fr');
const pluralEn = pluralOf('en');
const countFr = (n: number, one: string, other: string) => `${n} ${pluralFr(n, one, other)}`;
const countEn = (n: number, one: string, other: string) => `${n} ${pluralEn(n, one, other)}`;

/** What a refusal carries for its message (the fields of the error classes of src/certification/errors.ts). */
export interface ErrorParams {
  date?: string;
  problem?: string;
  window?: { from: string; to: string };
  fields?: string[];
  divisions?: string[];
  certifiable?: number;
  required?: number;
  max?: number;
}

/** Each refusal of the issue's "bad input" list, by error class name. */
export const errorsFr = {
  InvalidAccessCodeError: () => 'Ce code d’accès ne correspond à aucune session. Vérifiez-le auprès du surveillant (4 lettres et 2 chiffres, par exemple KTBX47).',
  ExpiredAccessCodeError: (p: ErrorParams) => `Ce code d’accès n’est plus (ou pas encore) valable : la session est prévue le ${p.date ?? '?'} ou elle est close.`,
  CandidateNotEnrolledError: () => 'Vous n’êtes pas inscrit·e à cette session. Parlez-en à votre référent·e Partix.',
  IdentityMismatchError: () => 'Ces nom, prénom et date de naissance ne correspondent à aucun·e candidat·e inscrit·e à cette session. Vérifiez l’orthographe et la date.',
  SecondAttemptError: () => 'Ce test de certification a déjà été passé : une seule tentative est permise par session.',
  SessionDateError: (p: ErrorParams) =>
    p.problem === 'past'
      ? 'Cette date est passée : choisissez une date et une heure à venir.'
      : p.problem === 'outside_window'
        ? `Les sessions ont lieu entre le ${dayMonthFr(p.window?.from)} et le ${dayMonthFr(p.window?.to)}. Pour une autre date, cochez « hors période ».`
        : 'Cette date n’existe pas : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2027-05-18.',
  InvalidSessionFieldsError: (p: ErrorParams) => `Champs manquants ou trop longs : ${(p.fields ?? []).map((f) => FIELDS_FR[f] ?? f).join(', ')}.`,
  SessionNotFoundError: () => 'Je ne trouve pas cette session parmi celles de votre établissement.',
  OutsideNetworkError: () => 'Vous ne pouvez inscrire que les élèves de votre établissement, ou d’un établissement du même réseau si la session est ouverte au réseau.',
  SessionClosedError: () => 'Cette session est close : on ne peut plus s’y inscrire ni s’y présenter.',
  AlreadyEnrolledError: () => 'Cet·te élève est déjà inscrit·e à cette session.',
  UnknownDivisionsError: (p: ErrorParams) => `Classes inconnues : ${(p.divisions ?? []).join(', ')}. Rien n’a été inscrit.`,
  NotEligibleError: (p: ErrorParams) =>
    `Vous n’êtes pas encore certifiable : il faut le niveau 1 dans ${p.required ?? 5} compétences, vous l’avez dans ${p.certifiable ?? 0}. Tapez « certification » pour savoir lesquelles travailler.`,
  AlreadyFinalisedError: () => 'Cette session est déjà finalisée : il reste à publier ses résultats.',
  PublishBeforeFinaliseError: () => 'Finalisez d’abord la session (une note par candidat·e si besoin), puis publiez les résultats.',
  AlreadyPublishedError: () => 'Les résultats de cette session sont déjà publiés.',
  ResultsNotPublishedError: () => 'Les résultats de cette session ne sont pas encore publiés : publiez-les d’abord (bouton « Publier »).',
  SessionNotHeldYetError: (p: ErrorParams) => `La session du ${p.date ?? '?'} n’a pas encore eu lieu : elle se finalise après.`,
  UnknownCandidateError: () => 'Cette personne n’est pas candidate à cette session.',
  NoteTooLongError: (p: ErrorParams) => `Une note compte au plus ${p.max ?? 500} caractères.`,
  CertificationChallengeNotPendingError: () => 'Cette question n’est plus en attente : voici où en est votre test.',
} satisfies Record<string, (p: ErrorParams) => string>;

/** "salle 12" from "12", and "Salle 12" or "CDI" kept as typed: a room already named says its own word. */
const roomFr = (room: string) => (/^\d/.test(room.trim()) ? `salle ${room}` : room);
const roomEn = (room: string) => (/^\d/.test(room.trim()) ? `room ${room}` : room);
const FIELDS_FR: Record<string, string> = { site: 'site', room: 'salle', date: 'date', time: 'heure', examiners: 'surveillant·es', description: 'description' };
const FIELDS_EN: Record<string, string> = { site: 'site', room: 'room', date: 'date', time: 'time', examiners: 'examiners', description: 'description' };
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function dayMonthFr(md: string | undefined): string {
  if (!md) return '?';
  const [m, d] = md.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[(m ?? 1) - 1]}`;
}
function dayMonthEn(md: string | undefined): string {
  if (!md) return '?';
  const [m, d] = md.split('-').map(Number);
  return `${MONTHS_EN[(m ?? 1) - 1]} ${d}`;
}

const errorsEn: Record<keyof typeof errorsFr, (p: ErrorParams) => string> = {
  InvalidAccessCodeError: () => 'This access code matches no session. Check it with the examiner (4 letters and 2 digits, e.g. KTBX47).',
  ExpiredAccessCodeError: (p) => `This access code is not valid now: the session is on ${p.date ?? '?'}, or it is closed.`,
  CandidateNotEnrolledError: () => 'You are not enrolled in this session. Ask your Partix referent.',
  IdentityMismatchError: () => 'These names and birth date match no candidate enrolled in this session. Check the spelling and the date.',
  SecondAttemptError: () => 'This certification test has been taken already: one attempt per session.',
  SessionDateError: (p) =>
    p.problem === 'past'
      ? 'This date has passed: choose a date and time to come.'
      : p.problem === 'outside_window'
        ? `Sessions take place between ${dayMonthEn(p.window?.from)} and ${dayMonthEn(p.window?.to)}. For another date, tick "outside the season".`
        : 'This date does not exist: write it as YYYY-MM-DD, e.g. 2027-05-18.',
  InvalidSessionFieldsError: (p) => `Missing or too long: ${(p.fields ?? []).map((f) => FIELDS_EN[f] ?? f).join(', ')}.`,
  SessionNotFoundError: () => 'I cannot find this session among your school’s.',
  OutsideNetworkError: () => 'You may enrol only students of your school, or of a school of the same network when the session is open to it.',
  SessionClosedError: () => 'This session is closed: no more enrolment or check-in.',
  AlreadyEnrolledError: () => 'This student is enrolled in this session already.',
  UnknownDivisionsError: (p) => `Unknown classes: ${(p.divisions ?? []).join(', ')}. Nobody was enrolled.`,
  NotEligibleError: (p) =>
    `You cannot be certified yet: level 1 is needed in ${p.required ?? 5} competences, you have it in ${p.certifiable ?? 0}. Type "certification" to see which to work on.`,
  AlreadyFinalisedError: () => 'This session is finalised already: its results are waiting to be published.',
  PublishBeforeFinaliseError: () => 'Finalise the session first (a note per candidate if needed), then publish the results.',
  AlreadyPublishedError: () => 'The results of this session are published already.',
  ResultsNotPublishedError: () => 'The results of this session are not published yet: publish them first (the "Publish" button).',
  SessionNotHeldYetError: (p) => `The session of ${p.date ?? '?'} has not taken place yet: finalise it afterwards.`,
  UnknownCandidateError: () => 'This person is not a candidate of this session.',
  NoteTooLongError: (p) => `A note has at most ${p.max ?? 500} characters.`,
  CertificationChallengeNotPendingError: () => 'This question is no longer pending: here is where your test stands.',
};

const fr = {
  errors: errorsFr as Record<keyof typeof errorsFr, (p: ErrorParams) => string>,
  eligible: (n: number) => `Vous êtes certifiable : niveau 1 ou plus dans ${countFr(n, 'compétence', 'compétences')}. Demandez à votre référent·e de vous inscrire à une session (entre avril et juillet).`,
  notEligible: (n: number, needed: number) =>
    `Pas encore certifiable : niveau 1 dans ${countFr(n, 'compétence', 'compétences')} sur les ${needed} nécessaires. Les plus proches du niveau 1 :`,
  closestLine: (id: string, title: string, missing: number) => `${id} ${title} · encore ${countFr(missing, 'pix', 'pix')}`,
  actionWorkOn: (id: string) => `Travailler ${id}`,
  sessionCreated: (date: string, time: string, code: string) => `Session créée le ${date} à ${time}. Code d’accès à donner aux candidat·es le jour même : **${code}**.`,
  enrolled: (added: number, already: number) => `${countFr(added, 'élève inscrit·e', 'élèves inscrit·es')}${already > 0 ? ` (${already} déjà inscrit·es)` : ''}.`,
  partnerEnrolled: (school: string, n: number, date: string) => `${school} a inscrit ${countFr(n, 'élève', 'élèves')} à votre session de certification du ${date}.`,
  checkedIn: (first: string, last: string, date: string) => `Identité confirmée : ${first} ${last}, session du ${date}.`,
  testIntro: (minutes: number) => `Test de certification : ${minutes} minutes au plus. Pas de correction pendant le test ; une fois fini, il ne se reprend pas.`,
  answerRecorded: 'Réponse enregistrée.',
  actionStartTest: 'Commencer le test',
  noCandidate: 'Aucun·e candidat·e inscrit·e pour l’instant : « inscrire CODE 3A 3B ».',
  testEnded: 'Test terminé. Vos résultats vous seront envoyés quand votre référent·e les aura publiés.',
  finalised: (n: number) => `Session finalisée (${countFr(n, 'candidat·e', 'candidat·es')}). Publiez les résultats quand vous êtes prêt·e.`,
  published: (n: number) => `Résultats publiés : ${countFr(n, 'candidat·e prévenu·e', 'candidat·es prévenu·es')}.`,
  resultTitle: (date: string) => `Vos résultats de certification (session du ${date})`,
  resultLine: (id: string, title: string, level: number, pix: number) => `${id} ${title} · niveau ${level} · ${countFr(pix, 'pix', 'pix')}`,
  resultTotal: (pix: number) => `Score certifié : ${countFr(pix, 'pix', 'pix')}.`,
  resultRejected: 'Votre certification n’a pas été validée : trop peu de bonnes réponses pendant le test. Vous pourrez la repasser lors d’une prochaine session.',
  summaryTitle: (date: string) => `Résultats publiés · session du ${date}`,
  summaryClass: (division: string, certified: number, total: number, average: number, csvUrl: string | null) =>
    `Classe ${division} : ${certified}/${total} ${pluralFr(certified, 'certifié·e', 'certifié·es')}, score moyen ${average} pix${csvUrl ? ` · [CSV de la ${division}](${csvUrl})` : ''}`,
  summaryCsvExpiry: (hours: number, code: string) => `Chaque lien vers le CSV d’une classe est valable ${hours} h ; « résultats ${code} » en donne de nouveaux.`,
  summaryNoPublicUrl: 'Le CSV de chaque classe s’ouvre par un lien, mais le bot n’a pas encore d’adresse publique : l’administrateur de Partix doit définir PUBLIC_URL.',
  form: {
    title: 'Nouvelle session de certification',
    hint: (w: { from: string; to: string }) => `Entre le ${dayMonthFr(w.from)} et le ${dayMonthFr(w.to)} (hors dérogation), jamais dans le passé. Le code d’accès des candidat·es est donné à la création.`,
    date: 'Date',
    time: 'Heure',
    site: 'Site (bâtiment, adresse)',
    room: 'Salle',
    examiners: 'Surveillant·es',
    description: 'Description (facultative)',
    network: (network: string) => `Ouvrir aux établissements du réseau « ${network} »`,
    outsideWindow: 'Hors période (dérogation)',
    required: (field: string) => `${field} : à remplir`,
    create: 'Créer la session',
  },
  session: {
    title: (date: string, time: string) => `Session du ${date} à ${time}`,
    place: 'Lieu',
    placeValue: (site: string, room: string) => `${site}, ${roomFr(room)}`,
    examiners: 'Surveillant·es',
    code: 'Code d’accès',
    state: 'État',
    network: 'Réseau',
    networkOpen: 'ouverte aux établissements du réseau',
    networkClosed: 'votre établissement seulement',
    candidates: 'Candidat·es',
    states: { coming: 'à venir', toFinalise: 'à finaliser', toPublish: 'à publier', published: 'résultats publiés' },
    enrol: 'Inscrire des classes',
    candidatesAction: 'Candidats',
    finalise: 'Finaliser',
    publish: 'Publier',
    results: 'Résultats (CSV)',
  },
  sessions: {
    title: (school: string) => `Sessions de certification · ${school}`,
    empty: 'Aucune session pour l’instant. Tapez « session » pour en créer une.',
    groups: { coming: 'À venir', toFinalise: 'À finaliser', toPublish: 'À publier', published: 'Publiées', network: 'Ouvertes par le réseau (vous y inscrivez vos élèves)' },
    networkLine: (school: string, date: string, time: string, place: string, code: string, mine: number) =>
      `${school} · ${date} à ${time} · ${place} · code ${code} · ${countFr(mine, 'élève inscrit·e', 'élèves inscrit·es')} de votre établissement`,
    line: (date: string, time: string, place: string, code: string, candidates: number) => `${date} à ${time} · ${place} · code ${code} · ${countFr(candidates, 'candidat·e', 'candidat·es')}`,
  },
  enrolForm: {
    title: (date: string) => `Inscrire à la session du ${date}`,
    hint: (code: string) => `Les classes de certification sont déjà cochées. Pour un·e seul·e élève : « inscrire ${code} Nom Prénom » ou « inscrire ${code} INE ».`,
    classes: 'Classes',
    submit: 'Inscrire',
    noneChosen: 'Choisissez au moins une classe.',
    noClass: 'Aucune classe : importez d’abord la base élèves (SIECLE) de l’établissement.',
  },
  one: {
    added: (first: string, last: string, division: string) => `${first} ${last} (${division}) est inscrit·e.`,
    already: (first: string, last: string, division: string) => `${first} ${last} (${division}) était déjà inscrit·e : rien n’a changé.`,
    notFound: (typed: string) => `Aucun·e élève de votre établissement ne s’appelle « ${typed} » ni n’a cet INE. Vérifiez l’orthographe (Nom Prénom) ou donnez l’INE ; rien n’a été inscrit.`,
    homonyms: (typed: string) => `Plusieurs élèves s’appellent « ${typed} » : donnez son INE (« inscrire CODE 123456789AB ») ; rien n’a été inscrit.`,
  },
  candidatesCard: {
    title: (date: string) => `Candidat·es · session du ${date}`,
    classLine: (division: string, eligible: number, total: number) => `**${division}** · ${eligible}/${total} ${pluralFr(eligible, 'certifiable', 'certifiables')}`,
    line: (last: string, first: string, eligible: boolean) => `${last} ${first} · ${eligible ? 'certifiable : oui' : 'certifiable : pas encore'}`,
  },
  finaliseForm: {
    title: (date: string) => `Finaliser la session du ${date}`,
    hint: 'Une note par candidat·e si besoin (incident, retard, départ anticipé) ; facultatif. Qui n’a pas commencé le test sera noté·e absent·e ; un test en cours s’arrête.',
    note: (last: string, first: string, division: string) => `${last} ${first} (${division})`,
    submit: 'Finaliser la session',
  },
  stopped: 'C’est noté : plus aucun rappel de certification. Tapez « start rappels » pour les retrouver.',
  restarted: 'Les rappels de certification sont de nouveau actifs. « stop rappels » les arrête.',
  reminderWeek: (date: string, time: string, site: string, room: string) => `Rappel : votre session de certification a lieu le ${date} à ${time}, ${site}, ${roomFr(room)}.`,
  reminderEve: (date: string, time: string, site: string, room: string) => `C’est bientôt : certification le ${date} à ${time}, ${site}, ${roomFr(room)}. Le code d’accès vous sera donné sur place.`,
  reminderNudge: (list: string) => `Pour être certifiable, il vous faut le niveau 1 dans 5 compétences. À travailler cette semaine : ${list}.`,
  reminderDigest: (school: string) => `Certification · ${school} · la semaine :`,
  digestEligible: (division: string, eligible: number, total: number) => `${division} : ${eligible}/${total} ${pluralFr(eligible, 'certifiable', 'certifiables')}`,
  digestSession: (date: string, time: string, candidates: number) => `Session du ${date} à ${time} · ${countFr(candidates, 'inscrit·e', 'inscrit·es')}`,
  digestToFinalise: (n: number) => `${countFr(n, 'session', 'sessions')} à finaliser`,
  digestToPublish: (n: number) => `${countFr(n, 'session', 'sessions')} à publier`,
  reminderFinalise: (date: string) => `La session de certification du ${date} est passée : finalisez-la (une note par candidat·e si besoin).`,
  reminderPublish: (date: string) => `La session du ${date} est finalisée : ses résultats attendent d’être publiés.`,
  reminderFooter: '(« stop rappels » pour ne plus en recevoir)',
};

const en: typeof fr = {
  errors: errorsEn,
  eligible: (n) => `You can be certified: level 1 or more in ${countEn(n, 'competence', 'competences')}. Ask your referent to enrol you in a session (April to July).`,
  notEligible: (n, needed) => `Not certifiable yet: level 1 in ${countEn(n, 'competence', 'competences')} of the ${needed} needed. Closest to level 1:`,
  closestLine: (id, title, missing) => `${id} ${title} · ${countEn(missing, 'pix', 'pix')} to go`,
  actionWorkOn: (id) => `Work on ${id}`,
  sessionCreated: (date, time, code) => `Session created on ${date} at ${time}. Access code to give candidates on the day: **${code}**.`,
  enrolled: (added, already) => `${countEn(added, 'student enrolled', 'students enrolled')}${already > 0 ? ` (${already} enrolled already)` : ''}.`,
  partnerEnrolled: (school, n, date) => `${school} enrolled ${countEn(n, 'student', 'students')} in your certification session of ${date}.`,
  checkedIn: (first, last, date) => `Identity confirmed: ${first} ${last}, session of ${date}.`,
  testIntro: (minutes) => `Certification test: ${minutes} minutes at most. No feedback during the test; once ended, it cannot be resumed.`,
  answerRecorded: 'Answer recorded.',
  actionStartTest: 'Start the test',
  noCandidate: 'No candidate enrolled yet: "enrol CODE 3A 3B".',
  testEnded: 'Test ended. Your results will be sent to you once your referent publishes them.',
  finalised: (n) => `Session finalised (${countEn(n, 'candidate', 'candidates')}). Publish the results when you are ready.`,
  published: (n) => `Results published: ${countEn(n, 'candidate', 'candidates')} told.`,
  resultTitle: (date) => `Your certification results (session of ${date})`,
  resultLine: (id, title, level, pix) => `${id} ${title} · level ${level} · ${countEn(pix, 'pix', 'pix')}`,
  resultTotal: (pix) => `Certified score: ${countEn(pix, 'pix', 'pix')}.`,
  resultRejected: 'Your certification was not validated: too few right answers during the test. You may take it again at a later session.',
  summaryTitle: (date) => `Results published · session of ${date}`,
  summaryClass: (division, certified, total, average, csvUrl) => `Class ${division}: ${certified}/${total} certified, average score ${average} pix${csvUrl ? ` · [${division} CSV](${csvUrl})` : ''}`,
  summaryCsvExpiry: (hours, code) => `Each link to a class's CSV is valid for ${hours} h; "results ${code}" gives new ones.`,
  summaryNoPublicUrl: 'Each class’s CSV opens from a link, but the bot has no public address yet: the Partix administrator must set PUBLIC_URL.',
  form: {
    title: 'New certification session',
    hint: (w) => `Between ${dayMonthEn(w.from)} and ${dayMonthEn(w.to)} (unless exempted), never in the past. The candidates’ access code is given on creation.`,
    date: 'Date',
    time: 'Time',
    site: 'Site (building, address)',
    room: 'Room',
    examiners: 'Examiners',
    description: 'Description (optional)',
    network: (network) => `Open to the schools of the network “${network}”`,
    outsideWindow: 'Outside the season (exemption)',
    required: (field) => `${field}: required`,
    create: 'Create the session',
  },
  session: {
    title: (date, time) => `Session of ${date} at ${time}`,
    place: 'Place',
    placeValue: (site, room) => `${site}, ${roomEn(room)}`,
    examiners: 'Examiners',
    code: 'Access code',
    state: 'State',
    network: 'Network',
    networkOpen: 'open to the schools of the network',
    networkClosed: 'your school only',
    candidates: 'Candidates',
    states: { coming: 'coming', toFinalise: 'to finalise', toPublish: 'to publish', published: 'results published' },
    enrol: 'Enrol classes',
    candidatesAction: 'Candidates',
    finalise: 'Finalise',
    publish: 'Publish',
    results: 'Results (CSV)',
  },
  sessions: {
    title: (school) => `Certification sessions · ${school}`,
    empty: 'No session yet. Type "session" to create one.',
    groups: { coming: 'Coming', toFinalise: 'To finalise', toPublish: 'To publish', published: 'Published', network: 'Opened by the network (you enrol your students)' },
    networkLine: (school, date, time, place, code, mine) => `${school} · ${date} at ${time} · ${place} · code ${code} · ${countEn(mine, 'student', 'students')} of your school enrolled`,
    line: (date, time, place, code, candidates) => `${date} at ${time} · ${place} · code ${code} · ${countEn(candidates, 'candidate', 'candidates')}`,
  },
  enrolForm: {
    title: (date) => `Enrol in the session of ${date}`,
    hint: (code) => `The certification classes are ticked already. For one student: "enrol ${code} Lastname Firstname" or "enrol ${code} INE".`,
    classes: 'Classes',
    submit: 'Enrol',
    noneChosen: 'Choose at least one class.',
    noClass: 'No class: import the school’s student list (SIECLE) first.',
  },
  one: {
    added: (first, last, division) => `${first} ${last} (${division}) is enrolled.`,
    already: (first, last, division) => `${first} ${last} (${division}) was enrolled already: nothing changed.`,
    notFound: (typed) => `No student of your school is named “${typed}” or has this INE. Check the spelling (Lastname Firstname) or give the INE; nobody was enrolled.`,
    homonyms: (typed) => `Several students are named “${typed}”: give the INE ("enrol CODE 123456789AB"); nobody was enrolled.`,
  },
  candidatesCard: {
    title: (date) => `Candidates · session of ${date}`,
    classLine: (division, eligible, total) => `**${division}** · ${eligible}/${total} certifiable`,
    line: (last, first, eligible) => `${last} ${first} · ${eligible ? 'certifiable: yes' : 'certifiable: not yet'}`,
  },
  finaliseForm: {
    title: (date) => `Finalise the session of ${date}`,
    hint: 'A note per candidate if needed (incident, late arrival, early leave); optional. Who never started the test is marked absent; a test in progress ends.',
    note: (last, first, division) => `${last} ${first} (${division})`,
    submit: 'Finalise the session',
  },
  stopped: 'Done: no more certification reminders. Type "start reminders" to get them again.',
  restarted: 'Certification reminders are on again. "stop reminders" stops them.',
  reminderWeek: (date, time, site, room) => `Reminder: your certification session is on ${date} at ${time}, ${site}, ${roomEn(room)}.`,
  reminderEve: (date, time, site, room) => `Coming soon: certification on ${date} at ${time}, ${site}, ${roomEn(room)}. You will get the access code there.`,
  reminderNudge: (list) => `To be certifiable you need level 1 in 5 competences. To work on this week: ${list}.`,
  reminderDigest: (school) => `Certification · ${school} · this week:`,
  digestEligible: (division, eligible, total) => `${division}: ${eligible}/${total} certifiable`,
  digestSession: (date, time, candidates) => `Session of ${date} at ${time} · ${countEn(candidates, 'candidate', 'candidates')}`,
  digestToFinalise: (n) => `${countEn(n, 'session', 'sessions')} to finalise`,
  digestToPublish: (n) => `${countEn(n, 'session', 'sessions')} to publish`,
  reminderFinalise: (date) => `The certification session of ${date} has taken place: finalise it (a note per candidate if needed).`,
  reminderPublish: (date) => `The session of ${date} is finalised: its results are waiting to be published.`,
  reminderFooter: '("stop reminders" to receive no more)',
};

export type CertificationMessages = typeof fr;

/** What the link to a class's results CSV answers when it cannot serve it (the body of the 404). */
export function resultsLinkRefusal(reason: 'expired' | 'not_found', ttlHours: number) {
  return reason === 'expired'
    ? {
        error: 'link_expired',
        message: `Ce lien vers les résultats de certification a expiré (il est valable ${ttlHours} h). Tapez « résultats CODE » dans votre conversation avec Partix pour en obtenir un nouveau.`,
        messageEn: `This link to the certification results has expired (it is valid for ${ttlHours} h). Type “results CODE” in your chat with Partix to get a new one.`,
      }
    : {
        error: 'not_found',
        message: 'Résultats introuvables : vérifiez que le lien est complet, ou tapez « résultats CODE » dans votre conversation avec Partix.',
        messageEn: 'Results not found: check that the link is complete, or type “results CODE” in your chat with Partix.',
      };
}

export function certificationMessages(lang: Lang): CertificationMessages {
  return lang === 'en' ? en : fr;
}

