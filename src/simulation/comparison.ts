/**
 * The comparison the simulator prints: in each noise setting, the same cohort plays smart random
 * (Pix's original method), Partix's method with each of its stopping rules, and flash (Pix's newer
 * one) given the true item parameters and the same mean length as each of Partix's, so accuracy is
 * compared at equal cost.
 */
import type { Framework } from '../framework/model.js';
import { createPartixBayes, PARTIX_BAYES, PARTIX_BAYES_SHORT, type BayesOverrides } from '../adaptive/bayes-strategy.js';
import { createFlash, FLASH } from '../adaptive/flash.js';
import { trueFlashParameters } from './simulated-parameters.js';
import type { NoiseSetting, PopulationSettings } from './simulated-population.js';
import { cohort, figuresOf, runCohort, type Figures } from './simulator.js';
import { smartRandom } from '../adaptive/smart-random.js';

export const STRATEGY_NAMES = [smartRandom.name, PARTIX_BAYES, PARTIX_BAYES_SHORT, FLASH] as const;
/** Partix's methods, each checked against the goals. */
export const OURS = [PARTIX_BAYES, PARTIX_BAYES_SHORT] as const;

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
   * Stopping confidences to run the short variant at: the first is its row, the others show the
   * trade-off between length and accuracy.
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
  /** Flash's fixed lengths: each of Partix's methods' mean length, rounded (20 when none is run). */
  flashLengths: number[];
  /** The flash row to compare each of Partix's methods with. */
  flashFor: Record<string, string>;
}

export function flashName(length: number): string {
  return `${FLASH} (n=${length})`;
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
    const bayes = (overrides: BayesOverrides) => createPartixBayes({ ...settings.bayes, ...overrides, model: { ...settings.bayes?.model, highestLevel } });
    const ours: Record<string, Figures> = {};
    if (strategies.includes(PARTIX_BAYES)) ours[PARTIX_BAYES] = run(PARTIX_BAYES, bayes({ stopRule: 'settled' }));
    if (strategies.includes(PARTIX_BAYES_SHORT)) {
      const confidences = settings.confidences ?? [undefined];
      confidences.forEach((confidence, i) => {
        const overrides: BayesOverrides = { stopRule: 'confident', ...(confidence === undefined ? {} : { confidence }) };
        const figures = run(i === 0 ? PARTIX_BAYES_SHORT : `${PARTIX_BAYES_SHORT} (c=${confidence})`, bayes(overrides));
        if (i === 0) ours[PARTIX_BAYES_SHORT] = figures;
      });
    }
    if (settings.ceiling) run(`${PARTIX_BAYES} (whole bank)`, bayes({ stopRule: 'confident', confidence: 1.01, minGain: Number.NEGATIVE_INFINITY, maxLength: Number.MAX_SAFE_INTEGER }));
    const flashFor: Record<string, string> = {};
    const flashLengths: number[] = [];
    if (strategies.includes(FLASH)) {
      const wanted: { name: string; length: number }[] = OURS.filter((name) => ours[name]).map((name) => ({ name, length: Math.max(1, Math.round(ours[name]!.meanAsked)) }));
      if (wanted.length === 0) wanted.push({ name: FLASH, length: 20 });
      const parameters = trueFlashParameters({ framework, population, noise, students: settings.flashFitStudents, seed: seed ^ 0x5eed });
      for (const { name, length } of wanted) {
        if (!flashLengths.includes(length)) {
          flashLengths.push(length);
          run(flashName(length), createFlash({ parameters, priorMean: population.abilityMean, priorSd: population.abilitySd, length }));
        }
        flashFor[name] = flashName(length);
      }
    }
    return { noise, figures, flashLengths, flashFor };
  });
}
