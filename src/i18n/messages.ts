/**
 * Every sentence a user reads, in French (the default) and English (when the Teams locale is English).
 * The English table has the French one's type, so a missing translation does not compile.
 */
import { PIX_PER_LEVEL } from '../framework/model.js';
import type { Lang } from './lang.js';
import { pluralOf } from './plural.js';
import { campaignMessages } from './campaign-messages.js';
import { accountMessages } from './account-messages.js';
import { schoolMessages } from './school-messages.js';
import { certificationMessages } from './certification-messages.js';

export { langOf, type Lang } from './lang.js';

const pluralFr = pluralOf('fr');
const pluralEn = pluralOf('en');
/** "1", "1 et 2", "1, 2 et 3" (and "1 and 2" in English). */
const listFr = (levels: number[]) => new Intl.ListFormat('fr', { type: 'conjunction' }).format(levels.map(String));
const listEn = (levels: number[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(levels.map(String));

const fr = {
  welcomeTitle: 'Bienvenue dans Partix !',
  welcomeIntro: 'Vous avez 16 compétences à tester. On se concentre et c’est partix !',
  welcomeHow:
    'Partix vous pose des questions adaptées à votre niveau, une carte à la fois, et construit votre profil de compétences numériques (niveaux et pix).',
  welcomeNext: 'Par où commencer ?',
  actionProfile: 'Mon profil',
  actionDiscover: 'Test découverte',
  actionPositioning: 'Positionnement',
  actionHelp: 'Aide',
  actionSubmit: 'Valider',
  actionSkip: 'Passer',
  actionConfirmReset: 'Oui, remettre à zéro',
  actionCancel: 'Annuler',
  actionStartSuggested: (id: string) => `Commencer ${id}`,
  actionResumeSuggested: (id: string) => `Reprendre ${id}`,
  actionImproveOf: (id: string) => `Retenter ${id}`,
  actionResetOf: (id: string) => `Remettre à zéro ${id}`,
  helpTitle: 'Aide de Partix',
  helpIntro: 'Tout se fait avec les boutons des cartes. Vous pouvez aussi écrire ces commandes :',
  profileTitle: 'Mon profil de compétences',
  profileTotal: (pix: number, max: number) => `${pix} pix sur ${max}`,
  profileLevel: (level: number, pix: number) => `Niveau ${level} · ${pix} pix`,
  profileProgress: (inLevel: number, atMax: boolean) => (atMax ? 'Niveau maximal atteint' : `${inLevel}/${PIX_PER_LEVEL} pix vers le niveau suivant`),
  statusNotStarted: 'Pas commencée',
  statusInProgress: 'En cours',
  statusFinished: 'Terminée',
  improveIn: (days: number) => `Retenter dans ${days} ${pluralFr(days, 'jour', 'jours')}`,
  profileNextStart: (id: string, title: string) => `Suggestion : commencez la compétence ${id} « ${title} ».`,
  profileNextResume: (id: string, title: string) => `Suggestion : reprenez la compétence ${id} « ${title} » où vous l’aviez laissée.`,
  profileAllDone: 'Vous avez terminé toutes les compétences. Retentez celles qui peuvent progresser !',
  challengeHeader: (id: string, title: string) => `${id} · ${title}`,
  challengeCounter: (n: number) => `Question ${n}`,
  questionAbout: (n: number, about: number) => `Question ${n} sur environ ${about}`,
  questionOf: (n: number, total: number) => `Question ${n} sur ${total}`,
  questionAtMost: (n: number, max: number) => `Question ${n} sur ${max} au plus`,
  discoveryHeader: 'Test découverte',
  positioningHeader: 'Positionnement',
  positioningTitle: 'Positionnement terminé',
  positioningLastTitle: (day: string) => `Votre positionnement du ${day}`,
  positioningText: (answered: number) =>
    `Voici votre niveau estimé dans les 16 compétences, d’après ${answered} ${pluralFr(answered, 'question', 'questions')}. C’est une estimation : pour des pix qui comptent, passez chaque compétence.`,
  positioningLine: (id: string, title: string, low: number, high: number) =>
    `**${id}** ${title} · ${low === high ? `niveau ${low}` : high === low + 1 ? `niveau ${low} ou ${high}` : `niveau entre ${low} et ${high}`}`,
  actionBegin: 'Commencer',
  actionLater: 'Plus tard',
  actionLastPositioning: 'Voir mon dernier résultat',
  actionNewPositioning: (about: number) => `Nouveau positionnement (environ ${about} questions)`,
  discoveryIntroTitle: 'Test découverte',
  discoveryIntro: (n: number) => [
    `${n} ${pluralFr(n, 'question facile', 'questions faciles')}, chacune d’une compétence différente, pour voir comment Partix fonctionne.`,
    'Vous pouvez vous arrêter quand vous voulez : tapez « découvrir » pour reprendre à la question où vous en étiez.',
    'Rien ne compte dans votre profil : ni niveau, ni pix. Partix retient seulement les questions déjà vues, pour vous en montrer d’autres la prochaine fois.',
  ],
  positioningIntroTitle: 'Positionnement',
  positioningIntro: (about: number, max: number) => [
    `Environ ${about} questions (${max} au plus) sur les 16 compétences, pour estimer votre niveau dans chacune.`,
    'Vous pouvez vous arrêter quand vous voulez : tapez « positionnement » pour reprendre à la question où vous en étiez.',
    'Le résultat est gardé à part : il ne change ni vos niveaux ni vos pix. Vous pourrez le revoir avec « positionnement résultat ».',
  ],
  positioningAgainTitle: (day: string) => `Vous avez terminé un positionnement le ${day}`,
  positioningAgain: (about: number, max: number) => [
    'Voulez-vous revoir son résultat, ou en commencer un nouveau ?',
    `Un nouveau positionnement demande environ ${about} questions (${max} au plus). Il ne change ni vos niveaux ni vos pix ; une fois terminé, son résultat remplace celui-ci.`,
  ],
  discoveryLater: 'D’accord, rien n’a commencé. Tapez « découvrir » quand vous voudrez.',
  positioningLater: 'D’accord, rien n’a changé. Tapez « positionnement » quand vous voudrez.',
  positioningNoResult: 'Vous n’avez pas encore terminé de positionnement. Tapez « positionnement » pour en commencer un.',
  positioningNoResultYet: 'Votre positionnement est en cours : il n’a pas encore de résultat. Tapez « positionnement » pour le reprendre.',
  challengeTimer: (seconds: number) => `⏱ Vous avez ${seconds} ${pluralFr(seconds, 'seconde', 'secondes')} pour répondre.`,
  challengeChooseOne: 'Choisissez une réponse',
  challengeChooseMany: 'Cochez toutes les bonnes réponses',
  challengeYourAnswer: 'Votre réponse',
  feedbackYourAnswer: (value: string) => `Votre réponse : ${value}`,
  feedbackOk: '✅ Bonne réponse !',
  feedbackKo: '❌ Ce n’est pas la bonne réponse.',
  feedbackSkipped: '⏭ Question passée.',
  feedbackTimedout: '⏱ Bonne réponse, mais après la fin du temps imparti : elle ne compte pas.',
  feedbackExplanation: 'La solution',
  feedbackExpected: (answer: string) => `Réponse attendue : ${answer}`,
  feedbackFieldsToReview: (fields: string) => `À revoir : ${fields}`,
  feedbackFieldExpected: (label: string, expected: string) => `${label} (attendu : ${expected})`,
  levelUp: (level: number, title: string) => `🎉 Niveau ${level} atteint en « ${title} » !`,
  summaryTitle: (id: string) => `Compétence ${id} terminée`,
  summaryScore: (level: number, pix: number) => `Niveau ${level} · ${pix} pix`,
  summaryConfidence: (percent: number) => `Estimation sûre à ${percent} % : quelques questions de plus la préciseront quand vous retenterez.`,
  summaryAnswers: (correct: number, answered: number) => `${correct} ${pluralFr(correct, 'bonne réponse', 'bonnes réponses')} sur ${answered}.`,
  summaryAdviceTitle: 'Nos conseils pour progresser',
  summaryNoAdvice: 'Aucune erreur : bravo ! Essayez une autre compétence.',
  summaryNoAdviceAfterErrors: 'Rien de précis à revoir dans cette compétence : essayez-en une autre.',
  summaryConfidenceOnly: (percent: number) => `Estimation sûre à ${percent} %.`,
  summaryFailureOutweighed: (tube: string, levels: number[], others: number[]) =>
    `${levels.length > 1 ? `Vos erreurs aux niveaux ${listFr(levels)}` : `Une erreur isolée au niveau ${listFr(levels)}`} en « ${tube} » ${levels.length > 1 ? 'n’ont pas été retenues' : 'n’a pas été retenue'} : ${
      others.length === 0 ? 'vos tests précédents' : `${others.length > 1 ? 'vos bonnes réponses aux niveaux' : 'votre bonne réponse au niveau'} ${listFr(others)}`
    } ${others.length > 1 ? 'montrent' : 'montre'} que vous maîtrisez les bases de ce sujet.`,
  summarySuccessOutweighed: (tube: string, levels: number[], others: number[]) =>
    `${levels.length > 1 ? `Vos bonnes réponses aux niveaux ${listFr(levels)}` : `Votre bonne réponse au niveau ${listFr(levels)}`} en « ${tube} » ${levels.length > 1 ? 'n’ont pas été comptées' : 'n’a pas été comptée'} : ${
      others.length === 0 ? 'vos autres réponses' : `${others.length > 1 ? 'vos erreurs aux niveaux' : 'votre erreur au niveau'} ${listFr(others)}`
    } de ce sujet ${others.length === 1 ? 'laisse' : 'laissent'} penser ${levels.length > 1 ? 'qu’elles ont pu être trouvées' : 'qu’elle a pu être trouvée'} par chance.`,
  summaryImproveLater: (days: number) =>
    days > 0
      ? `Vous pourrez retenter cette compétence dans ${days} ${pluralFr(days, 'jour', 'jours')} pour améliorer votre score.`
      : 'Vous pouvez retenter cette compétence dès maintenant pour améliorer votre score.',
  discoverySummaryTitle: 'Test découverte terminé',
  discoverySummaryText: 'C’était un aperçu : rien n’a été enregistré dans votre profil. Prêt·e à tester vos compétences pour de vrai ?',
  tutorialLine: (source: string, minutes: number) => `${source} · ${minutes} min`,
  resetConfirmTitle: (id: string, title: string) => `Remettre à zéro la compétence ${id} « ${title} » ?`,
  resetConfirmText: 'Votre niveau et vos pix de cette compétence repartiront de zéro. Vos anciennes réponses restent dans l’historique.',
  resetDone: (id: string) => `La compétence ${id} est remise à zéro. Vous pouvez la recommencer quand vous voulez.`,
  resetCancelled: 'D’accord, rien n’a changé.',
  errUnknownCompetence: (id: string) => `Je ne connais pas la compétence « ${id} ». Les compétences vont de 1.1 à 5.2 : tapez « profil » pour les voir.`,
  errMissingCompetence: 'Précisez la compétence, par exemple « commencer 1.1 ». Tapez « profil » pour voir la liste.',
  errUnknownCommand: (text: string) => `Je n’ai pas compris « ${text} ». Utilisez les boutons, ou tapez « aide » pour voir ce que je sais faire.`,
  errNotPending: 'Cette question n’est plus active : vous y avez déjà répondu ou le test a avancé. Répondez à la dernière question affichée.',
  errTestFinished: 'Ce test est terminé : cette question ne peut plus recevoir de réponse.',
  errNotFound: 'Je ne retrouve pas ce test. Tapez « profil » pour reprendre là où vous en êtes.',
  errEmptyAnswer: 'Votre réponse est vide. Répondez, ou cliquez sur « Passer » si vous ne savez pas.',
  errTooLong: 'Votre réponse est trop longue (500 caractères au plus). Raccourcissez-la et validez à nouveau.',
  errUnknownChoice: 'Ce choix ne fait pas partie des propositions. Choisissez parmi celles de la carte.',
  errMalformedAnswer: 'Je n’ai pas pu lire votre réponse. Répondez avec la carte de la question.',
  errFinished: (id: string, days: number, atMax: boolean) =>
    atMax
      ? `Vous avez déjà le niveau maximal en ${id}. Bravo !`
      : days > 0
        ? `Vous avez terminé la compétence ${id}. Vous pourrez la retenter dans ${days} ${pluralFr(days, 'jour', 'jours')}.`
        : `Vous avez terminé la compétence ${id}. Cliquez sur « Retenter » pour améliorer votre score.`,
  errImproveTooEarly: (id: string, days: number) => `Il est trop tôt pour retenter ${id} : encore ${days} ${pluralFr(days, 'jour', 'jours')}.`,
  errImproveNotStarted: (id: string) => `Vous n’avez pas encore passé la compétence ${id}. Cliquez sur « Commencer ».`,
  errImproveInProgress: (id: string) => `La compétence ${id} est en cours : cliquez sur « Reprendre ».`,
  errImproveHighest: (id: string) => `Vous avez déjà le niveau maximal en ${id} : rien à améliorer.`,
  errResetTooEarly: (id: string, days: number) => `Vous pourrez remettre ${id} à zéro dans ${days} ${pluralFr(days, 'jour', 'jours')}.`,
  errResetNothing: (id: string) => `La compétence ${id} n’a rien à remettre à zéro.`,
  errUnexpected: (ref: string) => `Oups, quelque chose s’est mal passé de mon côté. Rien de ce que vous aviez enregistré n’est perdu ; réessayez dans un instant. (réf. ${ref})`,
  school: schoolMessages('fr'),
  certification: certificationMessages('fr'),
  campaign: campaignMessages('fr'),
  account: accountMessages('fr'),
  errNoTest: 'Vous n’avez pas de test en cours. Tapez « profil » pour choisir une compétence.',
  errPersonalOnly: 'Vos tests et vos résultats restent privés : écrivez-moi dans une conversation personnelle avec Partix.',
  ack: 'C’est noté.',
  commands: {
    help: 'aide : ce message',
    profile: 'profil : votre profil de compétences',
    start: 'commencer 1.1 : commencer ou reprendre une compétence',
    improve: 'retenter 1.1 : repasser une compétence terminée pour progresser',
    reset: 'zéro 1.1 : remettre une compétence à zéro',
    discover: 'découvrir : un court test pour voir comment ça marche',
    positioning: 'positionnement : estimer vos 16 compétences en une séance (environ 40 questions) ; « positionnement résultat » : revoir le dernier résultat',
    skip: 'passer : passer la question en cours',
    certification: 'certification : suis-je certifiable ? quelles compétences travailler ?',
    session: 'session : créer une session de certification (un formulaire ; ou d’une ligne : session 2027-05-18 09:00 ; site ; salle ; surveillant·es ; description) (référent·e)',
    sessions: 'sessions : vos sessions de certification (à venir, à finaliser, à publier), chacune avec ses boutons',
    enrol: 'inscrire CODE : inscrire des classes (un formulaire) ; inscrire CODE 3A 3B, ou inscrire CODE Nom Prénom (ou INE) ; « candidats CODE » : qui est certifiable',
    finalise: 'finaliser CODE (une note par candidat·e), puis publier CODE ; résultats CODE : les CSV par classe (référent·e)',
    stopReminders: 'stop rappels / start rappels : ne plus recevoir (ou de nouveau) les rappels de certification',
  },
};

export type Messages = typeof fr;

const en: Messages = {
  welcomeTitle: 'Welcome to Partix!',
  welcomeIntro: 'You have 16 competences to test. Stay focused and off you go!',
  welcomeHow: 'Partix asks you questions fitted to your level, one card at a time, and builds your digital competence profile (levels and pix).',
  welcomeNext: 'Where to start?',
  actionProfile: 'My profile',
  actionDiscover: 'Discovery test',
  actionPositioning: 'Positioning',
  actionHelp: 'Help',
  actionSubmit: 'Submit',
  actionSkip: 'Skip',
  actionConfirmReset: 'Yes, reset it',
  actionCancel: 'Cancel',
  actionStartSuggested: (id) => `Start ${id}`,
  actionResumeSuggested: (id) => `Resume ${id}`,
  actionImproveOf: (id) => `Try ${id} again`,
  actionResetOf: (id) => `Reset ${id}`,
  helpTitle: 'Partix help',
  helpIntro: 'Everything works with the card buttons. You can also type these commands:',
  profileTitle: 'My competence profile',
  profileTotal: (pix, max) => `${pix} pix out of ${max}`,
  profileLevel: (level, pix) => `Level ${level} · ${pix} pix`,
  profileProgress: (inLevel, atMax) => (atMax ? 'Highest level reached' : `${inLevel}/${PIX_PER_LEVEL} pix to the next level`),
  statusNotStarted: 'Not started',
  statusInProgress: 'In progress',
  statusFinished: 'Finished',
  improveIn: (days) => `Try again in ${days} ${pluralEn(days, 'day', 'days')}`,
  profileNextStart: (id, title) => `Suggestion: start competence ${id} “${title}”.`,
  profileNextResume: (id, title) => `Suggestion: resume competence ${id} “${title}” where you left it.`,
  profileAllDone: 'You have finished every competence. Try again those that can improve!',
  challengeHeader: (id, title) => `${id} · ${title}`,
  challengeCounter: (n) => `Question ${n}`,
  questionAbout: (n, about) => `Question ${n} of about ${about}`,
  questionOf: (n, total) => `Question ${n} of ${total}`,
  questionAtMost: (n, max) => `Question ${n} of ${max} at most`,
  discoveryHeader: 'Discovery test',
  positioningHeader: 'Positioning',
  positioningTitle: 'Positioning finished',
  positioningLastTitle: (day) => `Your positioning of ${day}`,
  positioningText: (answered) =>
    `Here is your estimated level in the 16 competences, from ${answered} ${pluralEn(answered, 'question', 'questions')}. It is an estimate: for pix that count, take each competence.`,
  positioningLine: (id, title, low, high) =>
    `**${id}** ${title} · ${low === high ? `level ${low}` : high === low + 1 ? `level ${low} or ${high}` : `level between ${low} and ${high}`}`,
  actionBegin: 'Start',
  actionLater: 'Later',
  actionLastPositioning: 'See my last result',
  actionNewPositioning: (about) => `New positioning (about ${about} questions)`,
  discoveryIntroTitle: 'Discovery test',
  discoveryIntro: (n) => [
    `${n} easy ${pluralEn(n, 'question', 'questions')}, each from a different competence, to see how Partix works.`,
    'You can stop whenever you like: type “discover” to resume at the question where you left off.',
    'Nothing counts in your profile: no level, no pix. Partix only remembers the questions you have seen, to show you others next time.',
  ],
  positioningIntroTitle: 'Positioning',
  positioningIntro: (about, max) => [
    `About ${about} questions (${max} at most) across the 16 competences, to estimate your level in each.`,
    'You can stop whenever you like: type “positioning” to resume at the question where you left off.',
    'The result is kept apart: it changes neither your levels nor your pix. You can see it again with “last positioning”.',
  ],
  positioningAgainTitle: (day) => `You finished a positioning on ${day}`,
  positioningAgain: (about, max) => [
    'Do you want to see its result again, or start a new one?',
    `A new positioning takes about ${about} questions (${max} at most). It changes neither your levels nor your pix; once finished, its result replaces this one.`,
  ],
  discoveryLater: 'All right, nothing has started. Type “discover” whenever you like.',
  positioningLater: 'All right, nothing changed. Type “positioning” whenever you like.',
  positioningNoResult: 'You have not finished a positioning yet. Type “positioning” to start one.',
  positioningNoResultYet: 'Your positioning is in progress: it has no result yet. Type “positioning” to resume it.',
  challengeTimer: (seconds) => `⏱ You have ${seconds} ${pluralEn(seconds, 'second', 'seconds')} to answer.`,
  challengeChooseOne: 'Choose one answer',
  challengeChooseMany: 'Tick every right answer',
  challengeYourAnswer: 'Your answer',
  feedbackYourAnswer: (value) => `Your answer: ${value}`,
  feedbackOk: '✅ Right answer!',
  feedbackKo: '❌ That is not the right answer.',
  feedbackSkipped: '⏭ Question skipped.',
  feedbackTimedout: '⏱ Right answer, but after the time limit: it does not count.',
  feedbackExplanation: 'The solution',
  feedbackExpected: (answer) => `Expected answer: ${answer}`,
  feedbackFieldsToReview: (fields) => `To review: ${fields}`,
  feedbackFieldExpected: (label, expected) => `${label} (expected: ${expected})`,
  levelUp: (level, title) => `🎉 Level ${level} reached in “${title}”!`,
  summaryTitle: (id) => `Competence ${id} finished`,
  summaryScore: (level, pix) => `Level ${level} · ${pix} pix`,
  summaryConfidence: (percent) => `This estimate is ${percent} % sure: a few more questions will sharpen it when you try again.`,
  summaryAnswers: (correct, answered) => `${correct} right ${pluralEn(correct, 'answer', 'answers')} out of ${answered}.`,
  summaryAdviceTitle: 'Our advice to improve',
  summaryNoAdvice: 'No mistake: well done! Try another competence.',
  summaryNoAdviceAfterErrors: 'Nothing specific to review in this competence: try another one.',
  summaryConfidenceOnly: (percent) => `This estimate is ${percent} % sure.`,
  summaryFailureOutweighed: (tube, levels, others) =>
    `${levels.length > 1 ? `Your mistakes at levels ${listEn(levels)}` : `A single mistake at level ${listEn(levels)}`} in “${tube}” ${levels.length > 1 ? 'were' : 'was'} not held against you: ${
      others.length === 0 ? 'your earlier tests show' : `your right ${others.length > 1 ? `answers at levels ${listEn(others)} show` : `answer at level ${listEn(others)} shows`}`
    } that you master the basics of this topic.`,
  summarySuccessOutweighed: (tube, levels, others) =>
    `Your right ${levels.length > 1 ? `answers at levels ${listEn(levels)}` : `answer at level ${listEn(levels)}`} in “${tube}” ${levels.length > 1 ? 'were' : 'was'} not counted: ${
      others.length === 0 ? 'your other answers' : `your ${others.length > 1 ? `mistakes at levels ${listEn(others)}` : `mistake at level ${listEn(others)}`}`
    } on this topic ${others.length === 1 ? 'suggests' : 'suggest'} ${levels.length > 1 ? 'they may have been lucky guesses' : 'it may have been a lucky guess'}.`,
  summaryImproveLater: (days) =>
    days > 0 ? `You can try this competence again in ${days} ${pluralEn(days, 'day', 'days')} to improve your score.` : 'You can try this competence again now to improve your score.',
  discoverySummaryTitle: 'Discovery test finished',
  discoverySummaryText: 'That was a preview: nothing was saved to your profile. Ready to test your competences for real?',
  tutorialLine: (source, minutes) => `${source} · ${minutes} min`,
  resetConfirmTitle: (id, title) => `Reset competence ${id} “${title}”?`,
  resetConfirmText: 'Your level and pix for this competence will start again from zero. Your past answers stay in the history.',
  resetDone: (id) => `Competence ${id} has been reset. Start it again whenever you like.`,
  resetCancelled: 'All right, nothing changed.',
  errUnknownCompetence: (id) => `I do not know competence “${id}”. Competences go from 1.1 to 5.2: type “profile” to see them.`,
  errMissingCompetence: 'Say which competence, for example “start 1.1”. Type “profile” to see the list.',
  errUnknownCommand: (text) => `I did not understand “${text}”. Use the buttons, or type “help” to see what I can do.`,
  errNotPending: 'This question is no longer active: you already answered it or the test moved on. Answer the latest question shown.',
  errTestFinished: 'This test is finished: this question cannot take an answer any more.',
  errNotFound: 'I cannot find this test. Type “profile” to carry on where you are.',
  errEmptyAnswer: 'Your answer is empty. Answer, or click “Skip” if you do not know.',
  errTooLong: 'Your answer is too long (500 characters at most). Shorten it and submit again.',
  errUnknownChoice: 'That choice is not one of the options. Choose among those on the card.',
  errMalformedAnswer: 'I could not read your answer. Answer with the question card.',
  errFinished: (id, days, atMax) =>
    atMax
      ? `You already have the highest level in ${id}. Well done!`
      : days > 0
        ? `You have finished competence ${id}. You can try it again in ${days} ${pluralEn(days, 'day', 'days')}.`
        : `You have finished competence ${id}. Click “Try again” to improve your score.`,
  errImproveTooEarly: (id, days) => `It is too early to try ${id} again: ${days} more ${pluralEn(days, 'day', 'days')}.`,
  errImproveNotStarted: (id) => `You have not taken competence ${id} yet. Click “Start”.`,
  errImproveInProgress: (id) => `Competence ${id} is in progress: click “Resume”.`,
  errImproveHighest: (id) => `You already have the highest level in ${id}: nothing to improve.`,
  errResetTooEarly: (id, days) => `You can reset ${id} in ${days} ${pluralEn(days, 'day', 'days')}.`,
  errResetNothing: (id) => `Competence ${id} has nothing to reset.`,
  errUnexpected: (ref) => `Oops, something went wrong on my side. Nothing you saved is lost; try again in a moment. (ref. ${ref})`,
  school: schoolMessages('en'),
  certification: certificationMessages('en'),
  campaign: campaignMessages('en'),
  account: accountMessages('en'),
  errNoTest: 'You have no test in progress. Type “profile” to choose a competence.',
  errPersonalOnly: 'Your tests and results stay private: write to me in a personal chat with Partix.',
  ack: 'Done.',
  commands: {
    help: 'help: this message',
    profile: 'profile: your competence profile',
    start: 'start 1.1: start or resume a competence',
    improve: 'improve 1.1: take a finished competence again to progress',
    reset: 'reset 1.1: reset a competence',
    discover: 'discover: a short test to see how it works',
    positioning: 'positioning: estimate your 16 competences in one sitting (about 40 questions); “last positioning”: see the last result again',
    skip: 'skip: skip the current question',
    certification: 'certification: can I be certified? which competences to work on?',
    session: 'session: create a certification session (a form; or in one line: session 2027-05-18 09:00 ; site ; room ; examiners ; description) (referent)',
    sessions: 'sessions: your certification sessions (coming, to finalise, to publish), each with its buttons',
    enrol: 'enrol CODE: enrol classes (a form); enrol CODE 3A 3B, or enrol CODE Lastname Firstname (or INE); "candidates CODE": who is certifiable',
    finalise: 'finalise CODE (a note per candidate), then publish CODE; results CODE: the CSV per class (referent)',
    stopReminders: 'stop reminders / start reminders: no more (or again) certification reminders',
  },
};

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : fr;
}
