/**
 * Builds a small, fully known item bank on disk (same files and schema as content/), so conversation
 * tests know every answer without depending on the real bank's wording.
 *
 * Every competence gets 3 tubes with skills at levels 1..6 and one QCU per skill whose right answer is
 * proposal 1 ("Bonne (id)"). Competence 1.1 also carries one challenge of every other type, on a 4th tube.
 */
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './temp.js';

const FRAMEWORK = resolve('content/framework.json');

const tutorial = (title: string) => ({
  kind: 'solution',
  title,
  url: 'https://fr.wikipedia.org/wiki/Moteur_de_recherche',
  source: 'Wikipédia',
  format: 'page',
  duration: 'PT3M',
});

export function qcu(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: 'QCU',
    instruction: `Question ${id} : quelle est la bonne proposition ?`,
    // Each right proposal names its challenge: a correction shows it, and must not give away another's.
    proposals: [`Bonne (${id})`, 'Mauvaise A', 'Mauvaise B', 'Mauvaise C'],
    answer: 1,
    explanation: 'La première proposition est la seule juste.',
    ...extra,
  };
}

/** The extra challenges of competence 1.1, one per type, each at its own level of the tube @types. */
export const TYPED_CHALLENGES = {
  qcm: {
    id: 'c11-types-1-qcm',
    type: 'QCM',
    instruction: 'Sélectionnez toutes les bonnes réponses.',
    proposals: ['Juste 1', 'Faux', 'Juste 2', 'Faux aussi'],
    answers: [1, 3],
    explanation: 'Les propositions 1 et 3 sont justes.',
  },
  qroc: {
    id: 'c11-types-2-qroc',
    type: 'QROC',
    instruction: 'Quel caractère entoure une expression exacte ?',
    answers: ['guillemets'],
    tolerances: ['T1', 'T2', 'T3'],
    explanation: 'Les guillemets imposent l’expression exacte.',
  },
  qrocmInd: {
    id: 'c11-types-3-qrocmind',
    type: 'QROCM-ind',
    instruction: 'Complétez : capitale de la France, puis de l’Italie.',
    fields: [
      { key: 'france', label: 'France', answers: ['Paris'] },
      { key: 'italie', label: 'Italie', answers: ['Rome'] },
    ],
    tolerances: ['T1'],
    explanation: 'Paris et Rome.',
  },
  qrocmDep: {
    id: 'c11-types-4-qrocmdep',
    type: 'QROCM-dep',
    instruction: 'Citez deux formats d’image.',
    fields: [
      { key: 'r1', label: 'Format 1' },
      { key: 'r2', label: 'Format 2' },
    ],
    groups: [['png'], ['jpeg', 'jpg'], ['gif']],
    tolerances: ['T1'],
    explanation: 'PNG, JPEG et GIF sont des formats d’image.',
  },
  timed: {
    id: 'c11-types-5-timed',
    type: 'QROC',
    instruction: 'Combien font 6 fois 7 ? Répondez vite.',
    answers: ['42'],
    format: 'number',
    timer: 30,
    explanation: '6 × 7 = 42.',
  },
};

/** A new copy each time (tests may break it on purpose), removed when the test file ends at the latest. */
export function buildTestContent(): string {
  const dir = tempDir('partix-content-');
  mkdirSync(join(dir, 'competences'));
  const framework = JSON.parse(readFileSync(FRAMEWORK, 'utf8')) as { areas: Array<{ competences: Array<{ id: string }> }> };
  writeFileSync(join(dir, 'framework.json'), JSON.stringify(framework));
  for (const area of framework.areas) {
    for (const { id } of area.competences) {
      const digits = id.replace('.', '');
      const tubes = ['alpha', 'beta', 'gamma'].map((name) => ({
        name: `@${name}${digits}`,
        title: `Sujet ${name} ${id}`,
        skills: [1, 2, 3, 4, 5, 6].map((level) => ({
          level,
          description: `Savoir ${name} niveau ${level}`,
          tutorials: [tutorial(`Tutoriel ${name} ${level}`)],
          challenges: [qcu(`c${digits}-${name}-${level}-a`)],
        })),
      }));
      if (id === '1.1') {
        const typed = Object.values(TYPED_CHALLENGES);
        tubes.push({
          name: '@types11',
          title: 'Sujet des types',
          skills: typed.map((challenge, i) => ({
            level: i + 1,
            description: `Type ${challenge.type}`,
            tutorials: [tutorial(`Tutoriel type ${i + 1}`)],
            challenges: [challenge as unknown as ReturnType<typeof qcu>],
          })),
        });
      }
      writeFileSync(join(dir, 'competences', `${id}.json`), JSON.stringify({ competence: id, tubes }, null, 1));
    }
  }
  return dir;
}
