/** The verbs of the certification season: students, referents, candidates; and the reminders' stop and start. */
import type { CardPayload } from './commands.js';
import type { CommandSpec } from './turn.js';

export const CERTIFICATION_VERBS = [
  'certification',
  'sessionCreate',
  'sessionSubmit',
  'sessions',
  'sessionEnrol',
  'sessionEnrolSubmit',
  'sessionCandidates',
  'sessionFinalise',
  'sessionFinaliseSubmit',
  'sessionPublish',
  'sessionResults',
  'certCheckIn',
  'certStart',
  'certAnswer',
  'certSkip',
  'remindersStop',
  'remindersStart',
] as const;
export type CertificationVerb = (typeof CERTIFICATION_VERBS)[number];

const ACCESS_CODE = '[BCDFGHJKMPQRTVWXYbcdfghjkmpqrtvwxy]{4}[2346789]{2}';
/** "KTBX47 Léa Martin 04/05/2011": the access code, then the candidate's names and birth date. */
const CHECK_IN = new RegExp(`^(${ACCESS_CODE})\\s+(.+)\\s+(\\d{2}/\\d{2}/\\d{4}|\\d{4}-\\d{2}-\\d{2})$`);

/** "nouvelle session" / "new session": the form (as "session" alone); "nouvelle campagne" is left to campaigns. */
export const NEW_SESSION = /^(nouvelle|new)\s+session$/i;

/** The access code and the text after it: "inscrire KTBX47 3A 3B" → code, then "3A 3B". */
const codeAndRest = (rest: string): Partial<CardPayload> => {
  const [code = '', ...more] = rest.trim().split(/\s+/);
  return { code: code.slice(0, 40), args: more.join(' ').slice(0, 500) };
};

export const CERTIFICATION_COMMANDS = {
  certification: {
    audience: 'student',
    words: { fr: ['certification', 'certifiable'], en: ['certification'] },
    help: (t) => t.commands.certification,
    manifest: { title: 'certification', description: 'Suis-je certifiable ? / Can I be certified?' },
  },
  // "session" (or "nouvelle session"): the form; "session 2027-05-18 09:00 ; Bâtiment B ; Salle 12 ; M. Leroy ; Certification des 3e": at once.
  sessionCreate: { audience: 'referent', words: { fr: ['session'], en: ['session'] }, bare: NEW_SESSION, rest: (r) => ({ args: r.slice(0, 1000) }), help: (t) => t.commands.session },
  sessionSubmit: { audience: 'referent', words: { fr: [], en: [] } },
  sessions: { audience: 'referent', words: { fr: ['sessions'], en: ['sessions'] }, help: (t) => t.commands.sessions },
  // "inscrire KTBX47": the form; "inscrire KTBX47 3A 3B": classes; "inscrire KTBX47 Martin Léa" or "… 123456789AB": one student.
  sessionEnrol: { audience: 'referent', words: { fr: ['inscrire'], en: ['enrol', 'enroll'] }, rest: codeAndRest, help: (t) => t.commands.enrol },
  sessionEnrolSubmit: { audience: 'referent', words: { fr: [], en: [] } },
  sessionCandidates: { audience: 'referent', words: { fr: ['candidats'], en: ['candidates'] }, rest: codeAndRest },
  sessionFinalise: { audience: 'referent', words: { fr: ['finaliser'], en: ['finalise', 'finalize'] }, rest: codeAndRest, help: (t) => t.commands.finalise },
  sessionFinaliseSubmit: { audience: 'referent', words: { fr: [], en: [] } },
  sessionPublish: { audience: 'referent', words: { fr: ['publier'], en: ['publish'] }, rest: codeAndRest },
  sessionResults: { audience: 'referent', words: { fr: ['resultats'], en: ['results'] }, rest: codeAndRest },
  certCheckIn: {
    audience: 'student',
    words: { fr: [], en: [] },
    bare: CHECK_IN,
    rest: (r) => {
      const m = CHECK_IN.exec(r.trim());
      return m ? { code: m[1]!, args: m[2]!.slice(0, 200), birthDate: m[3]! } : {};
    },
  },
  certStart: { audience: 'student', words: { fr: [], en: [] } },
  certAnswer: { audience: 'student', words: { fr: [], en: [] } },
  certSkip: { audience: 'student', words: { fr: [], en: [] } },
  remindersStop: { words: { fr: [], en: [] }, bare: /^stop\s+(rappels?|reminders?)$/i, help: (t) => t.commands.stopReminders },
  remindersStart: { words: { fr: [], en: [] }, bare: /^start\s+(rappels?|reminders?)$/i },
} satisfies Record<CertificationVerb, CommandSpec>;
