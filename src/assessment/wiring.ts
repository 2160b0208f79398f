/** The competence tests, discovery and positioning: their repository and settings, and their jobs (none yet). */
import type { Config } from '../config.js';
import type { Framework } from '../framework/model.js';
import type { Job } from '../jobs/scheduler.js';
import type { Store } from '../store/database.js';
import type { AssessmentDeps } from './deps.js';
import { AssessmentRepository } from './repository.js';
import type { AdaptiveStrategy, PositioningStrategy } from './strategy.js';

export function wireAssessment({
  config,
  store,
  framework,
  clock,
  methods,
}: {
  config: Config;
  store: Store;
  framework: Framework;
  clock: () => Date;
  /** The adaptive methods come from outside: the test use cases know only the strategy port. */
  methods: { strategies: Record<string, AdaptiveStrategy>; positioning: PositioningStrategy };
}): { assessments: AssessmentDeps; jobs: Job[] } {
  const assessments: AssessmentDeps = {
    framework,
    assessments: new AssessmentRepository(store.db, store.dialect),
    strategies: methods.strategies,
    defaultStrategy: config.ADAPTIVE_STRATEGY,
    positioning: methods.positioning,
    settings: {
      highestLevel: config.HIGHEST_LEVEL,
      improveDelayDays: config.IMPROVE_DELAY_DAYS,
      resetDelayDays: config.RESET_DELAY_DAYS,
      timerGraceSeconds: config.TIMER_GRACE_SECONDS,
      discoveryLength: config.DISCOVERY_LENGTH,
    },
    clock,
  };
  return { assessments, jobs: [] };
}
