/**
 * Reads the body of POST /api/messages before anything parses it: uncompressed JSON only, bounded in
 * bytes, nesting and time. restify's body reader is not used for it: it inflates any encoding with
 * no limit on the inflated size and lets a corrupt gzip stream end the process, and it writes
 * multipart files to the temp folder before anyone is authenticated.
 */
import type { IncomingMessage } from 'node:http';

export interface BodyLimits {
  maxBytes: number;
  /** Deeper objects are refused before JSON.parse: the code that walks them later recurses. */
  maxDepth: number;
  timeoutMs: number;
}

export type BodyRefusal = { ok: false; status: 400 | 408 | 413 | 415; reason: string };
export type BodyResult = { ok: true; value: Record<string, unknown> } | BodyRefusal;

function refusal(status: BodyRefusal['status'], reason: string): BodyRefusal {
  return { ok: false, status, reason };
}

/** Only JSON in UTF-8 (the only encoding JSON allows between systems, RFC 8259 §8.1). */
function contentTypeProblem(header: string | undefined): string | null {
  const [media = '', ...params] = (header ?? '').split(';');
  if (media.trim().toLowerCase() !== 'application/json') return `content type ${media.trim().slice(0, 60) || 'missing'}`;
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() === 'charset' && value.trim().replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') return `charset ${value.trim().slice(0, 30)}`;
  }
  return null;
}

/** How many times `char` occurs in `text`, counting no further than `limit` (indexOf is native: a turn's body is read cheaply). */
function occurrences(text: string, char: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0 && count <= limit; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function deeperThan(text: string, max: number): boolean {
  // Deeper than max needs more than max openings: most bodies have fewer, and need no walk.
  if (occurrences(text, '{', max) + occurrences(text, '[', max) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Without `stream`, a decode keeps nothing from the last: one decoder serves every request. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parse(bytes: Buffer, limits: BodyLimits): BodyResult {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return refusal(400, 'not UTF-8');
  }
  if (deeperThan(text, limits.maxDepth)) return refusal(400, `nested deeper than ${limits.maxDepth}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refusal(400, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refusal(400, 'not a JSON object');
  return { ok: true, value: value as Record<string, unknown> };
}

export function readJsonBody({ req, limits }: { req: IncomingMessage; limits: BodyLimits }): Promise<BodyResult> {
  const typeProblem = contentTypeProblem(req.headers['content-type']);
  if (typeProblem) return Promise.resolve(refusal(415, typeProblem));
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return Promise.resolve(refusal(415, `content encoding ${encoding.slice(0, 30)}`));
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limits.maxBytes) return Promise.resolve(refusal(413, `announced ${announced} bytes`));

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) finish(refusal(413, `over ${limits.maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const timer = setTimeout(() => finish(refusal(408, `body not received within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on('data', onData);
    req.once('end', () => finish(parse(Buffer.concat(chunks), limits)));
    req.once('error', () => finish(refusal(400, 'request aborted')));
    req.once('close', () => finish(refusal(400, 'request aborted')));
  });
}
