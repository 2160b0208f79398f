/** Start: parse the configuration, open the store, wire the app, listen, and stop cleanly on a signal. */
// Settings may come from a .env file beside the project (see .env.example); real environment wins.
import 'dotenv/config';
import { createApp, type App } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { ContentError } from './framework/loader.js';
import { InvalidScheduleError } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import { buildServer } from './server.js';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nVoir / see .env.example\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let app;
  try {
    app = await createApp(config, logger);
  } catch (error) {
    if (error instanceof ContentError) {
      logger.fatal({ problems: error.problems.slice(0, 50) }, 'content is invalid: run `partix content check`');
      process.exit(3);
    }
    throw error;
  }
  const server = buildServer(app);
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ url: server.url, database: app.store.dialect, challenges: app.framework.challenges.size }, 'Partix is listening');
    void prepareAfterListening(app, logger);
    try {
      app.scheduler.start();
    } catch (error) {
      // A job list that cannot run is a broken build: stop at once rather than run without jobs.
      if (!(error instanceof InvalidScheduleError)) throw error;
      logger.fatal({ job: error.job, problems: error.problems }, 'a scheduled job is invalid');
      process.exit(4);
    }
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    const timer = setTimeout(() => {
      logger.error('stop timed out, exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    server.close(async () => {
      await app.scheduler.stop();
      await app.store.close();
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * What a start does without, made ready once listening, one step per turn of the event loop, so that
 * /health and the first students are answered meanwhile. First the chat edge and botbuilder (about
 * a third of a second; the first message loads them if it comes first). The adaptive methods' plans depend on the
 * bank only (about half a second for the real one): one competence a step (a student's test solves
 * its own competence's plan if it comes first). Then the card templating library (about 0.4 s; the
 * first card loads it if it comes first).
 */
async function prepareAfterListening(app: App, logger: Logger) {
  try {
    await app.chat.warm();
  } catch (error) {
    // A chat edge that cannot load is a broken build: stop rather than answer every message with an error.
    logger.fatal({ err: error }, 'the chat edge could not be loaded');
    process.exit(5);
  }
  const started = performance.now();
  for (const strategy of Object.values(app.assessments.strategies)) {
    if (!strategy.prepare) continue;
    for (const competenceId of app.framework.competences.keys()) {
      await new Promise((ok) => setImmediate(ok));
      strategy.prepare(app.framework, competenceId);
    }
  }
  logger.info({ ms: Math.round(performance.now() - started) }, 'adaptive methods ready');
  await new Promise((ok) => setImmediate(ok));
  app.cards.warm();
}

await main();
