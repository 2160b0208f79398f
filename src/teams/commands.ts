/**
 * The one table of what a user can ask: typed words (French and English) and card verbs. The router,
 * the help card and the manifest's command list all read it.
 */
import { z } from 'zod';
import type { Messages } from '../i18n/messages.js';

export const VERBS = [
  'welcome',
  'help',
  'profile',
  'start',
  'improve',
  'reset',
  'resetConfirm',
  'resetCancel',
  'discover',
  'positioning',
  'skip',
  'answer',
  'code',
  'classes',
  'division',
  'invite',
  'rights',
  'revoke',
  'unlink',
  'unlinkConfirm',
  'unlinkCancel',
  'link',
  'linkSubmit',
  'import',
  'imports',
] as const;
export type Verb = (typeof VERBS)[number];

export interface CommandSpec {
  /** Words that start the command when typed (lower case, without accents); empty = buttons only. */
  words: { fr: string[]; en: string[] };
  /** Line of the help card; commands without one are not listed. */
  help?: (t: Messages) => string;
  /** The manifest's command list (Teams shows at most 10 per scope). */
  manifest?: { title: string; description: string };
  needsCompetence?: boolean;
}

export const COMMANDS: Record<Verb, CommandSpec> = {
  welcome: { words: { fr: ['bonjour', 'salut', 'coucou'], en: ['hello', 'hi', 'hey'] } },
  help: {
    words: { fr: ['aide', '?'], en: ['help'] },
    help: (t) => t.commands.help,
    manifest: { title: 'aide', description: 'Ce que Partix sait faire / What Partix can do' },
  },
  profile: {
    words: { fr: ['profil', 'score', 'niveaux'], en: ['profile', 'levels'] },
    help: (t) => t.commands.profile,
    manifest: { title: 'profil', description: 'Mon profil de compétences / My competence profile' },
  },
  start: {
    words: { fr: ['commencer', 'reprendre', 'tester'], en: ['start', 'resume', 'test'] },
    help: (t) => t.commands.start,
    manifest: { title: 'commencer 1.1', description: 'Commencer ou reprendre une compétence / Start or resume a competence' },
    needsCompetence: true,
  },
  improve: {
    words: { fr: ['retenter', 'ameliorer'], en: ['improve', 'retry'] },
    help: (t) => t.commands.improve,
    needsCompetence: true,
  },
  reset: {
    words: { fr: ['zero', 'remettre', 'reinitialiser'], en: ['reset'] },
    help: (t) => t.commands.reset,
    needsCompetence: true,
  },
  resetConfirm: { words: { fr: [], en: [] }, needsCompetence: true },
  resetCancel: { words: { fr: [], en: [] } },
  discover: {
    words: { fr: ['decouvrir', 'decouverte'], en: ['discover', 'discovery'] },
    help: (t) => t.commands.discover,
    manifest: { title: 'découvrir', description: 'Un court test pour essayer / A short test to try it out' },
  },
  positioning: {
    words: { fr: ['positionnement', 'positionner'], en: ['positioning'] },
    help: (t) => t.commands.positioning,
  },
  skip: { words: { fr: ['passer'], en: ['skip'] }, help: (t) => t.commands.skip },
  answer: { words: { fr: [], en: [] } },
  code: { words: { fr: ['code'], en: ['code'] }, help: (t) => t.school.commands.code },
  classes: { words: { fr: ['classes', 'divisions'], en: ['classes'] }, help: (t) => t.school.commands.classes },
  division: { words: { fr: ['classe', 'division'], en: ['class'] } },
  invite: { words: { fr: ['inviter', 'invitation'], en: ['invite'] }, help: (t) => t.school.commands.invite },
  rights: { words: { fr: ['droits'], en: ['rights'] }, help: (t) => t.school.commands.rights },
  revoke: { words: { fr: [], en: [] } },
  unlink: { words: { fr: [], en: [] } },
  unlinkConfirm: { words: { fr: [], en: [] } },
  unlinkCancel: { words: { fr: [], en: [] } },
  link: {
    words: { fr: ['rattacher', 'rattachement'], en: ['link'] },
    help: (t) => t.school.commands.link,
    manifest: { title: 'rattacher', description: 'Relier mon compte à mon dossier scolaire / Link my school record' },
  },
  linkSubmit: { words: { fr: [], en: [] } },
  import: { words: { fr: ['importer'], en: ['import'] }, help: (t) => t.school.commands.import },
  imports: { words: { fr: ['imports'], en: ['imports'] } },
};

export function normalizeText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
}

const COMPETENCE_ID = /\b([1-5])\s*[.,]\s*([1-4])\b/;

export interface ParsedCommand {
  verb: Verb;
  competenceId?: string;
  /** What follows the command word, as typed (a code, a class, a UAJ). */
  rest: string;
}

/** A message that is only an invitation code ("ABCD-EFGH") is taken as "code ABCD-EFGH". */
const BARE_CODE = /^\s*[A-Za-z0-9]{4}-[A-Za-z0-9]{4}\s*$/;

/** A typed message to a command, or null when no command starts with its first word. */
export function parseTextCommand(text: string): ParsedCommand | null {
  const plain = text.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  if (BARE_CODE.test(plain)) return { verb: 'code', rest: plain };
  const normalized = normalizeText(text);
  const [first = ''] = normalized.split(/\s+/);
  const verb = VERBS.find((v) => COMMANDS[v].words.fr.includes(first) || COMMANDS[v].words.en.includes(first));
  if (!verb) return null;
  const id = COMPETENCE_ID.exec(normalized.slice(first.length));
  const rest = plain.split(/\s+/).slice(1).join(' ');
  return { verb, rest, ...(id ? { competenceId: `${id[1]}.${id[2]}` } : {}) };
}

/** What a card button sends back (Action.Execute data or Action.Submit value). */
export const cardPayloadSchema = z
  .object({
    verb: z.enum(VERBS),
    competenceId: z.string().max(10).optional(),
    assessmentId: z.string().max(64).optional(),
    challengeId: z.string().max(80).optional(),
    code: z.string().max(40).optional(),
    division: z.string().max(40).optional(),
    uaj: z.string().max(12).optional(),
    membershipId: z.coerce.number().int().positive().optional(),
    studentId: z.string().max(64).optional(),
  })
  .passthrough();

export type CardPayload = z.infer<typeof cardPayloadSchema>;

/** The card's inputs, without our own keys: each input id starts with the prefix. */
export function cardInputs(payload: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

export function helpLines(t: Messages): string[] {
  return VERBS.flatMap((v) => (COMMANDS[v].help ? [COMMANDS[v].help!(t)] : []));
}
