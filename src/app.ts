/** The composition root: builds every repository and use-case dependency once, from the configuration. */
import { resolve } from 'node:path';
import type { AssessmentDeps } from './assessment/competence-test.js';
import { AssessmentRepository } from './assessment/repository.js';
import { smartRandom } from './assessment/smart-random.js';
import type { AdaptiveStrategy } from './assessment/strategy.js';
import { CardTemplates } from './cards/template.js';
import type { Config } from './config.js';
import { loadFramework } from './framework/loader.js';
import type { Framework } from './framework/model.js';
import type { Logger } from './logger.js';
import { openStore, type Store } from './store/database.js';
import { UserRepository } from './users/users.js';

export const STRATEGIES: Record<string, AdaptiveStrategy> = { [smartRandom.name]: smartRandom };

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  framework: Framework;
  cards: CardTemplates;
  users: UserRepository;
  assessments: AssessmentDeps;
  clock: () => Date;
}

export async function createApp(config: Config, logger: Logger, options: { clock?: () => Date } = {}): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  // Content first: a broken item bank stops the start before anything listens.
  const framework = loadFramework(resolve(config.CONTENT_DIR));
  const cards = new CardTemplates(resolve(config.CARDS_DIR));
  const store = await openStore(config.DATABASE_URL);
  return {
    config,
    logger,
    store,
    framework,
    cards,
    users: new UserRepository(store.db),
    assessments: {
      framework,
      assessments: new AssessmentRepository(store.db),
      strategies: STRATEGIES,
      defaultStrategy: config.ADAPTIVE_STRATEGY,
      settings: {
        highestLevel: config.HIGHEST_LEVEL,
        improveDelayDays: config.IMPROVE_DELAY_DAYS,
        resetDelayDays: config.RESET_DELAY_DAYS,
        timerGraceSeconds: config.TIMER_GRACE_SECONDS,
        discoveryLength: config.DISCOVERY_LENGTH,
      },
      clock,
    },
    clock,
  };
}
