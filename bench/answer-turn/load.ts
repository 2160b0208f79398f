/**
 * The load side of `npm run bench`, in a process of its own: students who answer challenges as Teams
 * would (Action.Execute invokes over HTTP), and the connector stub that receives the bot's replies.
 * The driver tells it which server to load and how many turns; it answers with every latency.
 */
import { loadFramework } from '../../src/framework/loader.js';
import type { Framework } from '../../src/framework/model.js';
import { inputsFor } from '../../tests/helpers/answers.js';
import { actionNamed, Student, type CardJson, type TestBot } from '../../tests/helpers/chat.js';
import { ConnectorStub } from '../../tests/helpers/connector.js';

export type LoadRequest = { url: string; kind: 'echo' | 'partix'; turns: number; students: number };
/** latencies: of the measured turns (answers); other: turns posted besides (a student starting a competence). */
export type LoadResult = { latencies: number[]; seconds: number; other: number; failures: number; cpuMs: number };

const framework: Framework = loadFramework(process.env.CONTENT_DIR!);
const competences = [...framework.competences.keys()];
const connector = new ConnectorStub();
const connectorUrl = await connector.start();

// Students are kept per server between runs: a Partix student goes on with their test.
type Learner = { student: Student; card: CardJson | null; next: number };
const learners = new Map<string, Learner[]>();

function botAt(url: string): TestBot {
  return { url, connectorUrl, connector, clock: { get now() { return new Date(); } } } as unknown as TestBot;
}

async function begin(bot: TestBot, l: Learner): Promise<void> {
  // A student who went through every competence starts again under a new Teams account.
  if (l.next >= competences.length) {
    l.student = new Student(bot);
    l.next = 0;
  }
  const reply = await l.student.say(`commencer ${competences[l.next++]}`);
  l.card = reply.cards.at(-1)?.card ?? null;
}

async function turn(bot: TestBot, kind: LoadRequest['kind'], l: Learner): Promise<{ ms: number; other: number }> {
  if (kind === 'echo') {
    const t0 = performance.now();
    const reply = await l.student.execute({ verb: 'answer', assessmentId: 'x', challengeId: 'y' }, { choice: '1' });
    if (reply.status !== 200) throw new Error(`echo answered ${reply.status}`);
    return { ms: performance.now() - t0, other: 0 };
  }
  let other = 0;
  if (!l.card) {
    await begin(bot, l);
    other++;
  }
  const action = actionNamed(l.card!, 'answer');
  const challenge = framework.challenges.get(action.data.challengeId as string)!;
  const t0 = performance.now();
  const reply = await l.student.execute(action.data, inputsFor(challenge, Math.random() < 0.6 ? 'right' : 'wrong'));
  const ms = performance.now() - t0;
  if (reply.status !== 200 || reply.invoke?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`Partix answered ${reply.status} ${JSON.stringify(reply.invoke)}`);
  const next = reply.cards.at(-1)?.card;
  l.card = next && cardActionsHaveAnswer(next) ? next : null;
  return { ms, other };
}

function cardActionsHaveAnswer(card: CardJson): boolean {
  try {
    actionNamed(card, 'answer');
    return true;
  } catch {
    return false;
  }
}

async function run({ url, kind, turns, students }: LoadRequest): Promise<LoadResult> {
  const bot = botAt(url);
  let list = learners.get(url);
  if (!list) learners.set(url, (list = Array.from({ length: students }, () => ({ student: new Student(bot), card: null, next: 0 }))));
  const latencies: number[] = [];
  let started = 0;
  let other = 0;
  let failures = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    list.map(async (l) => {
      while (started < turns) {
        started++;
        try {
          const t = await turn(bot, kind, l);
          latencies.push(t.ms);
          other += t.other;
        } catch (error) {
          failures++;
          if (failures <= 3) process.stderr.write(`turn failed: ${(error as Error).message.slice(0, 300)}\n`);
          l.card = null;
          if (failures > 10) throw error;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { latencies, seconds: (performance.now() - t0) / 1000, other, failures, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (request: LoadRequest | 'stop') => {
  if (request === 'stop') {
    void connector.stop().then(() => process.exit(0));
    return;
  }
  run(request).then(
    (result) => process.send!(result),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
});
process.send!('ready');
