/** How every `partix` subcommand speaks: human text or --json, and a non-zero exit on failure. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
/** The project's folder (content/, manifest/, package.json), from the sources or from dist/. */
export const projectRoot = resolve(dirname(here), here.includes('/dist/') ? '../..' : '..');

export interface Output {
  json: boolean;
}

export function print(out: Output, human: string, data: unknown): void {
  process.stdout.write(out.json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
}

export function fail(out: Output, message: string, details: string[] = []): never {
  if (out.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message, details }, null, 2)}\n`);
  else process.stderr.write(`${message}${details.length ? `\n- ${details.join('\n- ')}` : ''}\n`);
  process.exit(1);
}

export function integer(out: Output, name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(out, `--${name} : un entier entre ${min} et ${max} est attendu (reçu « ${value} »).`);
  return n;
}

export function decimal(out: Output, name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) fail(out, `--${name} : un nombre entre ${min} et ${max} est attendu (reçu « ${value} »).`);
  return n;
}
