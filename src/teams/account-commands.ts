/** The verbs of everyone's own account: the welcome, the help, the language. */
import type { CardPayload } from './commands.js';
import { normalizeText } from './commands.js';
import type { CommandSpec } from './turn.js';

export const ACCOUNT_VERBS = ['welcome', 'help', 'language'] as const;
export type AccountVerb = (typeof ACCOUNT_VERBS)[number];

const LANGUAGES: Record<string, 'fr' | 'en'> = {
  francais: 'fr',
  french: 'fr',
  fr: 'fr',
  anglais: 'en',
  english: 'en',
  en: 'en',
};

/** "langue anglais", "language french": the language asked for, or the word as typed when it is none. */
export function languageOf(rest: string): Partial<CardPayload> {
  const word = normalizeText(rest).split(/\s+/)[0] ?? '';
  return { language: LANGUAGES[word] ?? rest.slice(0, 20) };
}

export const ACCOUNT_COMMANDS = {
  welcome: { words: { fr: ['bonjour', 'salut', 'coucou'], en: ['hello', 'hi', 'hey'] } },
  help: {
    words: { fr: ['aide', '?'], en: ['help'] },
    help: (t) => t.commands.help,
    manifest: { title: 'aide', description: 'Ce que Partix sait faire / What Partix can do' },
  },
  language: { words: { fr: ['langue'], en: ['language'] }, rest: languageOf, help: (t) => t.account.command },
} satisfies Record<AccountVerb, CommandSpec>;
