/** Builds the HTTP server (does not listen): /api/messages for Teams, /health for probes. */
import restify from 'restify';
import type { App } from './app.js';
import { classResultsFile } from './certification/class-results.js';
import { isAskable } from './framework/model.js';
import { resultsLinkRefusal } from './i18n/certification-messages.js';
import { reportRefusal } from './i18n/school-messages.js';
import { importReportCsv } from './schools/import-report.js';

/** A CSV download (import report, campaign export, certification results): never cached, saved under its name. */
function sendCsv(res: restify.Response, fileName: string, csv: string | Buffer): void {
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' });
  res.end(csv);
}

export function buildServer(app: App): restify.Server {
  const server = restify.createServer({ name: 'partix', handleUncaughtExceptions: false });
  // No body reader for the whole server: /api/messages reads its own (src/teams/request-body.ts), the rest are GETs.
  server.use(restify.plugins.queryParser({ mapParams: false }));

  const chat = app.chat;

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
      challenges: [...app.framework.challenges.values()].filter(isAskable).length,
    });
  });

  // The referent's full import report: the link in their card carries a signed token.
  server.get('/reports/imports/:id/:token', async (req: restify.Request, res: restify.Response) => {
    const { id, token } = req.params as { id: string; token: string };
    const link = app.reportLink(id, token);
    const job = link === 'valid' ? await app.imports.imports.find(id) : null;
    if (!job) {
      res.send(404, reportRefusal(link === 'expired' ? 'expired' : 'not_found', app.config.REPORT_LINK_TTL_HOURS));
      return;
    }
    const body = importReportCsv(job);
    sendCsv(res, `import-siecle-${job.id.slice(0, 8)}.csv`, body);
  });

  // A campaign's CSV export: the link in the teacher's card carries a signed token; the figures are those of now.
  server.get('/campaigns/:id/export/:file', async (req: restify.Request, res: restify.Response) => {
    const { id, file } = req.params as { id: string; file: string };
    const answer = await app.campaignExport(id, file);
    if (answer.status === 404) {
      res.send(404, answer.body);
      return;
    }
    sendCsv(res, answer.file.fileName, answer.file.csv);
  });

  // A class's certification results: the link in the referent's summary card carries a signed token.
  server.get('/certification/results/:sessionId/:schoolId/:division/:file', async (req: restify.Request, res: restify.Response) => {
    const { sessionId, schoolId, division, file } = req.params as { sessionId: string; schoolId: string; division: string; file: string };
    const answer = await classResultsFile({ ref: { sessionId, schoolId, division }, token: file.replace(/\.csv$/, ''), deps: app.certification });
    if (answer.status === 404) {
      res.send(404, resultsLinkRefusal(answer.reason, app.certification.resultLinks.ttlHours));
      return;
    }
    sendCsv(res, answer.filename, answer.csv);
  });

  // A class's chart for a campaign results card: the link carries a signed token, and its language.
  server.get('/charts/:id/:lang/:file', async (req: restify.Request, res: restify.Response) => {
    const { id, lang, file } = req.params as { id: string; lang: string; file: string };
    const answer = await app.charts.serve(id, lang, file);
    if (answer.status === 404) {
      res.send(404, answer.body);
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': answer.png.length, 'cache-control': 'private, max-age=300' });
    res.end(answer.png);
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, next: () => void) => {
    app.logger.warn({ path: req.path(), status: err.statusCode, err: err.message }, 'request refused');
    next();
  });
  return server;
}
