/** Shared by the SIECLE tests: where the fixtures are and how a school parses them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSiecleExport, type ParseOptions } from '../../src/schools/siecle/parse.js';
import { SiecleFileError, type ParsedExport } from '../../src/schools/siecle/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/siecle/', import.meta.url));
export const UAJ = '0860001A';
export const MAX_BYTES = 20 * 1024 * 1024;

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function parse(path: string, options: Partial<ParseOptions> & { fileName?: string } = {}): Promise<ParsedExport> {
  const { fileName, ...rest } = options;
  return parseSiecleExport({ path, ...(fileName ? { fileName } : {}) }, { expectedUaj: UAJ, maxBytes: MAX_BYTES, ...rest });
}

/** The SiecleFileError a parse is refused with (fails the test if it is not refused so). */
export async function refusal(path: string, options: Partial<ParseOptions> & { fileName?: string } = {}): Promise<SiecleFileError> {
  try {
    await parse(path, options);
  } catch (error) {
    if (error instanceof SiecleFileError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'partix-siecle-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
