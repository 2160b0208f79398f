/**
 * Fetches a file that Teams hands over (its `downloadUrl`) into the upload folder, refusing it as soon
 * as it is known to be too big: from Content-Length before reading, else while streaming.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportRefusedError } from './errors.js';

export const ACCEPTED_EXTENSIONS = ['.xml', '.zip', '.csv'];

export function acceptedFileName(name: string): boolean {
  return ACCEPTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

export async function downloadToFile(args: { url: string; name: string; dir: string; maxBytes: number; fetchImpl?: typeof fetch }): Promise<string> {
  const doFetch = args.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(args.url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new ImportRefusedError('download_failed', (error as Error).message);
  }
  if (!response.ok || !response.body) throw new ImportRefusedError('download_failed', `HTTP ${response.status}`);
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(announced) && announced > args.maxBytes) {
    await response.body.cancel();
    throw new ImportRefusedError('too_big', String(args.maxBytes));
  }
  await mkdir(args.dir, { recursive: true });
  const path = join(args.dir, `${randomUUID()}${args.name.slice(args.name.lastIndexOf('.')).toLowerCase()}`);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > args.maxBytes) done(new ImportRefusedError('too_big', String(args.maxBytes)));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as never), limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof ImportRefusedError) throw error;
    throw new ImportRefusedError('download_failed', (error as Error).message);
  }
  return path;
}
