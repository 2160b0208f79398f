/** The verbs of competence tests and profiles: what a student types or clicks. */
import type { CommandSpec } from './turn.js';

export const ASSESSMENT_VERBS = [
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
] as const;
export type AssessmentVerb = (typeof ASSESSMENT_VERBS)[number];

export const ASSESSMENT_COMMANDS = {
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
  },
  improve: { words: { fr: ['retenter', 'ameliorer'], en: ['improve', 'retry'] }, help: (t) => t.commands.improve },
  reset: { words: { fr: ['zero', 'remettre', 'reinitialiser'], en: ['reset'] }, help: (t) => t.commands.reset },
  resetConfirm: { words: { fr: [], en: [] } },
  resetCancel: { words: { fr: [], en: [] } },
  discover: {
    words: { fr: ['decouvrir', 'decouverte'], en: ['discover', 'discovery'] },
    help: (t) => t.commands.discover,
    manifest: { title: 'découvrir', description: 'Un court test pour essayer / A short test to try it out' },
  },
  positioning: { words: { fr: ['positionnement', 'positionner'], en: ['positioning'] }, help: (t) => t.commands.positioning },
  skip: { words: { fr: ['passer'], en: ['skip'] }, help: (t) => t.commands.skip },
  answer: { words: { fr: [], en: [] } },
} satisfies Record<AssessmentVerb, CommandSpec>;
