/**
 * Layer: the HTTP edge of /api/messages, over real HTTP against the real server (authentication off,
 * as most of these requests never get that far). What it reads, what it refuses before reading, and
 * that no request can crash the process, fill the disk, reach the store or hold a reply for seconds.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { messageActivity, rawRequest, startLoggedBot, type LoggedBot } from '../helpers/edge.js';

let bot: LoggedBot;
beforeEach(async () => {
  bot = await startLoggedBot({ CONNECTOR_TIMEOUT_MS: '1000' });
});
afterEach(async () => bot.close());

const json = { 'content-type': 'application/json' };

async function usersStored(): Promise<number> {
  const row = await bot.app.store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function healthy() {
  const health = await rawRequest(bot.url, { method: 'GET', path: '/health' });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: 'ok' });
}

function post(headers: Record<string, string | number>, body: Buffer | string) {
  return rawRequest(bot.url, { headers, body });
}

describe('what /api/messages reads', () => {
  test('a body that claims a compression it does not have gets a 415, and the process lives on', async () => {
    const activity = Buffer.from(JSON.stringify(messageActivity(bot, '29:gz')));
    const truncated = gzipSync(activity).subarray(0, 20);
    for (const [encoding, body] of [
      ['gzip', Buffer.from('this is not gzip')],
      ['gzip', truncated],
      ['deflate', Buffer.from('nor deflate')],
      ['br', Buffer.from('nor brotli')],
    ] as const) {
      const res = await post({ ...json, 'content-encoding': encoding }, body);
      expect(res.status, encoding).toBe(415);
    }
    await healthy();
  });

  test('a compressed activity is refused however small, so a gzip bomb is never inflated', async () => {
    const activity = Buffer.from(JSON.stringify(messageActivity(bot, '29:compressed')));
    for (const [encoding, body] of [
      ['gzip', gzipSync(activity)],
      ['deflate', deflateSync(activity)],
      ['br', brotliCompressSync(activity)],
      // 0.6 MB that would inflate to 600 MB.
      ['gzip', gzipSync(Buffer.alloc(600 * 1024 * 1024, 0x20), { level: 9 })],
    ] as const) {
      const res = await post({ ...json, 'content-encoding': encoding }, body);
      expect(res.status, encoding).toBe(415);
      expect(JSON.parse(res.body).message).toMatch(/compress/);
    }
    const identity = await post({ ...json, 'content-encoding': 'identity' }, activity);
    expect(identity.status).toBe(200);
    expect(await usersStored()).toBe(1);
  }, 30_000);

  test('only application/json is read: other content types get a 415 and reach nothing', async () => {
    const activity = JSON.stringify(messageActivity(bot, '29:types'));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=latin1', 'application/jsonx']) {
      const res = await post({ 'content-type': type }, activity);
      expect(res.status, type).toBe(415);
    }
    expect((await post({}, activity)).status).toBe(415);
    expect(await usersStored()).toBe(0);
    expect((await post({ 'content-type': 'application/json; charset=utf-8' }, activity)).status).toBe(200);
  });

  test('a body over 1 MiB gets a 413, whether its length is announced or not', async () => {
    const big = JSON.stringify(messageActivity(bot, '29:big', { text: 'x'.repeat(1024 * 1024) }));
    expect((await post(json, big)).status).toBe(413);
    expect((await post({ ...json, 'transfer-encoding': 'chunked' }, big)).status).toBe(413);
    expect(await usersStored()).toBe(0);
    await healthy();
  });

  test('multipart bodies are refused before they are read: nothing is written to the temp folder, nothing parsed', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'partix-multipart-'));
    const previous = process.env.TMPDIR;
    // Formidable (restify's multipart reader) writes file parts to os.tmpdir(), read per request.
    process.env.TMPDIR = scratch;
    try {
      const boundary = '----partixboundary';
      const filePart = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`),
        Buffer.alloc(900 * 1024, 0x61),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const fields = Object.entries({ type: 'message', text: 'profil', serviceUrl: bot.connectorUrl, 'from[id]': '29:multipart', 'conversation[id]': 'a:conv-mp' })
        .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('');
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      for (let i = 0; i < 3; i++) expect((await post(headers, filePart)).status).toBe(415);
      expect((await post(headers, `${fields}--${boundary}--\r\n`)).status).toBe(415);
      expect(readdirSync(scratch)).toEqual([]);
      expect(await usersStored()).toBe(0);
      expect(bot.connector.requests).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  test('objects nested thousands deep get a 400, not a 500', async () => {
    for (const deep of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      // Written by hand: JSON.stringify itself overflows on such an object.
      const res = await post(json, `${JSON.stringify(messageActivity(bot, '29:deep')).slice(0, -1)},"value":${deep}}`);
      expect(res.status).toBe(400);
    }
    // Braces inside strings are text, not nesting.
    expect((await post(json, JSON.stringify(messageActivity(bot, '29:braces', { text: '{['.repeat(5000) })))).status).toBe(200);
    await healthy();
  });

  test('GET routes still work without a body reader', async () => {
    await healthy();
    expect((await rawRequest(bot.url, { method: 'GET', path: '/reports/imports/x/y' })).status).toBe(404);
  });
});

describe('activities that cannot be identified', () => {
  test('a message without a sender, a conversation or a valid serviceUrl gets a 400, and nothing is stored or sent', async () => {
    const base = messageActivity(bot, '29:anonymous');
    const broken: Record<string, unknown>[] = [
      { ...base, from: undefined },
      { ...base, from: { name: 'no id' } },
      { ...base, from: { id: '' } },
      { ...base, conversation: undefined },
      { ...base, conversation: { conversationType: 'personal' } },
      { ...base, serviceUrl: undefined },
      { ...base, serviceUrl: 'not a url' },
      { ...base, serviceUrl: 'javascript:alert(1)' },
      { ...base, serviceUrl: 'ftp://files.example/' },
      { ...base, type: 42 },
      { ...base, from: 'a string' },
    ];
    for (const activity of broken) {
      const res = await post(json, JSON.stringify(activity));
      expect(res.status, JSON.stringify(activity).slice(0, 120)).toBe(400);
      expect(res.body).not.toMatch(/Oups/);
    }
    expect(await usersStored()).toBe(0);
    expect(bot.connector.requests).toBe(0);
    expect(bot.logs.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  test('a reply never waits seconds on a serviceUrl that refuses connections', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise((ok) => closed.close(ok));
    const res = await post(json, JSON.stringify(messageActivity(bot, '29:dead', { serviceUrl: `http://127.0.0.1:${port}` })));
    expect(res.status).toBeLessThan(500);
    expect(res.ms).toBeLessThan(1500);
  });

  test('a serviceUrl that accepts and never answers holds the reply at most the connector timeout, once per turn', async () => {
    const sockets: Socket[] = [];
    const blackhole: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((ok) => blackhole.listen(0, '127.0.0.1', ok));
    try {
      const serviceUrl = `http://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
      // A new user: the turn would send a welcome, the profile, then "Oups": one timeout for all.
      const res = await post(json, JSON.stringify(messageActivity(bot, '29:blackhole', { serviceUrl })));
      expect(res.status).toBeLessThan(500);
      expect(res.ms).toBeGreaterThan(900);
      expect(res.ms).toBeLessThan(2500);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((ok) => blackhole.close(ok));
    }
  });

  test('no log line copies a whole request body', async () => {
    const marker = `MARK${'z'.repeat(20_000)}`;
    const closed = `http://127.0.0.1:9`;
    await post(json, JSON.stringify(messageActivity(bot, '29:logged', { text: marker, serviceUrl: closed })));
    await post(json, JSON.stringify(messageActivity(bot, '29:logged2', { from: undefined, text: marker })));
    await post(json, `{"type":"message","text":"${marker}"`);
    expect(bot.logs.length).toBeGreaterThan(0);
    for (const line of bot.logs) {
      expect(line).not.toContain(marker.slice(0, 200));
      expect(line.length).toBeLessThan(8000);
    }
  });
});
