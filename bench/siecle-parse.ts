/**
 * Benchmark of reading a SIECLE export: a 20,000-student XML (about the 20 MiB limit, ten times a
 * large lycée) and the same students as CSV, generated with the shared gen-siecle.mjs.
 * Prints elapsed time, students per second and the peak resident memory above the baseline taken
 * just before parsing. Each format is measured in a fresh child process, since the kernel's
 * maxRSS is a high-water mark for a process's whole life.
 *
 *   npx tsx bench/siecle-parse.ts [--students 20000]
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseSiecleExport } from '../src/schools/siecle/parse.js';

const GENERATOR = fileURLToPath(new URL('../../shared/tools/gen-siecle.mjs', import.meta.url));
const MIB = 1024 * 1024;
const DEFAULT_LIMIT = 20 * MIB;

interface Measure {
  format: string;
  bytes: number;
  students: number;
  skipped: number;
  errors: number;
  ms: number;
  baselineRss: number;
  peakRss: number;
  sampledPeakRss: number;
  heapUsedAfter: number;
}

async function measure(path: string): Promise<Measure> {
  const bytes = statSync(path).size;
  // Settle what importing and JIT warm-up cost, so that the baseline is the parser's starting point.
  globalThis.gc?.();
  const baselineRss = process.memoryUsage.rss();
  let sampledPeakRss = baselineRss;
  const sampler = setInterval(() => (sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss())), 2);
  const start = performance.now();
  const parsed = await parseSiecleExport({ path }, { expectedUaj: '0860001A', maxBytes: Math.max(DEFAULT_LIMIT, bytes) });
  const ms = performance.now() - start;
  clearInterval(sampler);
  return {
    format: parsed.format, bytes, students: parsed.students.length, skipped: parsed.skipped.length, errors: parsed.errors.length, ms,
    baselineRss, peakRss: process.resourceUsage().maxRSS * 1024, sampledPeakRss, heapUsedAfter: process.memoryUsage().heapUsed,
  };
}

function inChild(path: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', path], { execArgv: [...process.execArgv, '--expose-gc'] });
    child.once('message', (message) => resolve(message as Measure));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`measuring ${path} exited with ${code}`))));
  });
}

function report(m: Measure): string {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
  return [
    `${m.format.toUpperCase().padEnd(4)} ${mib(m.bytes).padStart(9)}  ${m.students} students (+${m.skipped} skipped, ${m.errors} errors)`,
    `     ${m.ms.toFixed(0)} ms, ${Math.round(m.students / (m.ms / 1000)).toLocaleString('en')} students/s, ${(m.bytes / MIB / (m.ms / 1000)).toFixed(1)} MiB/s`,
    `     RSS baseline ${mib(m.baselineRss)}, peak ${mib(m.peakRss)} (+${mib(m.peakRss - m.baselineRss)}; sampled peak +${mib(m.sampledPeakRss - m.baselineRss)}), heap after ${mib(m.heapUsedAfter)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const measureIndex = process.argv.indexOf('--measure');
  const target = process.argv[measureIndex + 1];
  if (measureIndex !== -1 && target) {
    process.send?.(await measure(target));
    return;
  }
  const studentsIndex = process.argv.indexOf('--students');
  const students = studentsIndex === -1 ? '20000' : (process.argv[studentsIndex + 1] ?? '20000');
  const dir = mkdtempSync(join(tmpdir(), 'partix-bench-siecle-'));
  try {
    const xml = join(dir, 'ElevesSansAdresses.xml');
    const csv = join(dir, 'eleves.csv');
    execFileSync(process.execPath, [GENERATOR, '--students', students, '--seed', '1', '--out', xml], { stdio: 'ignore' });
    execFileSync(process.execPath, [GENERATOR, '--students', students, '--seed', '1', '--format', 'csv', '--out', csv], { stdio: 'ignore' });
    console.log(`SIECLE parse, ${students} generated students, Node ${process.version}`);
    for (const path of [xml, csv]) console.log(report(await inChild(path)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
