/**
 * Layer: whole process. The bot is killed (SIGKILL) in the middle of a test; after a restart on the
 * same SQLite file, every recorded answer is there and the student resumes on the same question.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { actionNamed, cardText, type TestBot } from '../helpers/chat.js';
import { ConnectorStub } from '../helpers/connector.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';
import { Conversation } from '../helpers/conversation.js';
import { Student } from '../helpers/chat.js';
import { loadFramework } from '../../src/framework/loader.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
// A child still running could write into its folder after it is removed: it is gone first.
afterAll(async () => {
  await Promise.all(children.map((child) => exited(child, 'SIGKILL')));
  dirs.forEach(removeTempDir);
});

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill(signal);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  await new Promise((ok) => server.close(ok));
  return port;
}

async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('the bot did not start');
}

test('a process killed in the middle of a test loses no recorded answer', async () => {
  const dir = tempDir('partix-crash-');
  const env = { DATABASE_URL: join(dir, 'partix.sqlite'), UPLOAD_DIR: join(dir, 'uploads'), CONTENT_DIR: buildTestContent() };
  dirs.push(dir, env.CONTENT_DIR);
  const connector = new ConnectorStub();
  const connectorUrl = await connector.start();
  const framework = loadFramework(env.CONTENT_DIR);

  let running = await startProcess(env);
  // The chat helpers only need the URLs, the framework (as the tests' oracle) and a clock.
  const bot = { url: running.url, connector, connectorUrl, app: { framework }, clock: { now: new Date() } } as unknown as TestBot;
  const chat = new Conversation(bot, new Student(bot));
  await chat.play([['commencer 1.1', [/Question 1/]]]);
  for (let i = 0; i < 3; i++) await chat.step({ click: 'answer', answer: i === 1 ? 'wrong' : 'right' });
  const pending = chat.pendingChallenge().id;

  running.child.kill('SIGKILL');
  await new Promise((ok) => running.child.once('exit', ok));

  const db = new SQLite(env.DATABASE_URL, { readonly: true });
  const answers = db.prepare('select status from answers order by created_at').all() as Array<{ status: string }>;
  db.close();
  expect(answers.map((a) => a.status)).toEqual(['ok', 'ko', 'ok']);

  running = await startProcess(env);
  (bot as { url: string }).url = running.url;
  await chat.play([['commencer 1.1', [/Question 4/]]]);
  expect(actionNamed(chat.cardWith('answer').card, 'answer').data.challengeId).toBe(pending);
  expect(cardText(chat.last.cards[0]!.card)).toMatch(/Valider/);
  // A clean stop: SIGTERM finishes what is in flight, closes the store and exits 0.
  const exited = new Promise<number | null>((ok) => running.child.once('exit', (code) => ok(code)));
  running.child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await connector.stop();
}, 60_000);
