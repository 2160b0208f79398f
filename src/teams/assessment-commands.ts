/** The verbs of competence tests and profiles: what a student types or clicks. */
import { normalizeText } from './commands.js';
import type { CommandSpec } from './turn.js';

const RESULT_WORD = /^(resultat|result|dernier|last)\b/;

export const ASSESSMENT_VERBS = [
  'profile',
  'start',
  'improve',
  'reset',
  'resetConfirm',
  'resetCancel',
  'discover',
  'discoveryBegin',
  'positioning',
  'positioningBegin',
  'positioningResult',
  'sittingLater',
  'skip',
  'answer',
] as const;
export type AssessmentVerb = (typeof ASSESSMENT_VERBS)[number];

export const ASSESSMENT_COMMANDS = {
  profile: {
    audience: 'student',
    words: { fr: ['profil', 'score', 'niveaux'], en: ['profile', 'levels'] },
    help: (t) => t.commands.profile,
    manifest: { title: 'profil', description: 'Mon profil de compétences / My competence profile' },
  },
  start: {
    audience: 'student',
    words: { fr: ['commencer', 'reprendre', 'tester'], en: ['start', 'resume', 'test'] },
    help: (t) => t.commands.start,
    manifest: { title: 'commencer 1.1', description: 'Commencer ou reprendre une compétence / Start or resume a competence' },
  },
  improve: { audience: 'student', words: { fr: ['retenter', 'ameliorer'], en: ['improve', 'retry'] }, help: (t) => t.commands.improve },
  reset: { audience: 'student', words: { fr: ['zero', 'remettre', 'reinitialiser'], en: ['reset'] }, help: (t) => t.commands.reset },
  resetConfirm: { audience: 'student', words: { fr: [], en: [] } },
  resetCancel: { audience: 'student', words: { fr: [], en: [] } },
  discover: {
    audience: 'student',
    words: { fr: ['decouvrir', 'decouverte'], en: ['discover', 'discovery'] },
    help: (t) => t.commands.discover,
    manifest: { title: 'découvrir', description: 'Un court test pour essayer / A short test to try it out' },
  },
  discoveryBegin: { audience: 'student', words: { fr: [], en: [] } },
  positioning: {
    audience: 'student',
    words: { fr: ['positionnement', 'positionner'], en: ['positioning'] },
    // « positionnement résultat », « positioning result »: the last result again.
    rest: (rest) => (RESULT_WORD.test(normalizeText(rest)) ? { verb: 'positioningResult' } : {}),
    help: (t) => t.commands.positioning,
  },
  positioningBegin: { audience: 'student', words: { fr: [], en: [] } },
  // « dernier positionnement », « last positioning ».
  positioningResult: { audience: 'student', words: { fr: ['dernier'], en: ['last'] } },
  sittingLater: { audience: 'student', words: { fr: [], en: [] } },
  skip: { audience: 'student', words: { fr: ['passer'], en: ['skip'] }, help: (t) => t.commands.skip },
  answer: { audience: 'student', words: { fr: [], en: [] } },
} satisfies Record<AssessmentVerb, CommandSpec>;
