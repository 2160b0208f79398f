/**
 * Throughput and latency of a student's answer turn (Action.Execute on a challenge card: check the
 * answer, infer knowledge, pick the next challenge, store it all, send the next card), against a bare
 * botbuilder + restify echo bot given the same request envelope, in the same run, alternated round
 * by round. Each server runs in a process of its own, and the load (students and the connector stub
 * that receives the replies) in another, so that the server's CPU per turn is its own. Then the
 * start-up of `node dist/src/index.js` to its first healthy /health, and its memory at rest.
 * Prints figures and ratios; not a test.
 *
 *   npm run bench                        (SQLite; 50 concurrent students, 2 rounds of 3000 turns each side)
 *   npm run bench -- --pg                (SQLite, then PostgreSQL on a database of its own, dropped after)
 *   npm run bench -- --pg --no-sqlite    (PostgreSQL only)
 *   npm run bench -- --students 16 --turns 5000 --rounds 3 --no-build --starts 0
 *   npm run bench -- --start-only        (only the start-up and the memory at rest)
 *   npm run bench -- --profile /tmp/prof  (a CPU profile of each server under the load: /tmp/prof/echo, /tmp/prof/partix)
 *   npm run bench -- --alloc-profile /tmp/alloc  (what each server allocates: /tmp/alloc/echo-….heapprofile, /tmp/alloc/partix-…)
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadFramework } from '../src/framework/loader.js';
import type { LoadRequest, LoadResult } from './answer-turn/load.js';
import type { ServerMessage } from './answer-turn/server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const STUDENTS = arg('students', 50);
const TURNS = arg('turns', 3000);
const ROUNDS = arg('rounds', 2);
const WARMUP = arg('warmup', 1000);
const STARTS = arg('starts', 3);
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';
const TSX = ['--import', 'tsx'];
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => ok(port));
    });
    probe.on('error', fail);
  });
}

/** The node options of `npm start` (package.json), so that the start measured is the one deployed. */
const START_FLAGS = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((w) => w.startsWith('--'));
/** --profile DIR: a CPU profile of the Partix server (node --cpu-prof), written when it stops. */
const PROFILE = process.argv.includes('--profile') ? resolve(process.argv[process.argv.indexOf('--profile') + 1]!) : null;
/** --alloc-profile DIR: what each server allocates under the load, collected or not (a sampling heap profile), written when it stops. */
const ALLOC_PROFILE = process.argv.includes('--alloc-profile') ? resolve(process.argv[process.argv.indexOf('--alloc-profile') + 1]!) : null;

const here = (file: string) => resolve(import.meta.dirname, 'answer-turn', file);

function once<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((ok, fail) => {
    const onExit = (code: number | null) => fail(new Error(`${what} exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      ok(m as T);
    });
  });
}

async function startServer(kind: 'echo' | 'partix', env: Record<string, string>) {
  // Partix runs with the node options of `npm start`; the echo bot with node's defaults.
  const prof = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, kind)}`] : [];
  const execArgv = kind === 'partix' ? [...START_FLAGS, ...TSX, ...prof] : [...TSX, ...prof];
  const child = fork(here('server.ts'), [], { execArgv, env: { ...process.env, ...env, BENCH_KIND: kind, ...(ALLOC_PROFILE ? { BENCH_ALLOC_PROFILE: join(ALLOC_PROFILE, `${kind}-${Date.now()}.heapprofile`) } : {}) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { ready } = await once<{ ready: number }>(child, `${kind} server`);
  const usage = async () => (await (child.send('usage'), once<Extract<ServerMessage, { usage: unknown }>>(child, `${kind} server`)));
  const stop = () => new Promise<void>((ok) => (child.once('exit', () => ok()), child.send('stop')));
  return { kind, url: `http://127.0.0.1:${ready}`, usage, stop };
}
type Server = Awaited<ReturnType<typeof startServer>>;

interface Side {
  latencies: number[];
  seconds: number;
  turns: number;
  cpuMs: number;
  gcMs: number;
  statements: number;
  loadCpuMs: number;
  /** CPU time of the PostgreSQL server's processes meanwhile (null on SQLite, which runs in the bot's process). */
  dbCpuMs: number | null;
  failures: number;
}

const TICKS_PER_SECOND = 100;

/** CPU time (ms) of every process named postgres on this machine (utime + stime of /proc/PID/stat), or null when /proc has none. */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // The process ended meanwhile.
    }
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : null;
}

async function measure(load: ChildProcess, server: Server, turns: number, side?: Side, pgDb = false): Promise<void> {
  const before = await server.usage();
  const dbBefore = pgDb ? postgresCpuMs() : null;
  load.send({ url: server.url, kind: server.kind, turns, students: STUDENTS } satisfies LoadRequest);
  const result = await once<LoadResult>(load, 'load');
  const after = await server.usage();
  const dbAfter = pgDb ? postgresCpuMs() : null;
  if (!side) return;
  if (dbBefore !== null && dbAfter !== null) side.dbCpuMs = (side.dbCpuMs ?? 0) + dbAfter - dbBefore;
  side.latencies.push(...result.latencies);
  side.seconds += result.seconds;
  side.turns += result.latencies.length + result.other;
  side.failures += result.failures;
  side.loadCpuMs += result.cpuMs;
  side.cpuMs += (after.usage.user + after.usage.system - before.usage.user - before.usage.system) / 1000;
  side.gcMs += after.gcMs - before.gcMs;
  side.statements += after.statements - before.statements;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function summary(side: Side) {
  const sorted = [...side.latencies].sort((a, b) => a - b);
  return { perSecond: side.turns / side.seconds, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), cpu: side.cpuMs / side.turns, gc: side.gcMs / side.turns, statements: side.statements / side.turns, dbCpu: side.dbCpuMs === null ? null : side.dbCpuMs / side.turns, serverBusy: side.cpuMs / 10 / side.seconds, loadBusy: side.loadCpuMs / 10 / side.seconds };
}

async function benchDialect(name: string, databaseUrl: string, contentDir: string) {
  const pgDb = databaseUrl.startsWith('postgres');
  const env = { DATABASE_URL: databaseUrl, CONTENT_DIR: contentDir };
  const [echo, partix] = await Promise.all([startServer('echo', env), startServer('partix', env)]);
  const load = fork(here('load.ts'), [], { execArgv: TSX, env: { ...process.env, CONTENT_DIR: contentDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await once(load, 'load');
  try {
    // Warm up both, so that neither the JIT nor the database's caches favour the one measured second.
    await measure(load, echo, WARMUP);
    await measure(load, partix, WARMUP);
    const sides = { echo: newSide(), partix: newSide() };
    for (let round = 0; round < ROUNDS; round++) {
      await measure(load, echo, TURNS, sides.echo, pgDb);
      await measure(load, partix, TURNS, sides.partix, pgDb);
    }
    const rest = await partix.usage();
    return { name, echo: summary(sides.echo), partix: summary(sides.partix), failures: sides.partix.failures + sides.echo.failures, starts: sides.partix.turns - sides.partix.latencies.length, rss: rest.memory.rss };
  } finally {
    load.send('stop');
    await Promise.all([echo.stop(), partix.stop()]);
  }
}

const newSide = (): Side => ({ latencies: [], seconds: 0, turns: 0, cpuMs: 0, gcMs: 0, statements: 0, loadCpuMs: 0, dbCpuMs: null, failures: 0 });

/** `node dist/src/index.js` as `npm start` runs it: time to the first 200 on /health, then memory at rest. */
async function startUp(dir: string, contentDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, '--import', here('probe.mjs'), 'dist/src/index.js'], {
    env: { ...process.env, DATABASE_URL: join(dir, `start-${randomUUID()}.sqlite`), CONTENT_DIR: contentDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', UPLOAD_DIR: join(dir, 'uploads') },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let healthy = 0;
  while (!healthy) {
    if (child.exitCode !== null) throw new Error(`partix exited (${child.exitCode}) during start-up`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) healthy = performance.now() - t0;
    } catch {
      await new Promise((ok) => setTimeout(ok, 5));
    }
  }
  // CPU time to get there: what the start costs, however busy the machine is.
  child.send('cpu');
  const { cpu } = await once<{ cpu: NodeJS.CpuUsage }>(child, 'partix');
  // At rest: the start's garbage is collectable, as it is a few seconds into a quiet process.
  await new Promise((ok) => setTimeout(ok, 4000));
  child.send('memory');
  const { memory, spaces } = await once<{ memory: NodeJS.MemoryUsage; spaces: Record<string, number> }>(child, 'partix');
  child.kill('SIGTERM');
  await new Promise((ok) => child.once('exit', ok));
  return { healthy, cpu: (cpu.user + cpu.system) / 1000, memory, spaces };
}

async function main() {
  let contentDir = resolve('content');
  let bank = 'real item bank (content/)';
  try {
    loadFramework(contentDir);
  } catch {
    const { buildTestContent } = await import('../tests/helpers/content-builder.js');
    contentDir = buildTestContent();
    bank = 'synthetic test bank (content/ did not load)';
  }
  if (!flag('no-build')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'partix-bench-'));
  const results = [];
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    if (!flag('start-only') && !flag('no-sqlite')) results.push(await benchDialect('SQLite', join(dir, 'bench.sqlite'), contentDir));
    if (flag('pg') && !flag('start-only')) {
      const database = `partix_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await admin.connect();
      await admin.query(`create database ${database}`);
      try {
        results.push(await benchDialect('PostgreSQL', `postgres://postgres@127.0.0.1:5432/${database}`, contentDir));
      } finally {
        await admin.query(`drop database if exists ${database} with (force)`);
      }
    }
    const starts = [];
    for (let i = 0; i < STARTS; i++) starts.push(await startUp(dir, contentDir));

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`\nAnswer turn — ${STUDENTS} concurrent students, ${ROUNDS} rounds × ${TURNS} turns each side (after ${WARMUP} to warm up), ${bank}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`);
    console.log('| store | bot | turns/s | p50 | p95 | p99 | server CPU per turn | of which GC pauses | PostgreSQL statements per turn | PostgreSQL CPU per turn | server / load busy |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      for (const [name, f] of [['echo', r.echo], ['Partix answer turn', r.partix]] as const) {
        const pgOnly = (text: string) => (f.dbCpu === null ? '–' : text);
        console.log(
          `| ${r.name} | ${name} | ${f.perSecond.toFixed(0)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${f.cpu.toFixed(2)} ms | ${f.gc.toFixed(2)} ms | ${pgOnly(f.statements.toFixed(2))} | ${pgOnly(`${f.dbCpu?.toFixed(2)} ms`)} | ${f.serverBusy.toFixed(0)} % / ${f.loadBusy.toFixed(0)} % |`,
        );
      }
    }
    for (const r of results) {
      console.log(
        `${r.name}: Partix / echo throughput ×${(r.partix.perSecond / r.echo.perSecond).toFixed(2)} (goal ≥ 0.5), p99 ×${(r.partix.p99 / r.echo.p99).toFixed(2)} (goal ≤ 2), CPU per turn ×${(r.partix.cpu / r.echo.cpu).toFixed(1)}; ${r.starts} of Partix's turns started a competence; ${r.failures} failed turns; server RSS after the load ${(r.rss / 2 ** 20).toFixed(0)} MB`,
      );
    }
    if (starts.length === 0) return;
    const mb = (x: number) => `${(x / 2 ** 20).toFixed(0)} MB`;
    const healthy = starts.map((s) => s.healthy).sort((a, b) => a - b);
    const rest = starts.at(-1)!;
    console.log(`Start-up of node ${START_FLAGS.join(' ')} dist/src/index.js to the first healthy /health (${STARTS} starts): ${healthy.map((h) => ms(h)).join(', ')} (goal < 1000 ms); CPU time to get there ${starts.map((s) => ms(s.cpu)).join(', ')}`);
    console.log(
      `At rest 4 s later: RSS ${mb(rest.memory.rss)} (goal < 150 MB), heap used ${mb(rest.memory.heapUsed)} of ${mb(rest.memory.heapTotal)}, external ${mb(rest.memory.external)}, array buffers ${mb(rest.memory.arrayBuffers)}; heap spaces: ${Object.entries(rest.spaces).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`,
    );
  } finally {
    await admin.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    if (bank.startsWith('synthetic')) rmSync(contentDir, { recursive: true, force: true });
  }
}

await main();
