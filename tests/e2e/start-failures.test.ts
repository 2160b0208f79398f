/**
 * Layer: the whole process (`tsx src/index.ts`). A start that cannot work stops at once with its own
 * exit code and says why on stderr, so that a school's IT admin (or systemd, or a container's
 * restart policy) sees a broken deployment instead of a bot that answers every message with an
 * error: 2 a configuration that does not parse, 3 content that does not load, 5 a chat edge
 * (botbuilder) that cannot be loaded.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTempDir, tempDir } from '../helpers/temp.js';

const dir = tempDir('partix-start-failures-');
afterAll(() => removeTempDir(dir));

/** Runs the bot until it exits by itself (a minute at most); its exit code and stderr. */
function run(env: Record<string, string>, nodeOptions: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'src/index.ts'], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: join(dir, `${Math.random()}.sqlite`), UPLOAD_DIR: join(dir, 'uploads'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the bot did not stop by itself:\n${stderr.slice(-2000)}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stderr });
    });
  });
}

describe('a start that cannot work stops with its code and says why', () => {
  test('2: a setting that does not parse is named, with where to look', async () => {
    const { code, stderr } = await run({ PORT: 'quatre-vingts' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Configuration invalide \/ invalid configuration/);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/Voir \/ see \.env\.example/);
  });

  test('3: content that does not load names the file and the command that checks it', async () => {
    const empty = join(dir, 'empty-content');
    mkdirSync(empty, { recursive: true });
    const { code, stderr } = await run({ CONTENT_DIR: empty });
    expect(code).toBe(3);
    expect(stderr).toMatch(/framework\.json/);
    expect(stderr).toMatch(/partix content check/);
  });

  test('5: a chat edge that cannot be loaded (botbuilder missing) stops the bot once it listens', async () => {
    // A module hook that makes botbuilder unresolvable, as a broken install would.
    const hooks = join(dir, 'no-botbuilder.mjs');
    writeFileSync(
      hooks,
      "export async function resolve(specifier, context, next) {\n  if (specifier === 'botbuilder') throw new Error('Cannot find package botbuilder (test)');\n  return next(specifier, context);\n}\n",
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const { code, stderr } = await run({}, ['--import', pathToFileURL(register).href]);
    expect(code).toBe(5);
    expect(stderr).toMatch(/Partix is listening/);
    expect(stderr).toMatch(/the chat edge could not be loaded/);
    expect(stderr).toMatch(/Cannot find package botbuilder \(test\)/);
  });
});
