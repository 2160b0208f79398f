/**
 * Layer: the real server over HTTP (SQLite in a temp folder, the connector stub as serviceUrl).
 * A few thousand random and malformed requests, drawn from a fixed seed (FUZZ_SEED to replay one
 * run, FUZZ_RUNS to change how many): bodies, encodings, content types, nesting, huge strings, card
 * payloads with random verbs and the ids of another student's running test. None may get a 5xx or
 * go unanswered; afterwards the server answers /health, the database is intact and the other
 * student's test is exactly as it was, and they go on with it.
 */
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VERBS } from '../../src/teams/index.js';
import { actionNamed, Student } from '../helpers/chat.js';
import { Conversation } from '../helpers/conversation.js';
import { rawRequest, startLoggedBot, type LoggedBot } from '../helpers/edge.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260309);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const CONCURRENCY = 8;

let bot: LoggedBot;
let victim: Conversation;
let victimIds: { assessmentId: string; challengeId: string; teamsId: string };

beforeAll(async () => {
  bot = await startLoggedBot({ LOG_LEVEL: 'warn', ADAPTIVE_STRATEGY: 'smart-random' });
  victim = new Conversation(bot, new Student(bot));
  await victim.play([
    ['commencer 1.1', [/Question 1/]],
    [{ click: 'answer', answer: 'right' }, [/Bonne réponse/]],
  ]);
  const data = actionNamed(victim.cardWith('answer').card, 'answer').data;
  victimIds = { assessmentId: data.assessmentId as string, challengeId: data.challengeId as string, teamsId: victim.student.teamsId };
});
afterAll(async () => bot?.close());

async function victimState() {
  const db = bot.app.store.db;
  const assessments = await db.selectFrom('assessments').selectAll().where('id', '=', victimIds.assessmentId).execute();
  const answers = await db.selectFrom('answers').selectAll().where('assessment_id', '=', victimIds.assessmentId).orderBy('challenge_id').execute();
  return { assessments, answers };
}

interface FuzzRequest {
  headers: Record<string, string>;
  body: Buffer;
  label: string;
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  '',
);
const encodings = fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, gzip', 'GZIP');

const fromIds = fc.oneof(fc.constantFrom('29:fuzz-a', '29:fuzz-b', '29:fuzz-c'), fc.string({ maxLength: 40 }));

/** A plausible activity, then damaged: fields removed, or replaced by random JSON. */
function activityArb() {
  const verb = fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }));
  const data = fc.record(
    {
      verb,
      assessmentId: fc.oneof(fc.constant(() => victimIds.assessmentId), fc.string({ maxLength: 40 })),
      challengeId: fc.oneof(fc.constant(() => victimIds.challengeId), fc.string({ maxLength: 40 })),
      competenceId: fc.oneof(fc.constantFrom('1.1', '2.3', '5.4', '9.9'), fc.string({ maxLength: 10 })),
      in_choice: fc.oneof(fc.constantFrom('1', '2', '9', ''), fc.string({ maxLength: 50 })),
      in_answer: fc.string({ maxLength: 50 }),
      code: fc.string({ maxLength: 50 }),
      division: fc.string({ maxLength: 50 }),
    },
    { requiredKeys: ['verb'] },
  );
  const kind = fc.constantFrom('say', 'submit', 'execute', 'other-invoke', 'update', 'odd');
  const text = fc.oneof(fc.constantFrom('profil', 'commencer 1.1', 'passer', 'retenter 1.1', 'zéro 1.1', 'découvrir', 'aide', 'rattacher', 'inviter', 'code ABCD-EFGH', 'classes', 'imports'), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
  const damage = fc.array(
    fc.tuple(
      fc.constantFrom('type', 'id', 'serviceUrl', 'channelId', 'from', 'conversation', 'recipient', 'locale', 'text', 'value', 'name', 'replyToId', 'attachments', 'entities', 'membersAdded', 'channelData', 'timestamp'),
      fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 })),
    ),
    { maxLength: 3 },
  );
  return fc.record({ kind, data, text, from: fromIds, locale: fc.constantFrom('fr-FR', 'en-US', 'de', ''), group: fc.boolean(), damage }).map((r) => {
    const resolve = (v: unknown) => (typeof v === 'function' ? (v as () => unknown)() : v);
    const d = Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, resolve(v)]));
    const base: Record<string, unknown> = {
      type: 'message',
      id: `fuzz-${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: bot.connectorUrl,
      channelId: 'msteams',
      from: { id: r.from, name: 'Fuzz', aadObjectId: `aad-${r.from}` },
      conversation: { id: `a:conv-${r.from}`, conversationType: r.group ? 'groupChat' : 'personal', tenantId: 'tenant-1' },
      recipient: { id: '28:partix-bot', name: 'Partix' },
      locale: r.locale,
    };
    if (r.kind === 'say') base.text = r.text;
    if (r.kind === 'submit') Object.assign(base, { value: d, replyToId: 'sent-1' });
    if (r.kind === 'execute')
      Object.assign(base, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: d.verb, data: d }, trigger: 'manual' } });
    if (r.kind === 'other-invoke') Object.assign(base, { type: 'invoke', name: r.text, value: d });
    if (r.kind === 'update') Object.assign(base, { type: 'conversationUpdate', membersAdded: [{ id: '28:partix-bot' }, { id: r.from }] });
    if (r.kind === 'odd') base.type = r.text;
    for (const [field, value] of r.damage) {
      if (value === undefined) delete base[field];
      else base[field] = value;
    }
    return base;
  });
}

function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
}

const requestArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // A damaged activity, as JSON.
  { weight: 10, arbitrary: activityArb().map((a) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(a)), label: 'activity' })) },
  // The same, under another content type or encoding, compressed or not.
  {
    weight: 3,
    arbitrary: fc.tuple(activityArb(), contentTypes, encodings, fc.constantFrom('gzip', 'deflate', 'br', 'none')).map(([a, type, encoding, how]) => {
      const raw = Buffer.from(JSON.stringify(a));
      const body = how === 'gzip' ? gzipSync(raw) : how === 'deflate' ? deflateSync(raw) : how === 'br' ? brotliCompressSync(raw) : raw;
      return { headers: { 'content-type': type, 'content-encoding': encoding }, body, label: `encoded ${encoding}/${how}` };
    }),
  },
  // Random bytes, under any content type and encoding.
  {
    weight: 3,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2000 }), contentTypes, fc.option(encodings, { nil: undefined })).map(([bytes, type, encoding]) => ({
      headers: { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) },
      body: Buffer.from(bytes),
      label: 'bytes',
    })),
  },
  // Any JSON value at all.
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(v) ?? 'null'), label: 'json' })) },
  // Nesting, around and past the limit.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 40, max: 5000 }), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => ({
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(`{"type":"message","serviceUrl":"${bot.connectorUrl}","from":{"id":"29:deep"},"conversation":{"id":"c"},"value":${deep(depth, kind)}}`),
      label: `deep ${depth}`,
    })),
  },
  // Huge strings, below and above the size limit.
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10_000, max: 1_100_000 }).map((n) => ({
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ type: 'message', serviceUrl: bot.connectorUrl, from: { id: '29:huge' }, conversation: { id: 'a:conv-huge' }, text: 'é'.repeat(n / 2) })),
      label: `huge ${n}`,
    })),
  },
  // Multipart, with fields or a file.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ maxLength: 100 }), fc.boolean()).map(([value, file]) => ({
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
      body: Buffer.from(
        `--b0undary\r\ncontent-disposition: form-data; name="type"${file ? '; filename="a.bin"' : ''}\r\n\r\n${value}\r\n--b0undary\r\ncontent-disposition: form-data; name="text"\r\n\r\nprofil\r\n--b0undary--\r\n`,
      ),
      label: 'multipart',
    })),
  },
);

test(`${RUNS} random requests (seed ${SEED}): no 5xx, the server lives, the database is intact, another student's test is untouched`, async () => {
  const before = await victimState();
  expect(before.answers).toHaveLength(1);
  const requests = fc.sample(requestArb, { seed: SEED, numRuns: RUNS });
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const r = requests[index]!;
      const res = await rawRequest(bot.url, { headers: { ...r.headers, 'content-length': r.body.length }, body: r.body, timeoutMs: 10_000 });
      if (res.status === 0 || res.status >= 500) failures.push(`#${index} ${r.label}: ${res.status} ${res.body.slice(0, 200)} ← ${r.body.toString('utf8', 0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
  // Refused requests are warnings; an error line would be a turn that failed inside ("Oups").
  expect(bot.logs.filter((l) => /"level":(50|60)/.test(l)).map((l) => l.slice(0, 400))).toEqual([]);

  const health = await rawRequest(bot.url, { method: 'GET', path: '/health' });
  expect(health.status).toBe(200);
  const db = new SQLite(bot.app.config.DATABASE_URL, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  expect(await victimState()).toEqual(before);
  bot.connector.drain(`a:conv-${victimIds.teamsId}`);
  await victim.play([[{ click: 'answer', answer: 'right' }, [/Bonne réponse/, /Question 3/]]]);
}, 120_000);
