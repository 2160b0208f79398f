/**
 * The server side of `npm run bench`, in a process of its own: Partix (the real app over SQLite or
 * PostgreSQL, jobs on, as `npm start` runs it) or the bare echo bot on the same stack. It tells the
 * driver its port, then its CPU time, memory, time in garbage collection and PostgreSQL statements
 * whenever asked, so that the figures are the server's alone (the load and the connector stub run in
 * another process).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import restify from 'restify';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildServer } from '../../src/server.js';
import { createEchoEndpoint } from '../../src/teams/echo.js';

/** `gcMs`: time spent in garbage collection so far; `statements`: queries sent to PostgreSQL so far. */
export type ServerMessage = { ready: number } | { usage: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage; gcMs: number; statements: number };

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
/**
 * BENCH_LOG_LEVEL=error shows why a turn failed (on stderr) as it happens. By default errors only are
 * kept, in memory, and the first ones told on stderr when the server stops: a turn that failed says
 * why without logging costing CPU meanwhile.
 */
const failures: string[] = [];
const logger = process.env.BENCH_LOG_LEVEL
  ? createLogger(process.env.BENCH_LOG_LEVEL, process.stderr)
  : createLogger('error', { write: (line: string) => void (failures.length < 5 && failures.push(line)) });
/** The collector's pauses, as node's performance timeline tells them (one entry per collection). */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });
/**
 * Every query this process sends to PostgreSQL, counted where pg's client sends it (the bench's own
 * process only: the product is not changed), so that round trips per turn are a figure too.
 */
let statements = 0;
const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return send.apply(this, args);
} as typeof pg.Client.prototype.query;
let server: restify.Server;
let close = async () => {};

if (process.env.BENCH_KIND === 'echo') {
  const endpoint = createEchoEndpoint(config, logger);
  server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => endpoint.handle(req, res));
} else {
  const app = await createApp(config, logger);
  for (const strategy of Object.values(app.assessments.strategies)) strategy.prepare?.(app.framework);
  server = buildServer(app);
  app.scheduler.start();
  close = async () => {
    await app.scheduler.stop();
    await app.store.close();
  };
}

/** BENCH_ALLOC_PROFILE=FILE: every allocation sampled from here on, collected or not, written to FILE on stop. */
const allocations = process.env.BENCH_ALLOC_PROFILE ? await sampleAllocations(process.env.BENCH_ALLOC_PROFILE) : null;

async function sampleAllocations(file: string) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((ok, fail) => session.post(method, params, (error, result) => (error ? fail(error) : ok(result))));
  await post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return async () => {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
  };
}

await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
process.send!({ ready: (server.address() as AddressInfo).port } satisfies ServerMessage);
process.on('message', (message: string) => {
  if (message === 'usage') process.send!({ usage: process.cpuUsage(), memory: process.memoryUsage(), gcMs, statements } satisfies ServerMessage);
  if (message === 'stop') {
    for (const line of failures) process.stderr.write(`${process.env.BENCH_KIND} server: ${line.slice(0, 3000)}`);
    server.server.closeAllConnections();
    server.close(() => void close().then(async () => (await allocations?.(), process.exit(0))));
  }
});
