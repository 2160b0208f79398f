/**
 * The true 2PL parameters of the simulated bank, for the flash baseline. The simulated students do
 * not follow a 2PL model, so "true" means the best 2PL: for each challenge, the logistic regression
 * of the simulated answers on the students' true ability, over a large population that answers
 * everything. That is more than flash could ever learn from real data: a generous baseline.
 */
import { isAskable, type Framework } from '../framework/model.js';
import type { ItemParameters } from './item-parameters.js';
import { answersRight, drawStudent, type NoiseSetting, type PopulationSettings } from './simulated-population.js';

export function trueFlashParameters(args: {
  framework: Framework;
  population: PopulationSettings;
  noise: NoiseSetting;
  students: number;
  seed: number;
}): Map<string, ItemParameters> {
  const { framework, population, noise, students, seed } = args;
  const sample = Array.from({ length: students }, (_, id) => drawStudent({ framework, population, noise, id, seed }));
  const parameters = new Map<string, ItemParameters>();
  for (const challenge of framework.challenges.values()) {
    if (!isAskable(challenge)) continue;
    const x = sample.map((s) => s.abilities.get(challenge.competenceId) ?? 0);
    const y = sample.map((s) => (answersRight(s, challenge) ? 1 : 0));
    parameters.set(challenge.id, fitLogistic(x, y));
  }
  return parameters;
}

/**
 * P(y = 1) = σ(a·(x − δ)) by Newton–Raphson on (a, b = −a·δ), with a light ridge so that a perfectly
 * separated sample (no noise) gives a steep but finite slope.
 */
export function fitLogistic(x: readonly number[], y: readonly number[], ridge = 0.01): ItemParameters {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = -ridge * a, gb = 0, haa = ridge, hab = 0, hbb = 1e-9;
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i]! + b)));
      const r = y[i]! - p;
      const w = p * (1 - p);
      ga += r * x[i]!;
      gb += r;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-8) break;
  }
  return { discrimination: a, difficulty: a !== 0 ? -b / a : 0 };
}
