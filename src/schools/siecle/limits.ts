/**
 * Size limits. The referent uploads the file, so its size is whatever they send: the limit is
 * checked before reading, and again on the bytes actually read, since a zip's declared sizes (and a
 * file still being written) may lie.
 */
import type { Lang } from '../../i18n/messages.js';
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

/**
 * "20 Mo", "2,5 Mo", "40 Ko": as a French referent reads sizes (Mo = MiB here, as the limit is set);
 * "20 MB", "2.5 MB", "40 KB" in English, as Windows writes the same sizes.
 */
export function formatSize(bytes: number, lang: Lang = 'fr'): string {
  const [kilo, mega, comma] = lang === 'fr' ? ['Ko', 'Mo', ','] : ['KB', 'MB', '.'];
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} ${kilo}`;
  const megabytes = bytes / (1024 * 1024);
  const rounded = megabytes >= 10 ? Math.round(megabytes) : Math.round(megabytes * 10) / 10;
  return `${String(rounded).replace('.', comma)} ${mega}`;
}

/**
 * @param size null when only known to be over, the reading having stopped at the limit.
 * @param what the subject of the sentence, in each language.
 */
export function fileTooBig(size: number | null, maxBytes: number, what = { fr: 'Le fichier', en: 'The file' }): SiecleFileError {
  return new SiecleFileError(
    'file_too_big',
    `${what.fr} ${size === null ? 'dépasse' : `fait ${formatSize(size)}, au-delà de`} la limite de ${formatSize(maxBytes)}. ` +
      `Un export SIECLE des élèves sans adresses reste bien en dessous : vérifiez qu'il s'agit du bon fichier.`,
    `${what.en} ${size === null ? 'is over' : `is ${formatSize(size, 'en')}, over`} the limit of ${formatSize(maxBytes, 'en')}. ` +
      `A SIECLE export of the students without their addresses is well below it: check that this is the right file.`,
  );
}
