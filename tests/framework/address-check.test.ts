/** Layer: content. The bank says "vous" to the student (issue 11, point 10), on a built bank and on the real one. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { informalAddressProblems } from '../../src/framework/address-check.js';
import { loadFramework } from '../../src/framework/loader.js';
import { buildTestContent } from '../helpers/content-builder.js';

it('finds a challenge that says "tu" to the student, and leaves quotes, code and "le ton" alone', () => {
  const dir = buildTestContent();
  const file = join(dir, 'competences', '4.2.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const [first, second, third] = data.tubes[0].skills.map((s: { challenges: Array<Record<string, unknown>> }) => s.challenges[0]);
  first.instruction = 'Tu publies une photo avec la visibilité « Public ». Qui peut la voir ?';
  second.proposals = ['Bonne', 'Seulement tes amis', 'Mauvaise B', 'Mauvaise C'];
  second.explanation = 'Un message t’invite à cliquer : méfiance.';
  third.instruction = 'Un camarade écrit « TU AS OUBLIÉ, peux-tu me le prêter ? » sur le même ton que `te = 1`. Que répondez-vous ?';
  third.status = 'validated';
  const archived = data.tubes[1].skills[0].challenges[0];
  archived.instruction = 'Tu ne verras jamais cette question archivée.';
  archived.status = 'archived';
  writeFileSync(file, JSON.stringify(data));
  expect(informalAddressProblems(loadFramework(dir))).toEqual([
    'c42-alpha-1-a: la consigne tutoie l’élève (« Tu ») ; le contenu dit « vous »',
    'c42-alpha-2-a: l’explication tutoie l’élève (« t’ ») ; le contenu dit « vous »',
    'c42-alpha-2-a: la proposition 2 tutoie l’élève (« tes ») ; le contenu dit « vous »',
  ]);
});

it('the real bank says "vous" everywhere a student reads', () => {
  expect(informalAddressProblems(loadFramework(fileURLToPath(new URL('../../content', import.meta.url))))).toEqual([]);
});
