/**
 * The true 2PL parameters of the simulated bank, for the flash baseline. The simulated students do
 * not follow a 2PL model, so "true" means the best 2PL: for each challenge, the logistic regression
 * of the simulated answers on the students' true ability, over a large population that answers
 * everything. That is more than flash could ever learn from real data: a generous baseline.
 */
import { isAskable, type Framework } from '../framework/model.js';
import type { ItemParameters } from '../adaptive/item-parameters.js';
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
 * P(y = 1) = σ(a·(x − δ)) by Newton–Raphson on (a, c) with logit = a·(x − x̄) + c, halving a step
 * that would lower the likelihood, and a light ridge so that a separated sample gives a steep but
 * finite slope instead of running away.
 */
export function fitLogistic(x: readonly number[], y: readonly number[], ridge = 0.01): ItemParameters {
  const n = x.length;
  const centre = x.reduce((s, v) => s + v, 0) / Math.max(n, 1);
  const objective = (a: number, c: number) => {
    let ll = -0.5 * ridge * (a * a + c * c);
    for (let i = 0; i < n; i++) {
      const z = a * (x[i]! - centre) + c;
      ll += y[i]! ? -Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z));
    }
    return ll;
  };
  let a = 1;
  let c = 0;
  let current = objective(a, c);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = -ridge * a, gc = -ridge * c, haa = ridge, hac = 0, hcc = ridge;
    for (let i = 0; i < n; i++) {
      const u = x[i]! - centre;
      const p = 1 / (1 + Math.exp(-(a * u + c)));
      const r = y[i]! - p;
      const w = p * (1 - p);
      ga += r * u;
      gc += r;
      haa += w * u * u;
      hac += w * u;
      hcc += w;
    }
    const det = haa * hcc - hac * hac;
    if (!(det > 0)) break;
    let da = (hcc * ga - hac * gc) / det;
    let dc = (haa * gc - hac * ga) / det;
    let step = 1;
    let candidate = objective(a + da, c + dc);
    while (candidate < current && step > 1e-6) {
      step /= 2;
      candidate = objective(a + step * da, c + step * dc);
    }
    da *= step;
    dc *= step;
    a += da;
    c += dc;
    const gain = candidate - current;
    current = candidate;
    if (Math.abs(da) + Math.abs(dc) < 1e-9 || gain < 1e-12) break;
  }
  return { discrimination: a, difficulty: a !== 0 ? centre - c / a : centre };
}
