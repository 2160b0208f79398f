/** The verbs of schools: codes, classes, rights, account links, SIECLE imports. */
import { UAJ_PATTERN } from '../schools/uaj.js';
import type { CardPayload } from './commands.js';
import type { CommandSpec } from './turn.js';

export const SCHOOL_VERBS = [
  'code',
  'classes',
  'division',
  'invite',
  'rights',
  'revoke',
  'revokeConfirm',
  'unlink',
  'unlinkConfirm',
  'unlinkCancel',
  'link',
  'linkSubmit',
  'import',
  'imports',
  'importReport',
] as const;
export type SchoolVerb = (typeof SCHOOL_VERBS)[number];

/** "classes 0860001A": a referent of several schools says which. */
const uaj = (rest: string): Partial<CardPayload> => (UAJ_PATTERN.test(rest) ? { uaj: rest } : {});

export const SCHOOL_COMMANDS = {
  // A message that is only an invitation code ("ABCD-EFGH") is taken as "code ABCD-EFGH".
  code: { words: { fr: ['code'], en: ['code'] }, bare: /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/, rest: (r) => ({ code: r.slice(0, 40) }), help: (t) => t.school.commands.code },
  classes: { audience: 'staff', words: { fr: ['classes', 'divisions'], en: ['classes'] }, rest: uaj, help: (t) => t.school.commands.classes },
  division: { audience: 'staff', words: { fr: ['classe', 'division'], en: ['class'] }, rest: (r) => ({ division: r.slice(0, 40) }) },
  invite: { audience: 'referent', words: { fr: ['inviter', 'invitation'], en: ['invite'] }, rest: uaj, help: (t) => t.school.commands.invite },
  rights: { audience: 'referent', words: { fr: ['droits'], en: ['rights'] }, rest: uaj, help: (t) => t.school.commands.rights },
  revoke: { audience: 'referent', words: { fr: [], en: [] } },
  revokeConfirm: { audience: 'referent', words: { fr: [], en: [] } },
  unlink: { audience: 'referent', words: { fr: [], en: [] } },
  unlinkConfirm: { audience: 'referent', words: { fr: [], en: [] } },
  unlinkCancel: { audience: 'referent', words: { fr: [], en: [] } },
  link: {
    audience: 'student',
    words: { fr: ['rattacher', 'rattachement'], en: ['link'] },
    rest: uaj,
    help: (t) => t.school.commands.link,
    manifest: { title: 'rattacher', description: 'Relier mon compte à mon dossier scolaire / Link my school record' },
  },
  linkSubmit: { audience: 'student', words: { fr: [], en: [] } },
  import: { audience: 'referent', words: { fr: ['importer'], en: ['import'] }, rest: uaj, help: (t) => t.school.commands.import },
  imports: { audience: 'referent', words: { fr: ['imports'], en: ['imports'] }, rest: uaj },
  importReport: { audience: 'referent', words: { fr: [], en: [] } },
} satisfies Record<SchoolVerb, CommandSpec>;
