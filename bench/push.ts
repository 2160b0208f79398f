/**
 * A campaign pushed to a whole school: N outbox rows (kind `campaign`, keys `campaign:bench:push:<n>`),
 * delivered by the bot's own delivery job (whole processes, `src/index.ts`, the real CloudAdapter)
 * against a local connector that enforces Teams' limits (429 over 50/s for the tenant, or over a
 * conversation's limits). On SQLite with one instance, then on PostgreSQL with two processes.
 * Prints one line per run; not a test.
 *
 *   npm run bench:push -- --students 10000
 *   npm run bench:push -- --students 500 --only sqlite
 */
import { join } from 'node:path';
import { openStore } from '../src/store/database.js';
import { buildTestContent } from '../tests/helpers/content-builder.js';
import { LimitedConnector } from '../tests/helpers/limited-connector.js';
import { freshDatabase, postgresAvailable } from '../tests/helpers/postgres.js';
import { BotProcesses, exited } from '../tests/helpers/process.js';
import { seedPush } from '../tests/helpers/push.js';
import { removeTempDir, tempDir } from '../tests/helpers/temp.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const STUDENTS = Number(arg('students') ?? 10_000);
const ONLY = arg('only');
const RATE = 50;

async function run(label: string, url: string, instances: number, dir: string, content: string): Promise<string> {
  const connector = new LimitedConnector(RATE);
  const serviceUrl = await connector.start();
  const store = await openStore(url);
  const bots = new BotProcesses();
  try {
    const keys = await seedPush({ db: store.db, students: STUDENTS, serviceUrl });
    const started = performance.now();
    const running = [];
    for (let i = 0; i < instances; i++) {
      running.push(await bots.start({ DATABASE_URL: url, UPLOAD_DIR: join(dir, `uploads-${i}`), CONTENT_DIR: content, OUTBOX_RATE_PER_SECOND: String(RATE), LOG_LEVEL: 'error' }));
    }
    // Until every row has an outcome (or nothing moved for a minute).
    let last = -1;
    let still = 0;
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 500));
      const open = await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
      if (Number(open.n) === 0) break;
      still = connector.accepted === last ? still + 1 : 0;
      last = connector.accepted;
      if (still > 120) break;
    }
    if (still > 120) {
      console.log(`  nothing moved for a minute: the bots' last words on stderr:`);
      for (const bot of running) console.log(bot.stderrTail().split('\n').slice(-20).join('\n'));
    }
    for (const bot of running) await exited(bot.child, 'SIGTERM');
    const { sent, lost, duplicated } = connector.tally(keys);
    if (lost > 0) {
      // What the rows say of the messages that did not arrive (a failure keeps its reason and error).
      const failed = await store.db.selectFrom('outbox').select(['idempotency_key', 'state', 'failure_reason', 'last_status', 'last_error']).where('state', '!=', 'sent').limit(10).execute();
      console.log('  not sent:', JSON.stringify(failed));
    }
    const span = (connector.lastAt! - connector.firstAt!) / 1000;
    const rate = (connector.accepted - 1) / span;
    const wall = (performance.now() - started) / 1000;
    console.log(
      `  ${label}: ${connector.accepted} accepted in ${span.toFixed(1)} s from the first to the last (${wall.toFixed(1)} s with the bots' start), 429s: ${connector.tooFast.tenant} over the tenant rate, ${connector.tooFast.conversation} over a conversation's`,
    );
    return `push: ${STUDENTS} students, sent ${sent}, lost ${lost}, duplicated ${duplicated}, ${rate.toFixed(1)}/s = ${Math.round((100 * rate) / RATE)} % of the allowed ${RATE}/s`;
  } finally {
    await bots.cleanUp();
    await store.close();
    await connector.stop();
  }
}

async function main() {
  const content = buildTestContent();
  const lines: string[] = [];
  if (ONLY !== 'postgres') {
    const dir = tempDir('partix-bench-push-');
    try {
      lines.push(await run('SQLite, one instance', join(dir, 'partix.sqlite'), 1, dir, content));
      console.log(lines.at(-1));
    } finally {
      removeTempDir(dir);
    }
  }
  if (ONLY !== 'sqlite') {
    if (!(await postgresAvailable())) console.log('PostgreSQL is not reachable at 127.0.0.1:5432: no two-instance run');
    else {
      const dir = tempDir('partix-bench-push-');
      const database = await freshDatabase('partix_bench_push');
      try {
        lines.push(await run('PostgreSQL, two instances', database.url, 2, dir, content));
        console.log(lines.at(-1));
      } finally {
        await database.drop();
        removeTempDir(dir);
      }
    }
  }
  removeTempDir(content);
}

await main();
