/** What referents, teachers and students read about schools, imports and account links (French, English). */
import type { Lang } from './lang.js';
import { pluralOf } from './plural.js';

const pluralFr = pluralOf('fr');
const pluralEn = pluralOf('en');
const waitFr = (minutes: number) => (minutes >= 60 ? 'une heure' : `${minutes} ${pluralFr(minutes, 'minute', 'minutes')}`);
const waitEn = (minutes: number) => (minutes >= 60 ? 'an hour' : `${minutes} ${pluralEn(minutes, 'minute', 'minutes')}`);

const fr = {
  codeClaimedReferent: (name: string, uaj: string) =>
    `Vous êtes maintenant référent·e Partix de ${name} (${uaj}). Envoyez-moi l’export SIECLE de l’établissement (ElevesSansAdresses.xml, zippé ou non, ou le CSV) pour importer les élèves.`,
  codeClaimedTeacher: (name: string, uaj: string) => `Vous pouvez maintenant créer des campagnes pour ${name} (${uaj}).`,
  errInvalidCode: 'Ce code n’est pas valable : il est inconnu, expiré ou déjà utilisé. Demandez-en un nouveau à votre référent·e (ou à l’administrateur de Partix).',
  errMissingCode: 'Tapez le code reçu, par exemple « code ABCD-EFGH ».',
  errTooManyCodes: (minutes: number) =>
    `Trop de codes erronés en une heure : réessayez dans ${waitFr(minutes)}. Vérifiez le code auprès de la personne qui vous l’a transmis.`,
  errTooManyLinks: (minutes: number) => `Trop d’essais de rattachement en une heure : réessayez dans ${waitFr(minutes)}.`,
  errNotReferent: 'Cette action est réservée au référent·e Partix de l’établissement.',
  errNotStaff: 'Cette action est réservée aux personnels de l’établissement inscrits dans Partix.',
  errWhichSchool: (uajs: string[]) => `Vous êtes rattaché·e à plusieurs établissements (${uajs.join(', ')}) : ajoutez l’UAJ à la commande, par exemple « classes ${uajs[0]} ».`,
  errUnknownDivision: (d: string) => `Je ne trouve pas la classe « ${d} ». Tapez « classes » pour voir la liste.`,
  errUnknownMember: 'Cette personne n’a pas (ou plus) ce droit.',
  errInvalidUaj: (uaj: string) => `« ${uaj} » n’est pas un code UAJ : il faut 7 chiffres et une lettre, par exemple 0860001A.`,
  divisionsTitle: (name: string) => `Classes de ${name}`,
  divisionsLine: (d: string, n: number) => `**${d}** · ${n} ${pluralFr(n, 'élève', 'élèves')}`,
  divisionsEmpty: 'Aucun élève importé pour l’instant : envoyez-moi l’export SIECLE.',
  divisionTitle: (d: string, name: string) => `Classe ${d} · ${name}`,
  studentLine: (last: string, first: string, birth: string, account: string | null) => `${last} ${first} · né·e le ${birth}${account ? ` · ${account}` : ''}`,
  actionStudents: 'Élèves',
  actionDivisions: 'Classes',
  actionInvite: 'Inviter un·e enseignant·e',
  revokeConfirmTitle: (name: string) => `Retirer à ${name} le droit de créer des campagnes ?`,
  revokeConfirmText: 'Ses campagnes en cours restent visibles ; il ou elle ne pourra plus en créer. Vous pourrez le lui redonner par une nouvelle invitation.',
  actionConfirmRevoke: 'Oui, retirer le droit',
  actionRevoke: 'Retirer le droit',
  actionReport: 'Télécharger le rapport complet',
  actionReportShort: 'Rapport',
  inviteTitle: 'Invitation d’un·e enseignant·e',
  inviteText: (code: string, until: string) =>
    `Transmettez ce code à l’enseignant·e : **${code}**. Il ou elle le tape dans sa conversation avec Partix (« code ${code} ») et pourra créer des campagnes. Valable une fois, jusqu’au ${until}.`,
  grantedByMention: (names: string[]) => `Droit de créer des campagnes accordé à : ${names.join(', ')}.`,
  rightsTitle: (name: string) => `Droits de création de campagnes · ${name}`,
  rightsLine: (name: string, role: string, since: string) => `${name} · ${role} · depuis le ${since}`,
  roleReferent: 'référent·e',
  roleTeacher: 'enseignant·e',
  rightsEmpty: 'Aucun·e enseignant·e n’a encore ce droit. Utilisez « Inviter un·e enseignant·e ».',
  revoked: 'Le droit a été retiré.',
  linkTitle: 'Rattacher votre compte à votre dossier scolaire',
  linkText: 'Indiquez vos nom, prénom et date de naissance tels qu’ils sont connus de votre établissement.',
  linkFirstName: 'Prénom',
  linkLastName: 'Nom',
  linkBirthDate: 'Date de naissance',
  linkFieldErrors: { lastName: 'Indiquez votre nom de famille.', firstName: 'Indiquez votre prénom.', birthDate: 'Indiquez votre date de naissance, par exemple le 1er février 2013.' },
  linkSubmit: 'Valider',
  linked: (first: string, last: string, division: string, school: string) => `C’est fait : votre compte est rattaché à ${first} ${last}, classe ${division}, ${school}.`,
  alreadyLinked: (first: string, last: string, division: string, school: string) => `Votre compte est rattaché à ${first} ${last}, classe ${division}, ${school}.`,
  errLink: {
    no_school: 'Aucun établissement de votre organisation n’utilise encore Partix. Parlez-en à votre professeur·e.',
    no_match: 'Je ne trouve aucun élève avec ces nom, prénom et date de naissance. Vérifiez l’orthographe et la date, puis réessayez.',
    several_matches: 'Plusieurs élèves correspondent : je ne peux pas choisir. Demandez à votre référent·e Partix de vérifier la liste des élèves.',
    record_linked_elsewhere: 'Ce dossier est déjà rattaché à un autre compte. Si ce n’est pas vous, prévenez votre référent·e Partix.',
    account_linked_elsewhere: 'Votre compte est déjà rattaché à un autre élève de l’établissement. Prévenez votre référent·e Partix.',
    invalid_input: 'Remplissez le prénom, le nom et la date de naissance.',
    staff_account:
      'Votre compte est celui d’un personnel de l’établissement (référent·e ou enseignant·e) : il ne peut pas être rattaché à un dossier d’élève. Un·e élève rattache son propre compte.',
    unlinked_by_referent:
      'Votre référent·e Partix a détaché votre compte de ce dossier : il ne peut pas y être rattaché à nouveau. Si c’est bien le vôtre, parlez-en à votre référent·e.',
  },
  studentAccount: (name: string | null, since: string | null) =>
    `compte Teams rattaché : ${name ?? '(nom inconnu)'}${since ? `, depuis le ${since}` : ''}`,
  actionUnlink: 'Détacher',
  unlinkTitle: (first: string, last: string) => `Détacher le compte Teams de ${first} ${last} ?`,
  unlinkFacts: { student: 'Élève', division: 'Classe', account: 'Compte Teams', since: 'Rattaché le' },
  unlinkText:
    'Ce compte ne sera plus rattaché à ce dossier, et ne pourra pas s’y rattacher à nouveau. Il garde son propre historique de tests (ses résultats restent les siens, sans lien avec le dossier) ; l’élève qui rattachera ensuite son compte partira de ce que ce compte-là a fait.',
  actionConfirmUnlink: 'Oui, détacher',
  unlinked: (account: string | null, first: string, last: string) =>
    `Le compte Teams ${account ?? '(nom inconnu)'} n’est plus rattaché au dossier de ${first} ${last}. L’élève peut maintenant rattacher son propre compte (« rattacher »).`,
  unlinkCancelled: 'Rien n’a changé : le compte reste rattaché.',
  errUnknownStudent: 'Je ne trouve pas cet·te élève dans votre établissement. Tapez « classes » pour voir la liste.',
  errStudentNotLinked: (first: string, last: string) => `Aucun compte Teams n’est (plus) rattaché au dossier de ${first} ${last}.`,
  importHowTo:
    'Pour importer les élèves : dans SIECLE, module BEE, exportez « ElevesSansAdresses.xml » (zippé ou non), ou le CSV, puis envoyez-moi le fichier en pièce jointe dans cette conversation.',
  importReceived: (file: string) => `Fichier « ${file} » reçu. L’import tourne en arrière-plan : je vous préviens dès qu’il est terminé.`,
  errFileType: (type: string) => `Je ne peux lire que des fichiers envoyés depuis Teams (reçu : ${type}). Joignez le fichier à votre message.`,
  errFileTooBig: (mib: number) => `Ce fichier dépasse la taille maximale de ${mib} Mio. Vérifiez qu’il s’agit bien de l’export SIECLE des élèves.`,
  errFileExtension: (name: string) => `« ${name} » n’est pas un export SIECLE : envoyez ElevesSansAdresses.xml, sa version .zip, ou le fichier .csv.`,
  errDownload: 'Je n’ai pas pu récupérer le fichier depuis Teams. Réessayez dans un instant.',
  importDoneTitle: (name: string) => `Import SIECLE terminé · ${name}`,
  importFailedTitle: (name: string) => `Import SIECLE refusé · ${name}`,
  importSupersededTitle: (name: string) => `Import SIECLE non appliqué · ${name}`,
  importSupersededText:
    'Un export plus récent de l’établissement a été importé (ou est en cours d’import) depuis que vous avez déposé ce fichier : celui-ci n’a pas été appliqué, pour ne pas revenir à des données plus anciennes. Rien n’a été modifié par ce fichier, et il a été effacé.',
  importFailedText: (step: string) =>
    `Rien n’a été modifié : les données de l’établissement sont exactement comme avant. ${step === 'import' ? 'L’enregistrement a échoué.' : 'Le fichier contient des erreurs à corriger dans SIECLE.'}`,
  importFacts: {
    file: 'Fichier',
    imported: 'Élèves ajoutés',
    updated: 'Élèves mis à jour',
    unchanged: 'Élèves inchangés',
    disabled: 'Élèves désactivés (partis)',
    skipped: 'Élèves ignorés',
    errors: 'Erreurs',
  },
  importErrorsTitle: (shown: number, total: number) => (shown < total ? `Les ${shown} premières erreurs sur ${total}` : 'Erreurs'),
  importSkippedTitle: 'Élèves ignorés',
  importProblemLine: (ine: string | null, line: number | null, field: string | null, message: string) =>
    `${ine ? `INE ${ine} · ` : ''}${line ? `ligne ${line} · ` : ''}${field ? `${field} · ` : ''}${message}`,
  importReportHeading: (file: string, n: number) => `**Rapport complet de l’import « ${file} »** · ${n} ${pluralFr(n, 'ligne', 'lignes')}`,
  importReportEmpty: (file: string) => `L’import « ${file} » n’a signalé aucun problème.`,
  errUnknownImport: 'Je ne retrouve pas cet import dans votre établissement. Tapez « imports » pour voir les derniers.',
  importsTitle: (name: string) => `Derniers imports · ${name}`,
  importsLine: (date: string, file: string, state: string) => `${date} · ${file} · ${state}`,
  importStates: { uploaded: 'en attente', validating: 'en cours', validated: 'en cours', imported: 'importé', failed: 'refusé', superseded: 'non appliqué (un export plus récent l’a remplacé)' } as Record<string, string>,
  commands: {
    code: 'code ABCD-EFGH : utiliser un code reçu (référent·e, enseignant·e)',
    classes: 'classes : les classes et leurs élèves (personnels)',
    invite: 'inviter : un code pour qu’un·e enseignant·e crée des campagnes (référent·e)',
    rights: 'droits : qui peut créer des campagnes (référent·e)',
    link: 'rattacher : relier votre compte à votre dossier scolaire (élèves)',
    import: 'importer : importer les élèves depuis SIECLE (référent·e)',
  },
};

export type SchoolMessages = typeof fr;

const en: SchoolMessages = {
  codeClaimedReferent: (name, uaj) =>
    `You are now the Partix referent of ${name} (${uaj}). Send me the school's SIECLE export (ElevesSansAdresses.xml, zipped or not, or the CSV) to import the students.`,
  codeClaimedTeacher: (name, uaj) => `You can now create campaigns for ${name} (${uaj}).`,
  errInvalidCode: 'This code is not valid: unknown, expired or already used. Ask your referent (or the Partix administrator) for a new one.',
  errMissingCode: 'Type the code you received, for example “code ABCD-EFGH”.',
  errTooManyCodes: (minutes) => `Too many wrong codes within an hour: try again in ${waitEn(minutes)}. Check the code with the person who gave it to you.`,
  errTooManyLinks: (minutes) => `Too many link attempts within an hour: try again in ${waitEn(minutes)}.`,
  errNotReferent: 'Only the school’s Partix referent can do this.',
  errNotStaff: 'Only the school’s staff registered in Partix can do this.',
  errWhichSchool: (uajs) => `You belong to several schools (${uajs.join(', ')}): add the UAJ to the command, for example “classes ${uajs[0]}”.`,
  errUnknownDivision: (d) => `I cannot find class “${d}”. Type “classes” to see the list.`,
  errUnknownMember: 'This person does not (or no longer) have this right.',
  errInvalidUaj: (uaj) => `“${uaj}” is not a UAJ code: it takes 7 digits and a letter, for example 0860001A.`,
  divisionsTitle: (name) => `Classes of ${name}`,
  divisionsLine: (d, n) => `**${d}** · ${n} ${pluralEn(n, 'student', 'students')}`,
  divisionsEmpty: 'No student imported yet: send me the SIECLE export.',
  divisionTitle: (d, name) => `Class ${d} · ${name}`,
  studentLine: (last, first, birth, account) => `${last} ${first} · born ${birth}${account ? ` · ${account}` : ''}`,
  actionStudents: 'Students',
  actionDivisions: 'Classes',
  actionInvite: 'Invite a teacher',
  revokeConfirmTitle: (name) => `Take from ${name} the right to create campaigns?`,
  revokeConfirmText: 'Their running campaigns stay visible; they will not be able to create new ones. You can give the right back with a new invitation.',
  actionConfirmRevoke: 'Yes, remove the right',
  actionRevoke: 'Remove the right',
  actionReport: 'Download the full report',
  actionReportShort: 'Report',
  inviteTitle: 'Inviting a teacher',
  inviteText: (code, until) =>
    `Give this code to the teacher: **${code}**. They type it in their chat with Partix (“code ${code}”) and can then create campaigns. Single use, valid until ${until}.`,
  grantedByMention: (names) => `Right to create campaigns granted to: ${names.join(', ')}.`,
  rightsTitle: (name) => `Rights to create campaigns · ${name}`,
  rightsLine: (name, role, since) => `${name} · ${role} · since ${since}`,
  roleReferent: 'referent',
  roleTeacher: 'teacher',
  rightsEmpty: 'No teacher has this right yet. Use “Invite a teacher”.',
  revoked: 'The right was removed.',
  linkTitle: 'Link your account to your school record',
  linkText: 'Give your last name, first name and birth date as your school knows them.',
  linkFirstName: 'First name',
  linkLastName: 'Last name',
  linkBirthDate: 'Birth date',
  linkFieldErrors: { lastName: 'Enter your last name.', firstName: 'Enter your first name.', birthDate: 'Enter your date of birth, for example 1 February 2013.' },
  linkSubmit: 'Submit',
  linked: (first, last, division, school) => `Done: your account is linked to ${first} ${last}, class ${division}, ${school}.`,
  alreadyLinked: (first, last, division, school) => `Your account is linked to ${first} ${last}, class ${division}, ${school}.`,
  errLink: {
    no_school: 'No school of your organisation uses Partix yet. Tell your teacher.',
    no_match: 'I cannot find a student with this name and birth date. Check the spelling and the date, then try again.',
    several_matches: 'Several students match: I cannot choose. Ask your Partix referent to check the student list.',
    record_linked_elsewhere: 'This record is already linked to another account. If that is not you, tell your Partix referent.',
    account_linked_elsewhere: 'Your account is already linked to another student of the school. Tell your Partix referent.',
    invalid_input: 'Fill in first name, last name and birth date.',
    staff_account: 'Your account is a staff account of the school (referent or teacher): it cannot be linked to a student record. Students link their own account.',
    unlinked_by_referent:
      'Your Partix referent detached your account from this record: it cannot be linked to it again. If the record is yours, talk to your referent.',
  },
  studentAccount: (name, since) => `Teams account linked: ${name ?? '(unknown name)'}${since ? `, since ${since}` : ''}`,
  actionUnlink: 'Unlink',
  unlinkTitle: (first, last) => `Unlink the Teams account of ${first} ${last}?`,
  unlinkFacts: { student: 'Student', division: 'Class', account: 'Teams account', since: 'Linked on' },
  unlinkText:
    'This account will no longer be linked to this record, and cannot link itself back. It keeps its own test history (its results stay its own, with no tie to the record); the student who links their account next starts from what that account has done.',
  actionConfirmUnlink: 'Yes, unlink',
  unlinked: (account, first, last) =>
    `The Teams account ${account ?? '(unknown name)'} is no longer linked to the record of ${first} ${last}. The student can now link their own account (“link”).`,
  unlinkCancelled: 'Nothing changed: the account stays linked.',
  errUnknownStudent: 'I cannot find this student in your school. Type “classes” to see the list.',
  errStudentNotLinked: (first, last) => `No Teams account is linked (any more) to the record of ${first} ${last}.`,
  importHowTo: 'To import the students: in SIECLE, module BEE, export “ElevesSansAdresses.xml” (zipped or not), or the CSV, then send me the file as an attachment in this chat.',
  importReceived: (file) => `File “${file}” received. The import runs in the background: I will tell you when it is done.`,
  errFileType: (type) => `I can only read files sent from Teams (received: ${type}). Attach the file to your message.`,
  errFileTooBig: (mib) => `This file is over the ${mib} MiB limit. Check that it is the SIECLE student export.`,
  errFileExtension: (name) => `“${name}” is not a SIECLE export: send ElevesSansAdresses.xml, its .zip, or the .csv file.`,
  errDownload: 'I could not fetch the file from Teams. Try again in a moment.',
  importDoneTitle: (name) => `SIECLE import done · ${name}`,
  importFailedTitle: (name) => `SIECLE import refused · ${name}`,
  importSupersededTitle: (name) => `SIECLE import not applied · ${name}`,
  importSupersededText:
    'A newer export of the school was imported (or is being imported) since you uploaded this file: this one was not applied, so as not to go back to older data. Nothing was changed by this file, and it was deleted.',
  importFailedText: (step) =>
    `Nothing was changed: the school's data is exactly as before. ${step === 'import' ? 'Saving failed.' : 'The file has errors to fix in SIECLE.'}`,
  importFacts: {
    file: 'File',
    imported: 'Students added',
    updated: 'Students updated',
    unchanged: 'Students unchanged',
    disabled: 'Students disabled (left)',
    skipped: 'Students skipped',
    errors: 'Errors',
  },
  importErrorsTitle: (shown, total) => (shown < total ? `The first ${shown} errors out of ${total}` : 'Errors'),
  importSkippedTitle: 'Students skipped',
  importProblemLine: (ine, line, field, message) => `${ine ? `INE ${ine} · ` : ''}${line ? `line ${line} · ` : ''}${field ? `${field} · ` : ''}${message}`,
  importReportHeading: (file, n) => `**Full report of the import “${file}”** · ${n} ${pluralEn(n, 'line', 'lines')}`,
  importReportEmpty: (file) => `The import “${file}” reported no problem.`,
  errUnknownImport: 'I cannot find this import in your school. Type “imports” to see the latest ones.',
  importsTitle: (name) => `Latest imports · ${name}`,
  importsLine: (date, file, state) => `${date} · ${file} · ${state}`,
  importStates: { uploaded: 'waiting', validating: 'running', validated: 'running', imported: 'imported', failed: 'refused', superseded: 'not applied (a newer export replaced it)' },
  commands: {
    code: 'code ABCD-EFGH: use a code you received (referent, teacher)',
    classes: 'classes: the classes and their students (staff)',
    invite: 'invite: a code for a teacher to create campaigns (referent)',
    rights: 'rights: who can create campaigns (referent)',
    link: 'link: link your account to your school record (students)',
    import: 'import: import the students from SIECLE (referent)',
  },
};

export function schoolMessages(lang: Lang): SchoolMessages {
  return lang === 'en' ? en : fr;
}

/**
 * The body of a refused report link. The browser that opens it may not be in the referent's Teams
 * language: both are given.
 */
export function reportRefusal(reason: 'expired' | 'not_found', ttlHours: number) {
  return reason === 'expired'
    ? {
        error: 'link_expired',
        message: `Ce lien vers le rapport d’import a expiré (il est valable ${ttlHours} h). Tapez « imports » dans votre conversation avec Partix pour en obtenir un nouveau.`,
        messageEn: `This link to the import report has expired (it is valid for ${ttlHours} h). Type “imports” in your chat with Partix to get a new one.`,
      }
    : {
        error: 'not_found',
        message: 'Rapport introuvable : vérifiez que le lien est complet, ou tapez « imports » dans votre conversation avec Partix.',
        messageEn: 'Report not found: check that the link is complete, or type “imports” in your chat with Partix.',
      };
}
