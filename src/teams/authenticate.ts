/**
 * Who may post to /api/messages. Tokens that cannot be a Bot Framework token (malformed, unsigned
 * "alg none", no key id, expired) are refused here at no cost, without asking Microsoft for keys;
 * the rest are checked by botbuilder, within a deadline. Every refusal is a status and a short
 * reason for the log, never the library's error text in the answer.
 */
import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { verify } from 'node:crypto';
import { knownSigningKey, SigningKeysUnavailable } from './signing-keys.js';

/** botframework-connector's AuthenticationConstants.AllowedSigningAlgorithms, and their hashes. */
const SIGNING_ALGORITHMS = new Map([
  ['RS256', 'sha256'],
  ['RS384', 'sha384'],
  ['RS512', 'sha512'],
]);
/** botbuilder's own clock tolerance. */
const CLOCK_SKEW_SECONDS = 300;
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface Authenticator {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult>;
}

export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; reason: string };

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tokenProblem(header: string, nowSeconds: number): string | null {
  if (!header) return 'no token';
  if (header.length > MAX_TOKEN_LENGTH) return 'token too long';
  const parts = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header);
  const head = parts ? decodePart(parts[1]!) : null;
  const claims = parts ? decodePart(parts[2]!) : null;
  if (!head || !claims) return 'malformed token';
  if (typeof head.alg !== 'string' || !SIGNING_ALGORITHMS.has(head.alg)) return `algorithm ${String(head.alg).slice(0, 16)} not allowed`;
  if (typeof head.kid !== 'string' || !head.kid) return 'no key id';
  if (typeof claims.iss !== 'string') return 'no issuer';
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < nowSeconds) return 'expired or no expiry';
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > nowSeconds) return 'not yet valid';
  // A forged signature on a key we hold is refused here: botbuilder would print it outside the log.
  const key = knownSigningKey(head.kid);
  const signed = Buffer.from(`${parts![1]}.${parts![2]}`);
  if (key && !verify(SIGNING_ALGORITHMS.get(head.alg)!, signed, key, Buffer.from(parts![3]!, 'base64url'))) return 'bad signature';
  return null;
}

class Deadline extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export async function authenticateRequest({
  authenticator,
  activity,
  authHeader,
  enabled,
  timeoutMs,
}: {
  authenticator: Authenticator;
  activity: Activity;
  authHeader: string;
  /** Off when no MicrosoftAppId is set (local development). */
  enabled: boolean;
  timeoutMs: number;
}): Promise<AuthOutcome> {
  // With authentication off every request is accepted anyway: a token would only make botbuilder fetch keys.
  if (!enabled) return { ok: true, result: await authenticator.authenticate(activity, '') };
  const problem = tokenProblem(authHeader, Date.now() / 1000);
  if (problem) return { ok: false, status: 401, reason: problem };
  try {
    return { ok: true, result: await within(authenticator.authenticate(activity, authHeader), timeoutMs) };
  } catch (error) {
    if (error instanceof SigningKeysUnavailable) return { ok: false, status: 503, reason: 'signing keys unavailable' };
    if (error instanceof Deadline) return { ok: false, status: 503, reason: `not authenticated within ${timeoutMs} ms` };
    const e = error as Error;
    return { ok: false, status: 401, reason: `${e?.name ?? 'Error'}: ${String(e?.message ?? error).slice(0, 160)}` };
  }
}
