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
  'skip',
  'answer',
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
  skip: { words: { fr: ['passer'], en: ['skip'] }, help: (t) => t.commands.skip },
  answer: { words: { fr: [], en: [] } },
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
}

/** A typed message to a command, or null when no command starts with its first word. */
export function parseTextCommand(text: string): ParsedCommand | null {
  const normalized = normalizeText(text);
  const [first = ''] = normalized.split(/\s+/);
  const verb = VERBS.find((v) => COMMANDS[v].words.fr.includes(first) || COMMANDS[v].words.en.includes(first));
  if (!verb) return null;
  const id = COMPETENCE_ID.exec(normalized.slice(first.length));
  return { verb, ...(id ? { competenceId: `${id[1]}.${id[2]}` } : {}) };
}

/** What a card button sends back (Action.Execute data or Action.Submit value). */
export const cardPayloadSchema = z
  .object({
    verb: z.enum(VERBS),
    competenceId: z.string().max(10).optional(),
    assessmentId: z.string().max(64).optional(),
    challengeId: z.string().max(80).optional(),
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
