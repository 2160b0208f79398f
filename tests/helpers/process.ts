/**
 * Whole bots as child processes (`tsx src/index.ts`), for the tests that kill one with SIGKILL. Each
 * file makes its own `BotProcesses`; at its end every child is gone before its folders are removed,
 * since a child still running could write into a folder after it is removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { removeTempDir } from './temp.js';

export interface RunningBot {
  child: ChildProcess;
  url: string;
  /** The last 16 KiB the bot wrote on stderr (read as it comes: an unread pipe that fills up blocks the bot). */
  stderrTail: () => string;
}

const STDERR_TAIL = 16 * 1024;

/** Resolves when the child has exited, sending it `signal` first if it is still running. */
export function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((ok) => {
    child.once('exit', (code) => ok(code));
    child.kill(signal);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  await new Promise((ok) => server.close(ok));
  return port;
}

export class BotProcesses {
  private readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];

  /** Folders (made with tempDir) removed once every child has exited. */
  own(...dirs: string[]): void {
    this.dirs.push(...dirs);
  }

  /** Starts a bot on a free loopback port and waits for a healthy /health. */
  async start(env: Record<string, string>): Promise<RunningBot> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.children.push(child);
    // Writes to a pipe are synchronous on Linux: once its 64 KiB buffer is full and nobody reads it,
    // the bot's event loop stops (no turn, no delivery). Read it, and keep its end for diagnosis.
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-STDERR_TAIL);
    });
    const url = `http://127.0.0.1:${port}`;
    // A minute: on a loaded machine, tsx compiling the sources at start can take 20 s and more.
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) return { child, url, stderrTail: () => tail };
      } catch {
        // not listening yet
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error('the bot did not start');
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.children.map((child) => exited(child, 'SIGKILL')));
    this.dirs.forEach(removeTempDir);
  }
}
