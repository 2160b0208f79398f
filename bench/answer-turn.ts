/**
 * Throughput and latency of a student's answer turn (Action.Execute on a challenge card: check the
 * answer, infer knowledge, pick the next challenge, store it all, send the next card), against a bare
 * echo bot on the same stack, in the same run. Prints figures and ratios; not a test.
 *
 *   npm run bench                 (defaults: 8 concurrent students, 3000 turns each side)
 *   npm run bench -- --students 16 --turns 5000
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createEchoEndpoint } from '../src/teams/echo.js';
import { loadFramework } from '../src/framework/loader.js';
import { actionNamed, startTestBot, Student, type BotReply, type TestBot } from '../tests/helpers/chat.js';
import { ConnectorStub } from '../tests/helpers/connector.js';
import { inputsFor } from '../tests/helpers/answers.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STUDENTS = arg('students', 8);
const TURNS = arg('turns', 3000);

interface Figures {
  turns: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

function figures(latencies: number[], seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { turns: latencies.length, seconds, perSecond: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function run(turns: number, students: number, turn: (student: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: students }, async (_, s) => {
      while (next < turns) {
        next++;
        const t0 = performance.now();
        await turn(s);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return figures(latencies, (performance.now() - started) / 1000);
}

async function echoServer(connectorUrl: string) {
  const config = parseConfig({ LOG_LEVEL: 'silent' });
  const endpoint = createEchoEndpoint(config, createLogger('silent'));
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => endpoint.handle(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connectorUrl };
}

async function main() {
  let contentDir = resolve('content');
  let bank = 'real item bank (content/)';
  try {
    loadFramework(contentDir);
  } catch {
    const { buildTestContent } = await import('../tests/helpers/content-builder.js');
    contentDir = buildTestContent();
    bank = 'synthetic test bank (content/ did not load)';
  }
  const bot: TestBot = await startTestBot({ CONTENT_DIR: contentDir, DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'partix-bench-')), 'bench.sqlite') });
  const connector = new ConnectorStub();
  const echo = await echoServer(await connector.start());
  const echoBot = { url: echo.url, connectorUrl: echo.connectorUrl, connector, clock: { now: new Date() } } as unknown as TestBot;

  // Warm up both, so that JIT and SQLite caches do not favour the second run.
  const warm = new Student(echoBot);
  for (let i = 0; i < 200; i++) await warm.execute({ verb: 'answer' }, { choice: '1' });

  const echoStudents = Array.from({ length: STUDENTS }, () => new Student(echoBot));
  const echoFigures = await run(TURNS, STUDENTS, async (s) => {
    const reply = await echoStudents[s]!.execute({ verb: 'answer', assessmentId: 'x', challengeId: 'y' }, { choice: '1' });
    if (reply.status !== 200) throw new Error(`echo answered ${reply.status}`);
  });

  const competences = [...bot.app.framework.competences.keys()];
  const students = Array.from({ length: STUDENTS }, () => ({ student: new Student(bot), card: null as BotReply['cards'][number]['card'] | null, next: 0 }));
  const begin = async (s: (typeof students)[number]) => {
    // A student who finished every competence starts again under a new Teams account.
    if (s.next >= competences.length) {
      s.student = new Student(bot);
      s.next = 0;
    }
    const reply = await s.student.say(`commencer ${competences[s.next++]}`);
    s.card = reply.cards.at(-1)?.card ?? null;
  };
  for (const s of students) await begin(s);
  let answerTurns = 0;
  const partixFigures = await run(TURNS, STUDENTS, async (i) => {
    const s = students[i]!;
    const action = actionNamed(s.card!, 'answer');
    const challenge = bot.app.framework.challenges.get(action.data.challengeId as string)!;
    const reply = await s.student.execute(action.data, inputsFor(challenge, Math.random() < 0.6 ? 'right' : 'wrong'));
    answerTurns++;
    const nextCard = reply.cards.at(-1)?.card;
    if (nextCard && /"verb":"answer"/.test(JSON.stringify(nextCard))) s.card = nextCard;
    else await begin(s);
  });

  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const row = (name: string, f: Figures) =>
    `| ${name} | ${f.turns} | ${f.perSecond.toFixed(0)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} |`;
  console.log(`Answer turn benchmark — ${STUDENTS} concurrent students, ${TURNS} turns each side, ${bank}, SQLite, Node ${process.version}`);
  console.log('| bot | turns | turns/s | p50 | p95 | p99 |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('echo bot (baseline)', echoFigures));
  console.log(row('Partix answer turn', partixFigures));
  console.log(
    `Partix / echo: throughput ×${(partixFigures.perSecond / echoFigures.perSecond).toFixed(2)}, p50 latency ×${(partixFigures.p50 / echoFigures.p50).toFixed(2)}, p99 latency ×${(partixFigures.p99 / echoFigures.p99).toFixed(2)} (${answerTurns} answers recorded)`,
  );
  await bot.close();
  echo.server.server.closeAllConnections();
  echo.server.close();
  await connector.stop();
}

await main();
