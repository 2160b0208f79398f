/** Each campaign error in words (French, English), and the one map from error to words that every edge uses. */
import {
  AlreadySharedError,
  CampaignArchivedError,
  CampaignError,
  CampaignLineError,
  CampaignNotFoundError,
  DisabledStudentError,
  InvalidCampaignFieldError,
  NoCampaignRightError,
  NoDivisionsError,
  NoTargetError,
  NotFinishedError,
  NotStudentOfSchoolError,
  ParticipationNotFoundError,
  PushRunningError,
  RemindTooSoonError,
  RetryNotAvailableError,
  TargetLockedError,
  UnknownCampaignCodeError,
  UnreadableFormError,
  UnknownCompetencesError,
  UnknownDivisionsError,
  UnknownTargetError,
} from '../campaigns/errors.js';
import type { Lang } from './lang.js';
import { pluralOf } from './plural.js';

const pluralFr = pluralOf('fr');
const pluralEn = pluralOf('en');
const list = (items: string[]) => items.map((i) => `« ${i} »`).join(', ');
const listEn = (items: string[]) => items.map((i) => `“${i}”`).join(', ');

export const errorsFr = {
  notFound: 'Je ne trouve pas cette campagne (ou elle n’est pas la vôtre). Tapez « campagnes » pour voir la liste.',
  noRight: 'Vous n’avez pas le droit de créer des campagnes : demandez-le à votre référent·e Partix.',
  unknownCompetences: (codes: string[]) => `${pluralFr(codes.length, 'Compétence inconnue', 'Compétences inconnues')} : ${codes.join(', ')}. Les compétences vont de 1.1 à 5.2 (tapez « profil » pour la liste).`,
  noTarget: 'Choisissez au moins une compétence (par exemple 1.1), ou un profil cible : « socle » ou « snt ».',
  unknownTarget: (name: string) => `Profil cible inconnu : « ${name} ». Profils prêts à l’emploi : socle, snt.`,
  noDivisions: 'Choisissez au moins une classe, par exemple « classes 4A 4B ».',
  unknownDivisions: (d: string[]) => `${pluralFr(d.length, 'Classe inconnue', 'Classes inconnues')} dans votre établissement : ${list(d)}. Tapez « classes » pour voir la liste.`,
  field: {
    name: 'Donnez un nom à la campagne.',
    title: (n: number) => `Le titre fait au plus ${n} caractères.`,
    landingText: (n: number) => `Le texte d’accueil fait au plus ${n} caractères.`,
    externalIdLabel: (n: number) => `Le libellé de l’identifiant externe fait au plus ${n} caractères.`,
    deadline: 'La date limite doit être un jour à venir, au format JJ/MM/AAAA.',
    level: (n: number) => `Le niveau visé va de 1 à ${n}.`,
  },
  line: {
    no_name: 'Donnez le nom de la campagne, entre guillemets : campagne "Bilan 4e" 1.1 2.1 classes 4A.',
    unclosed_quote: 'Il manque un guillemet fermant au nom de la campagne.',
    unknown_word: (w: string) => `Je ne comprends pas « ${w} ». Exemple : campagne "Bilan 4e" 1.1 2.1 classes 4A 4B.`,
    no_date: 'Donnez la date après « jusqu’au », au format JJ/MM/AAAA.',
    bad_date: (w: string) => `« ${w} » n’est pas une date : écrivez-la JJ/MM/AAAA.`,
    bad_level: (w: string) => `« ${w} » n’est pas un niveau : de 1 à 8.`,
  },
  unknownCode: (typed: string) => `« ${typed} » n’est le code d’aucune campagne. Un code a 6 lettres et 3 chiffres, par exemple QZWBPK347.`,
  archived: (name: string) => `La campagne « ${name} » est archivée : on ne peut plus la rejoindre ni y envoyer de résultats.`,
  notLinked: 'Pour rejoindre une campagne, rattachez d’abord votre compte à votre dossier d’élève : tapez « rattacher ».',
  otherSchool: 'Cette campagne est celle d’un autre établissement que le vôtre.',
  disabled: 'Votre dossier n’est plus actif dans cet établissement : vous ne pouvez pas commencer de campagne. Parlez-en à votre professeur·e.',
  participationNotFound: 'Je ne trouve pas cette participation. Tapez le code de la campagne pour la reprendre.',
  notFinished: (progress: number) => `Terminez d’abord la campagne (${progress} % fait) : vous pourrez ensuite envoyer vos résultats.`,
  alreadyShared: 'Vous avez déjà envoyé vos résultats pour cette campagne.',
  pushRunning: (pending: number) => (pending ? `Un envoi est en cours (${pending} ${pluralFr(pending, 'carte', 'cartes')} encore en route). Consultez le suivi, puis renvoyez quand il est fini.` : 'Un envoi est en cours : réessayez dans un instant.'),
  remindTooSoon: (hours: number) => `Vous avez déjà relancé les élèves il y a moins d’un jour : réessayez dans ${hours} ${pluralFr(hours, 'heure', 'heures')}.`,
  retry: {
    single_sending: 'Cette campagne ne permet qu’un seul envoi.',
    not_shared: 'Envoyez d’abord vos résultats : vous pourrez repasser la campagne quelques jours après.',
    too_early: (days: number) => `Vous pourrez repasser cette campagne dans ${days} ${pluralFr(days, 'jour', 'jours')}.`,
    mastered: 'Vous maîtrisez déjà tout ce que vise cette campagne : rien à repasser.',
  },
  targetLocked: (n: number) => `${n} ${pluralFr(n, 'élève a', 'élèves ont')} déjà rejoint la campagne : ses compétences ne peuvent plus changer. Créez-en une autre.`,
  unreadableForm: 'Je n’arrive pas à lire ce formulaire. Tapez « nouvelle campagne » pour en ouvrir un neuf.',
};

export type CampaignErrorMessages = typeof errorsFr;

export const errorsEn: CampaignErrorMessages = {
  notFound: 'I cannot find this campaign (or it is not yours). Type “campaigns” to see the list.',
  noRight: 'You do not have the right to create campaigns: ask your school’s Partix referent.',
  unknownCompetences: (codes) => `Unknown ${pluralEn(codes.length, 'competence', 'competences')}: ${codes.join(', ')}. Competences go from 1.1 to 5.2 (type “profile” for the list).`,
  noTarget: 'Choose at least one competence (e.g. 1.1), or a target: “socle” or “snt”.',
  unknownTarget: (name) => `Unknown target “${name}”. Ready-made targets: socle, snt.`,
  noDivisions: 'Choose at least one class, e.g. “classes 4A 4B”.',
  unknownDivisions: (d) => `Unknown ${pluralEn(d.length, 'class', 'classes')} in your school: ${listEn(d)}. Type “classes” to see the list.`,
  field: {
    name: 'Give the campaign a name.',
    title: (n) => `The title is at most ${n} characters.`,
    landingText: (n) => `The landing text is at most ${n} characters.`,
    externalIdLabel: (n) => `The external id label is at most ${n} characters.`,
    deadline: 'The deadline must be a day to come, as DD/MM/YYYY or YYYY-MM-DD.',
    level: (n) => `The target level goes from 1 to ${n}.`,
  },
  line: {
    no_name: 'Give the campaign’s name, in quotes: campaign "Year 8 review" 1.1 2.1 classes 4A.',
    unclosed_quote: 'The campaign’s name lacks its closing quote.',
    unknown_word: (w) => `I do not understand “${w}”. Example: campaign "Year 8 review" 1.1 2.1 classes 4A 4B.`,
    no_date: 'Give the date after “until”, as DD/MM/YYYY or YYYY-MM-DD.',
    bad_date: (w) => `“${w}” is not a date: write it DD/MM/YYYY or YYYY-MM-DD.`,
    bad_level: (w) => `“${w}” is not a level: 1 to 8.`,
  },
  unknownCode: (typed) => `“${typed}” is no campaign’s code. A code has 6 letters and 3 digits, e.g. QZWBPK347.`,
  archived: (name) => `Campaign “${name}” is archived: it cannot be joined, and results cannot be sent to it any more.`,
  notLinked: 'To join a campaign, first link your account to your student record: type “link”.',
  otherSchool: 'This campaign belongs to another school than yours.',
  disabled: 'Your record is no longer active in this school: you cannot start a campaign. Talk to your teacher.',
  participationNotFound: 'I cannot find this participation. Type the campaign’s code to resume it.',
  notFinished: (progress) => `Finish the campaign first (${progress}% done): then you can send your results.`,
  alreadyShared: 'You have already sent your results for this campaign.',
  pushRunning: (pending) => (pending ? `A sending is running (${pending} ${pluralEn(pending, 'card', 'cards')} still on their way). Check its status, then send again once it is done.` : 'A sending is running: try again in a moment.'),
  remindTooSoon: (hours) => `You reminded the students less than a day ago: try again in ${hours} ${pluralEn(hours, 'hour', 'hours')}.`,
  retry: {
    single_sending: 'This campaign allows a single sending.',
    not_shared: 'Send your results first: you can take the campaign again a few days later.',
    too_early: (days) => `You can take this campaign again in ${days} ${pluralEn(days, 'day', 'days')}.`,
    mastered: 'You already master everything this campaign targets: nothing to take again.',
  },
  targetLocked: (n) => `${n} ${pluralEn(n, 'student has', 'students have')} joined the campaign already: its competences can no longer change. Create another one.`,
  unreadableForm: 'I cannot read this form. Type “new campaign” to open a fresh one.',
};

export function campaignErrors(lang: Lang): CampaignErrorMessages {
  return lang === 'en' ? errorsEn : errorsFr;
}

/** The words for a campaign error, for any edge (chat, CLI); null for an error that is not one. */
export function campaignErrorText(e: CampaignErrorMessages, error: unknown): string | null {
  if (!(error instanceof CampaignError)) return null;
  if (error instanceof CampaignNotFoundError) return e.notFound;
  if (error instanceof NoCampaignRightError) return e.noRight;
  if (error instanceof UnknownCompetencesError) return e.unknownCompetences(error.codes);
  if (error instanceof NoTargetError) return e.noTarget;
  if (error instanceof UnknownTargetError) return e.unknownTarget(error.targetName);
  if (error instanceof NoDivisionsError) return e.noDivisions;
  if (error instanceof UnknownDivisionsError) return e.unknownDivisions(error.divisions);
  if (error instanceof InvalidCampaignFieldError) {
    const f = e.field;
    const n = error.limit ?? 0;
    return { name: f.name, deadline: f.deadline, title: f.title(n), landingText: f.landingText(n), externalIdLabel: f.externalIdLabel(n), level: f.level(n) }[error.field];
  }
  if (error instanceof CampaignLineError) {
    const l = e.line;
    const w = error.word ?? '';
    return { no_name: l.no_name, unclosed_quote: l.unclosed_quote, no_date: l.no_date, unknown_word: l.unknown_word(w), bad_date: l.bad_date(w), bad_level: l.bad_level(w) }[error.problem];
  }
  if (error instanceof UnknownCampaignCodeError) return e.unknownCode(error.typed.trim());
  if (error instanceof CampaignArchivedError) return e.archived(error.campaignName);
  if (error instanceof NotStudentOfSchoolError) return error.reason === 'not_linked' ? e.notLinked : e.otherSchool;
  if (error instanceof DisabledStudentError) return e.disabled;
  if (error instanceof ParticipationNotFoundError) return e.participationNotFound;
  if (error instanceof NotFinishedError) return e.notFinished(error.progress);
  if (error instanceof AlreadySharedError) return e.alreadyShared;
  if (error instanceof PushRunningError) return e.pushRunning(error.pending);
  if (error instanceof RemindTooSoonError) return e.remindTooSoon(error.hoursToWait);
  if (error instanceof RetryNotAvailableError) return error.reason === 'too_early' ? e.retry.too_early(error.daysRemaining) : e.retry[error.reason];
  if (error instanceof TargetLockedError) return e.targetLocked(error.participants);
  if (error instanceof UnreadableFormError) return e.unreadableForm;
  return e.notFound;
}
