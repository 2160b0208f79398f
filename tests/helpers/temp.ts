/**
 * Temporary folders of one test file. Each is removed by its owner as soon as it is done with it,
 * or else when the file ends (tests/setup.ts), so that a test that fails halfway leaves nothing
 * either: tests/global-setup.ts fails the run if anything is left in the temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

export function removeTempDirs(): void {
  for (const dir of made) removeTempDir(dir);
}
