/**
 * Size limits. The referent uploads the file, so its size is whatever they send: the limit is
 * checked before reading, and again on the bytes actually read, since a zip's declared sizes (and a
 * file still being written) may lie.
 */
import { SiecleFileError } from './types.js';

/** Yields the source's chunks until more than `maxBytes` went through, then throws `tooMany()`. */
export async function* limitBytes(source: AsyncIterable<Buffer>, maxBytes: number, tooMany: () => SiecleFileError): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw tooMany();
    yield chunk;
  }
}

/** "20 Mo", "2,5 Mo", "40 Ko": as a French referent reads sizes (Mo = MiB here, as the limit is set). */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} Ko`;
  const megabytes = bytes / (1024 * 1024);
  const rounded = megabytes >= 10 ? Math.round(megabytes) : Math.round(megabytes * 10) / 10;
  return `${String(rounded).replace('.', ',')} Mo`;
}

/** @param size null when only known to be over, the reading having stopped at the limit. */
export function fileTooBig(size: number | null, maxBytes: number, what = 'Le fichier'): SiecleFileError {
  return new SiecleFileError(
    'file_too_big',
    `${what} ${size === null ? 'dépasse' : `fait ${formatSize(size)}, au-delà de`} la limite de ${formatSize(maxBytes)}. ` +
      `Un export SIECLE des élèves sans adresses reste bien en dessous : vérifiez qu'il s'agit du bon fichier.`,
  );
}
