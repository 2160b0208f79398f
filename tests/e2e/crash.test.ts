/**
 * Layer: whole process. The bot is killed (SIGKILL) in the middle of a test; after a restart on the
 * same SQLite file, every recorded answer is there and the student resumes on the same question.
 */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { actionNamed, cardText, type TestBot } from '../helpers/chat.js';
import { ConnectorStub } from '../helpers/connector.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { BotProcesses, exited } from '../helpers/process.js';
import { tempDir } from '../helpers/temp.js';
import { Conversation } from '../helpers/conversation.js';
import { Student } from '../helpers/chat.js';
import { loadFramework } from '../../src/framework/loader.js';

const bots = new BotProcesses();
afterAll(() => bots.cleanUp());

test('a process killed in the middle of a test loses no recorded answer', async () => {
  const dir = tempDir('partix-crash-');
  const env = { DATABASE_URL: join(dir, 'partix.sqlite'), UPLOAD_DIR: join(dir, 'uploads'), CONTENT_DIR: buildTestContent() };
  bots.own(dir, env.CONTENT_DIR);
  const connector = new ConnectorStub();
  const connectorUrl = await connector.start();
  const framework = loadFramework(env.CONTENT_DIR);

  let running = await bots.start(env);
  // The chat helpers only need the URLs, the framework (as the tests' oracle) and a clock.
  const bot = { url: running.url, connector, connectorUrl, app: { framework }, clock: { now: new Date() } } as unknown as TestBot;
  const chat = new Conversation(bot, new Student(bot));
  await chat.play([['commencer 1.1', [/Question 1/]]]);
  for (let i = 0; i < 3; i++) await chat.step({ click: 'answer', answer: i === 1 ? 'wrong' : 'right' });
  const pending = chat.pendingChallenge().id;

  await exited(running.child, 'SIGKILL');

  const db = new SQLite(env.DATABASE_URL, { readonly: true });
  const answers = db.prepare('select status from answers order by created_at').all() as Array<{ status: string }>;
  db.close();
  expect(answers.map((a) => a.status)).toEqual(['ok', 'ko', 'ok']);

  running = await bots.start(env);
  (bot as { url: string }).url = running.url;
  await chat.play([['commencer 1.1', [/Question 4/]]]);
  expect(actionNamed(chat.cardWith('answer').card, 'answer').data.challengeId).toBe(pending);
  expect(cardText(chat.last.cards[0]!.card)).toMatch(/Valider/);
  // A clean stop: SIGTERM finishes what is in flight, closes the store and exits 0.
  expect(await exited(running.child, 'SIGTERM')).toBe(0);
  await connector.stop();
}, 60_000);
