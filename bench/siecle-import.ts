/**
 * Benchmark of a whole SIECLE import job (read, validate, write all students in one transaction into
 * SQLite) for a 20,000-student export, against reading the same file alone, in the same run; then a
 * re-import of the same file (every student unchanged). Prints time and peak memory above the
 * baseline taken before each step. Figures, not a test.
 *
 *   npx tsx bench/siecle-import.ts [--students 20000]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { requestImport, runImport } from '../src/schools/imports.js';
import { addSchool } from '../src/schools/schools.js';
import { parseSiecleExport } from '../src/schools/siecle/parse.js';

const MIB = 1024 * 1024;
const i = process.argv.indexOf('--students');
const STUDENTS = i > 0 ? Number(process.argv[i + 1]) : 20_000;

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakAboveBaseline: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, ms, peakAboveBaseline: peak - baseline };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'partix-import-bench-'));
  try {
    await benchIn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchIn(dir: string) {
  const file = join(dir, 'ElevesSansAdresses.xml');
  // In a child process, so that generating leaves no high-water mark in this one's memory.
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dev', 'siecle', '--students', String(STUDENTS), '--uaj', '0860001A', '--seed', '7', '--out', file], { stdio: 'ignore' });
  const bytes = statSync(file).size;
  const config = parseConfig({ DATABASE_URL: join(dir, 'bench.sqlite'), UPLOAD_DIR: join(dir, 'uploads'), LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', REPORT_SECRET: 'bench-secret-0123456789' });
  const app = await createApp(config, createLogger('silent'));
  await addSchool({ uaj: '0860001A', name: 'Lycée de banc d’essai', deps: app.imports });

  const importOnce = async () => {
    const copy = join(dir, `upload-${Date.now()}.xml`);
    copyFileSync(file, copy);
    const { job } = await requestImport({ userId: null, uaj: '0860001A', fileName: 'ElevesSansAdresses.xml', filePath: copy, deps: app.imports });
    return runImport({ importId: job.id, deps: app.imports });
  };

  const parse = await measure(() => parseSiecleExport({ path: file }, { expectedUaj: '0860001A', maxBytes: Math.max(20 * MIB, bytes) }));
  const first = await measure(importOnce);
  const again = await measure(importOnce);
  await app.store.close();

  const mib = (b: number) => `${(b / MIB).toFixed(1)} MiB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`SIECLE import benchmark — ${STUDENTS} students, ${mib(bytes)} XML (ISO-8859-15), SQLite, Node ${process.version}`);
  console.log('| step | time | students/s | peak memory above baseline |');
  console.log('|---|---|---|---|');
  const kept = parse.result.students.length;
  console.log(`| read and validate only (baseline) | ${s(parse.ms)} | ${Math.round(kept / (parse.ms / 1000))} | ${mib(parse.peakAboveBaseline)} |`);
  console.log(`| first import (${first.result.counts?.imported} added) | ${s(first.ms)} | ${Math.round(kept / (first.ms / 1000))} | ${mib(first.peakAboveBaseline)} |`);
  console.log(`| re-import (${again.result.counts?.unchanged} unchanged) | ${s(again.ms)} | ${Math.round(kept / (again.ms / 1000))} | ${mib(again.peakAboveBaseline)} |`);
  console.log(`Import / read alone: ×${(first.ms / parse.ms).toFixed(2)} time; states: ${first.result.state}, ${again.result.state}`);
}

await main();
