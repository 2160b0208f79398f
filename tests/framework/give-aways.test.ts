/**
 * Layer: content. The check that no correction or tutorial of a competence hands out the answer of
 * another of its challenges (issue 11, point 8), on small banks built on disk and on the real bank.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { giveAwayProblems, isTrivialAnswer } from '../../src/framework/give-aways.js';
import { loadFramework } from '../../src/framework/loader.js';
import { buildTestContent } from '../helpers/content-builder.js';

type Json = { tubes: Array<{ skills: Array<{ tutorials: Array<{ title: string }>; challenges: Array<Record<string, unknown>> }> }> };

/** A fresh test bank where `edit` changed competence `id`'s file, and the check's problems on it. */
function problemsAfter(edits: Record<string, (data: Json) => void>): string[] {
  const dir = buildTestContent();
  for (const [id, edit] of Object.entries(edits)) {
    const file = join(dir, 'competences', `${id}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Json;
    edit(data);
    writeFileSync(file, JSON.stringify(data));
  }
  return giveAwayProblems(loadFramework(dir));
}

/** Challenge `level` (1-based) of tube `tube` (0-based) of a competence of the test bank. */
const challenge = (data: Json, tube: number, level: number) => data.tubes[tube]!.skills[level - 1]!.challenges[0]!;

const qroc = (answers: string[]) => ({ type: 'QROC', answers, tolerances: ['T1'], format: 'word', proposals: undefined, answer: undefined });

describe('give-away check', () => {
  it('passes on the test bank as built', () => {
    expect(problemsAfter({})).toEqual([]);
  });

  it('finds the free answer of a sibling in a correction, whatever the case, accents and spacing', () => {
    const problems = problemsAfter({
      '2.1': (data) => {
        Object.assign(challenge(data, 0, 4), qroc(['recherche inversée', 'recherche par image']));
        challenge(data, 0, 5).explanation = 'On parle de RECHERCHE   INVERSEE : on part de l’image pour trouver les pages.';
      },
    });
    expect(problems).toEqual([
      'compétence 2.1: l\'explication de c21-alpha-5-a contient « recherche inversée », réponse acceptée de c21-alpha-4-a',
    ]);
  });

  it('finds the right proposal of a QCU in the tutorial of another skill, named after every challenge it follows', () => {
    const problems = problemsAfter({
      '3.2': (data) => {
        challenge(data, 1, 2).proposals = ['Faire une recherche inversée de l’image', 'Zoomer', 'Compter les partages', 'Demander'];
        data.tubes[2]!.skills[0]!.tutorials[0]!.title = 'Comment faire une recherche inversée de l\'image ?';
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^compétence 3\.2: le tutoriel « Comment faire une recherche inversée de l'image \? » de @gamma321 \(montré après c32-gamma-1-a\) contient « Faire une recherche inversée de l’image », réponse acceptée de c32-beta-2-a$/),
    ]);
  });

  it('finds a sibling’s answer in the expected answer a correction shows', () => {
    const problems = problemsAfter({
      '1.3': (data) => {
        challenge(data, 0, 3).proposals = ['Faire une recherche inversée', 'Zoomer', 'Compter', 'Demander'];
        Object.assign(challenge(data, 0, 4), qroc(['recherche inversée']));
      },
    });
    expect(problems).toEqual(['compétence 1.3: la réponse attendue de c13-alpha-3-a contient « recherche inversée », réponse acceptée de c13-alpha-4-a']);
  });

  it('looks for every field of a QROCM and every right proposal of a QCM', () => {
    const problems = problemsAfter({
      '1.1': (data) => {
        data.tubes[0]!.skills[0]!.challenges[0]!.explanation = 'Retenez que Rome est une capitale, et « Juste 2 » aussi.';
      },
    });
    expect(problems).toEqual([
      'compétence 1.1: l\'explication de c11-alpha-1-a contient « Juste 2 », réponse acceptée de c11-types-1-qcm',
      'compétence 1.1: l\'explication de c11-alpha-1-a contient « Rome », réponse acceptée de c11-types-3-qrocmind',
    ]);
  });

  it('matches whole words and keeps the signs of an operator', () => {
    const problems = problemsAfter({
      '4.1': (data) => {
        Object.assign(challenge(data, 0, 1), qroc(['rar', 'site:', '200']));
        challenge(data, 0, 2).explanation = 'Un nom de fichier bizarre, sur ce site : rien ne le prouve, même avec 1 411 200 octets.';
        challenge(data, 0, 3).explanation = 'Le format RAR compresse des fichiers.';
        challenge(data, 0, 4).explanation = 'L’opérateur site:fr.wikipedia.org limite la recherche.';
      },
    });
    expect(problems).toEqual([
      'compétence 4.1: l\'explication de c41-alpha-3-a contient « rar », réponse acceptée de c41-alpha-1-a',
      'compétence 4.1: l\'explication de c41-alpha-4-a contient « site: », réponse acceptée de c41-alpha-1-a',
    ]);
  });

  it('ignores short and grammatical answers, answers the instruction lists, its own answer, other competences and drafts', () => {
    const problems = problemsAfter({
      '5.1': (data) => {
        Object.assign(challenge(data, 0, 1), qroc(['A', '12', 'Cc', 'pour', 'à la']));
        challenge(data, 0, 2).explanation = 'Pour la question 12, la colonne A et le champ Cc : à la fin.';
        Object.assign(challenge(data, 1, 1), qroc(['clavier']));
        challenge(data, 1, 1).explanation = 'Le clavier sert à écrire (sa propre réponse).';
        Object.assign(challenge(data, 1, 2), qroc(['souris']), { status: 'draft' });
        challenge(data, 1, 3).explanation = 'La souris est un brouillon ici.';
        // Answers the instruction lists are choices: a text that names one says nothing of the mapping asked.
        Object.assign(challenge(data, 2, 4), qroc(['secteurs', 'camembert']), {
          instruction: 'Quel graphique montre une répartition ? Répondez par **courbe**, **barres** ou **secteurs**.',
        });
        challenge(data, 2, 5).explanation = 'Un camembert mal fait trompe autant qu’une courbe.';
      },
      '5.2': (data) => {
        challenge(data, 0, 1).explanation = 'Le clavier est la réponse d’une autre compétence.';
      },
    });
    expect(problems).toEqual([]);
  });
});

describe('trivial answers', () => {
  it.each([
    ['A', true],
    ['12', true],
    ['Cc', true],
    ['non', true],
    ['à la', true],
    ['Cci', false],
    ['200', false],
    ['site:', false],
    ['le 3018', false],
  ])('%s is trivial: %s', (answer, trivial) => {
    expect(isTrivialAnswer(answer)).toBe(trivial);
  });
});

describe('the real bank', () => {
  it('has no correction or tutorial that gives away the answer of another challenge of its competence', () => {
    const framework = loadFramework(fileURLToPath(new URL('../../content', import.meta.url)));
    expect(giveAwayProblems(framework)).toEqual([]);
  });
});
