/** The adaptive methods the bot offers, built once from the configuration and the calibrated parameters. */
import type { Config } from '../config.js';
import type { AdaptiveStrategy, PositioningStrategy } from '../assessment/strategy.js';
import type { Store } from '../store/database.js';
import { createPartixBayes } from './bayes-strategy.js';
import { loadItemParameters } from './item-parameter-repository.js';
import { createPositioning } from './positioning.js';
import { smartRandom } from './smart-random.js';

export interface AdaptiveMethods {
  strategies: Record<string, AdaptiveStrategy>;
  positioning: PositioningStrategy;
}

export async function wireAdaptive({ config, store }: { config: Config; store: Store }): Promise<AdaptiveMethods> {
  // Calibrated parameters are read once; `partix calibrate` asks for a restart to use new ones.
  const parameters = await loadItemParameters(store.db);
  const model = { highestLevel: config.HIGHEST_LEVEL };
  // Every method stays available: a test keeps the one it started with, whatever the setting says now.
  const strategies = [smartRandom, createPartixBayes({ parameters, model }), createPartixBayes({ parameters, model, stopRule: 'confident' })];
  return {
    strategies: Object.fromEntries(strategies.map((s) => [s.name, s])),
    positioning: createPositioning({ parameters, model }),
  };
}
