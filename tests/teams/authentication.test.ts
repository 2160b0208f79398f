/**
 * Layer: the HTTP edge of /api/messages with authentication on (MicrosoftAppId set), over real HTTP
 * against the real server; Microsoft's OpenID metadata and keys are played by nock. Refusals are
 * quick, fixed, logged once, and Microsoft is asked for its keys once, not once per request.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { messageActivity, rawRequest, startLoggedBot, type LoggedBot } from '../helpers/edge.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const LOGIN = 'https://login.botframework.com';
const METADATA = '/v1/.well-known/openidconfiguration';
const KEYS = '/v1/.well-known/keys';
const UNAUTHORIZED = { error: 'unauthorized', message: 'Non autorisé / unauthorized' };

let bot: LoggedBot;
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  bot = await startLoggedBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' });
  consoleError = vi.spyOn(console, 'error');
});
afterEach(async () => {
  consoleError.mockRestore();
  nock.cleanAll();
  await bot.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(options: { key?: KeyObject; header?: Record<string, unknown>; claims?: Record<string, unknown>; serviceUrl: string }): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'key-1', ...options.header });
  const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: options.serviceUrl, nbf: now - 60, exp: now + 3600, ...options.claims });
  const signature = options.key ? sign('sha256', Buffer.from(`${head}.${body}`), options.key).toString('base64url') : 'c2lnbmF0dXJl';
  return `${head}.${body}.${signature}`;
}

function send(authorization: string | undefined, activity: Record<string, unknown> = messageActivity(bot, '29:auth')) {
  return rawRequest(bot.url, {
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(activity),
    timeoutMs: 20_000,
  });
}

async function usersStored(): Promise<number> {
  return (await bot.app.store.db.selectFrom('users').selectAll().execute()).length;
}

const refusedLines = () => bot.logs.filter((l) => l.includes('"msg":"request refused"'));

/** Microsoft's endpoints, counting how often each is asked. */
function microsoft(keys: Array<Record<string, unknown>>) {
  const calls = { metadata: 0, keys: 0 };
  nock(LOGIN)
    .persist()
    .get(METADATA)
    .reply(200, () => {
      calls.metadata++;
      return { issuer: 'https://api.botframework.com', jwks_uri: `${LOGIN}${KEYS}` };
    })
    .get(KEYS)
    .reply(200, () => {
      calls.keys++;
      return { keys };
    });
  return calls;
}

describe('authentication on', () => {
  test('tokens that cannot be Bot Framework tokens are refused at once, without asking Microsoft for keys', async () => {
    const calls = microsoft([]);
    const serviceUrl = bot.connectorUrl;
    const refused = [
      undefined,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      'Bearer not.a.jwt!',
      `Bearer ${token({ serviceUrl, header: { alg: 'none' } }).replace(/[^.]+$/, '')}x`,
      `Bearer ${token({ serviceUrl, header: { alg: 'none' } })}`,
      `Bearer ${token({ serviceUrl, header: { alg: 'HS256' } })}`,
      `Bearer ${token({ serviceUrl, header: { kid: undefined } })}`,
      `Bearer ${token({ serviceUrl, claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })}`,
      `Bearer ${token({ serviceUrl, claims: { exp: undefined } })}`,
    ];
    for (const authorization of refused) {
      const res = await send(authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(JSON.parse(res.body)).toEqual(UNAUTHORIZED);
    }
    expect(calls).toEqual({ metadata: 0, keys: 0 });
    expect(await usersStored()).toBe(0);
    expect(refusedLines()).toHaveLength(refused.length);
    expect(consoleError).not.toHaveBeenCalled();
  });

  test('when the keys cannot be fetched: a 503 within seconds with no internal text, and the failure is remembered', async () => {
    let fetches = 0;
    nock(LOGIN)
      .persist()
      .get(METADATA)
      .reply(() => {
        fetches++;
        return [500, 'internal-detail: upstream exploded at 10.0.0.7'];
      });
    const authorization = `Bearer ${token({ serviceUrl: bot.connectorUrl })}`;
    const first = await Promise.all([send(authorization), send(authorization), send(authorization)]);
    const later = await send(authorization);
    for (const res of [...first, later]) {
      expect(res.status).toBe(503);
      expect(res.ms).toBeLessThan(5000);
      expect(res.body).not.toMatch(/internal-detail|10\.0\.0\.7|openID|Failed|HTTP 500|    at /i);
      expect(res.headers['retry-after']).toBe('30');
    }
    expect(fetches).toBe(1);
    expect(await usersStored()).toBe(0);
    expect(refusedLines()).toHaveLength(4);
    expect(consoleError).not.toHaveBeenCalled();
  });

  test('when Microsoft never answers: a 503 within a few seconds, and the socket is answered', async () => {
    let fetches = 0;
    nock(LOGIN)
      .persist()
      .get(METADATA)
      .delay(120_000)
      .reply(() => {
        fetches++;
        return [200, { jwks_uri: `${LOGIN}${KEYS}` }];
      });
    const authorization = `Bearer ${token({ serviceUrl: bot.connectorUrl })}`;
    const res = await send(authorization);
    expect(res.status).toBe(503);
    expect(res.ms).toBeLessThan(6000);
    const again = await send(authorization);
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(500);
    expect(fetches).toBeLessThanOrEqual(1);
    expect(consoleError).not.toHaveBeenCalled();
  });

  test('a genuine token gets through, keys are fetched once, and a forged signature on a known key is refused quietly', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const calls = microsoft([{ kty: 'RSA', use: 'sig', kid: 'key-1', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }]);
    const typing = messageActivity(bot, '29:genuine', { type: 'typing', text: undefined });
    const genuine = `Bearer ${token({ key: privateKey, serviceUrl: bot.connectorUrl })}`;
    expect((await send(genuine, typing)).status).toBe(200);
    expect((await send(genuine, typing)).status).toBe(200);
    expect(calls).toEqual({ metadata: 1, keys: 1 });

    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await send(`Bearer ${token({ key: forger, serviceUrl: bot.connectorUrl })}`, typing);
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toEqual(UNAUTHORIZED);
    // botbuilder's own checks still run: a token for another bot is refused.
    const otherBot = await send(`Bearer ${token({ key: privateKey, serviceUrl: bot.connectorUrl, claims: { aud: 'another-app' } })}`, typing);
    expect(otherBot.status).toBe(401);
    expect(JSON.parse(otherBot.body)).toEqual(UNAUTHORIZED);
    expect(calls).toEqual({ metadata: 1, keys: 1 });
    expect(refusedLines()).toHaveLength(2);
  });
});
