/**
 * What a start spends, step by step (CPU time): the packages the bot loads, Partix's own modules,
 * createApp, then what is made ready after listening. Run after a build (npx tsc -p tsconfig.build.json):
 *
 *   DATABASE_URL=/tmp/x.sqlite node --max-semi-space-size=2 bench/start-cost.mjs
 *
 * Each package is charged what it loads first (one loaded by an earlier one costs nothing later).
 */
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const rows = [];
let last = cpu();
const step = async (name, f) => { await f(); const now = cpu(); rows.push(`${name}: ${(now - last).toFixed(0)} ms CPU`); last = now; };
const root = new URL('../dist/src/', import.meta.url).href;
await step('node start to here', async () => {});
last = cpu();
for (const m of ['botbuilder', 'restify', 'kysely', 'zod', 'pg', 'better-sqlite3', 'pino', 'node-cron', 'dotenv']) await step(m, () => import(m));
let app;
await step('Partix modules (dist/src/app.js, server.js)', async () => { await import(root + 'app.js'); await import(root + 'server.js'); });
const { parseConfig } = await import(root + 'config.js');
const { createLogger } = await import(root + 'logger.js');
const { createApp } = await import(root + 'app.js');
await step('createApp (bank, store, migrations check, wiring)', async () => { app = await createApp(parseConfig({ ...process.env, LOG_LEVEL: 'silent' }), createLogger('silent')); });
await step('card templates warm (after listening)', async () => app.cards.warm());
console.log(rows.join('\n'));
await app.store.close();
process.exit(0);
