/** Builds the HTTP server (does not listen): /api/messages for Teams, /health for probes. */
import restify from 'restify';
import type { App } from './app.js';
import { createChatEndpoint } from './teams/index.js';

export function buildServer(app: App): restify.Server {
  const server = restify.createServer({ name: 'partix', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  const chat = createChatEndpoint(app.config, {
    users: app.users,
    assessments: app.assessments,
    framework: app.framework,
    cards: app.cards,
    logger: app.logger,
    clock: app.clock,
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    try {
      await chat.handle(req, res);
    } catch (error) {
      app.logger.error({ err: error }, 'message endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/health', async (_req: restify.Request, res: restify.Response) => {
    const database = await app.store.ping();
    res.send(database ? 200 : 503, {
      status: database ? 'ok' : 'degraded',
      database: database ? 'ok' : 'unreachable',
      dialect: app.store.dialect,
      challenges: app.framework.challenges.size,
    });
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, next: () => void) => {
    app.logger.warn({ path: req.path(), status: err.statusCode, err: err.message }, 'request refused');
    next();
  });
  return server;
}
