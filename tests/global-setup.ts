/**
 * Keeps a test run from leaving anything behind. The run gets a temporary folder of its own, made
 * TMPDIR for every test process and every process a test starts; each test removes what it makes,
 * and at the end the folder must be empty, and no PostgreSQL database named for this run may be
 * left. Anything left is listed, the run fails, and it is removed anyway so that the next run
 * starts clean.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN_URL, RUN_ENV } from './helpers/postgres.js';

/** tsx's compile cache, made by the bot processes the e2e and CLI tests start: a tool's, not a test's. */
const TOOL_CACHES = new Set([`tsx-${userInfo().uid}`]);

let runDir = '';
let previousTmpdir: string | undefined;

export function setup(): void {
  runDir = mkdtempSync(join(tmpdir(), 'partix-test-run-'));
  previousTmpdir = process.env.TMPDIR;
  // Set before vitest forks its workers, which inherit it (os.tmpdir() reads TMPDIR at each call).
  process.env.TMPDIR = runDir;
  process.env[RUN_ENV] = randomBytes(4).toString('hex');
}

export async function teardown(): Promise<void> {
  const left = readdirSync(runDir).filter((name) => !TOOL_CACHES.has(name)).map((name) => `${name} (${size(join(runDir, name))})`);
  const databases = await leftDatabases(process.env[RUN_ENV]!);
  rmSync(runDir, { recursive: true, force: true });
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  if (left.length === 0 && databases.length === 0) return;
  const lines = [
    ...(left.length ? [`${left.length} temporary file(s) or folder(s) left by the tests (now removed):`, ...left.map((l) => `  ${l}`)] : []),
    ...(databases.length ? [`${databases.length} PostgreSQL database(s) left by the tests (now dropped):`, ...databases.map((d) => `  ${d}`)] : []),
    'Each test must remove what it makes (tests/helpers/temp.ts, TestBot.close, database.drop).',
  ];
  process.stderr.write(`\n\x1b[41m\x1b[37m LEFT BEHIND \x1b[0m ${lines.join('\n')}\n\n`);
  // Not thrown: vitest only logs an error thrown at teardown, and exits 0.
  process.exitCode = 1;
}

function size(path: string): string {
  let bytes = 0;
  const walk = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else bytes += s.size;
  };
  walk(path);
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Databases made by freshDatabase during this run and not dropped; none when PostgreSQL is down. */
async function leftDatabases(run: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return [];
  }
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`%\\_${run}\\_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    return rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}
