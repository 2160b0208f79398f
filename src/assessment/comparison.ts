/**
 * The comparison the simulator prints: in each noise setting, the same cohort plays smart random
 * (Pix's original method), Partix's method, and flash (Pix's newer one) given the true item
 * parameters and the same mean length as Partix's, so accuracy is compared at equal cost.
 */
import type { Framework } from '../framework/model.js';
import { createPartixBayes, PARTIX_BAYES, type BayesOverrides } from './bayes-strategy.js';
import { createFlash, FLASH } from './flash.js';
import { trueFlashParameters } from './simulated-parameters.js';
import type { NoiseSetting, PopulationSettings } from './simulated-population.js';
import { cohort, figuresOf, runCohort, type Figures } from './simulator.js';
import { smartRandom } from './smart-random.js';

export const STRATEGY_NAMES = [smartRandom.name, PARTIX_BAYES, FLASH] as const;

export interface ComparisonSettings {
  framework: Framework;
  students: number;
  seed: number;
  population: PopulationSettings;
  noises: NoiseSetting[];
  highestLevel: number;
  strategies: readonly string[];
  bayes?: BayesOverrides;
  /**
   * Stopping confidences to run Partix's method at: the first is its row (and flash's length), the
   * others show the trade-off between length and accuracy.
   */
  confidences?: readonly number[];
  /** Also run Partix's model asking the whole bank: the best any method could do with these challenges. */
  ceiling?: boolean;
  /** Students answering everything, to fit flash's true parameters. */
  flashFitStudents: number;
}

export interface NoiseComparison {
  noise: NoiseSetting;
  figures: Figures[];
  /** Flash's fixed length: Partix's mean length, rounded (or 20 when Partix is not run). */
  flashLength: number | null;
}

export function compareStrategies(settings: ComparisonSettings): NoiseComparison[] {
  const { framework, students, seed, population, highestLevel, strategies } = settings;
  return settings.noises.map((noise) => {
    const players = cohort({ framework, population, noise, students, seed });
    const figures: Figures[] = [];
    const run = (name: string, strategy: Parameters<typeof runCohort>[0]['strategy']) => {
      const result = figuresOf(name, runCohort({ framework, strategy, cohort: players, seed, highestLevel }));
      figures.push(result);
      return result;
    };
    if (strategies.includes(smartRandom.name)) run(smartRandom.name, smartRandom);
    let ours: Figures | null = null;
    if (strategies.includes(PARTIX_BAYES)) {
      const bayes = (overrides: BayesOverrides) => createPartixBayes({ ...settings.bayes, ...overrides, model: { ...settings.bayes?.model, highestLevel } });
      const confidences = settings.confidences ?? [undefined];
      confidences.forEach((confidence, i) => {
        const figures = run(i === 0 ? PARTIX_BAYES : `${PARTIX_BAYES} (c=${confidence})`, bayes(confidence === undefined ? {} : { confidence }));
        if (i === 0) ours = figures;
      });
      if (settings.ceiling) run(`${PARTIX_BAYES} (whole bank)`, bayes({ confidence: 1.01, maxLength: Number.MAX_SAFE_INTEGER }));
    }
    let flashLength: number | null = null;
    if (strategies.includes(FLASH)) {
      flashLength = ours ? Math.max(1, Math.round((ours as Figures).meanAsked)) : 20;
      const parameters = trueFlashParameters({ framework, population, noise, students: settings.flashFitStudents, seed: seed ^ 0x5eed });
      const flash = createFlash({ parameters, priorMean: population.abilityMean, priorSd: population.abilitySd, length: flashLength });
      run(`${FLASH} (n=${flashLength})`, flash);
    }
    return { noise, figures, flashLength };
  });
}
