/** What everyone reads about their own account: the staff welcome and help, the language choice (French, English). */
import type { Lang } from './lang.js';

const fr = {
  staffWelcomeTitle: 'Bienvenue dans Partix !',
  staffWelcomeReferent: (school: string) => `Vous êtes référent·e Partix de ${school}.`,
  staffWelcomeTeacher: (school: string) => `Vous êtes enseignant·e de ${school} dans Partix.`,
  staffWelcomeHow:
    'Vos élèves passent leurs tests ici, dans leur conversation personnelle avec Partix. Vous suivez leurs classes ; la ou le référent·e importe les élèves (export SIECLE), invite les enseignant·es et gère leurs droits.',
  staffWelcomeNext: 'Que voulez-vous faire ?',
  staffHelpIntro: 'Tout se fait avec les boutons des cartes. Vous pouvez aussi écrire ces commandes :',
  staffHelpOwnTests: 'Et pour passer vous-même les tests :',
  actionClasses: 'Classes',
  actionInvite: 'Inviter un·e enseignant·e',
  actionRights: 'Droits',
  actionImports: 'Imports',
  languageTitle: 'Langue de Partix',
  languageNow: 'Partix vous parle en français. Choisissez la langue de vos cartes et messages :',
  languageSet: 'C’est noté : Partix vous parle désormais en français.',
  errUnknownLanguage: (word: string) => `Je ne connais pas la langue « ${word} ». Tapez « langue français » ou « langue anglais ».`,
  command: 'langue anglais : choisir la langue de Partix (language french)',
};

export type AccountMessages = typeof fr;

const en: AccountMessages = {
  staffWelcomeTitle: 'Welcome to Partix!',
  staffWelcomeReferent: (school) => `You are the Partix referent of ${school}.`,
  staffWelcomeTeacher: (school) => `You are a teacher of ${school} in Partix.`,
  staffWelcomeHow:
    'Your students take their tests here, in their personal chat with Partix. You follow their classes; the referent imports the students (SIECLE export), invites teachers and manages their rights.',
  staffWelcomeNext: 'What would you like to do?',
  staffHelpIntro: 'Everything works with the card buttons. You can also type these commands:',
  staffHelpOwnTests: 'And to take the tests yourself:',
  actionClasses: 'Classes',
  actionInvite: 'Invite a teacher',
  actionRights: 'Rights',
  actionImports: 'Imports',
  languageTitle: 'Partix language',
  languageNow: 'Partix speaks English to you. Choose the language of your cards and messages:',
  languageSet: 'Done: Partix now speaks English to you.',
  errUnknownLanguage: (word) => `I do not know the language “${word}”. Type “language english” or “language french”.`,
  command: 'language french: choose Partix’s language (langue anglais)',
};

export function accountMessages(lang: Lang): AccountMessages {
  return lang === 'en' ? en : fr;
}
