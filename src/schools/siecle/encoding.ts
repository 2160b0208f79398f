/**
 * Turning the export's bytes into text, chunk by chunk. The encoding must be settled from the first
 * bytes, before anything is decoded: a wrong guess would give mojibake (Ã© for é), which would then
 * be stored as names and break reconciliation. So an encoding we cannot honour is an error.
 */
import iconv from 'iconv-lite';
import { SiecleFileError } from './types.js';

/** Enough for an XML declaration and for any sane CSV header line. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Decodes a byte stream with the encoding `pick` chooses from the head (the first HEAD_BYTES, or the
 * whole input when shorter). iconv-lite's streaming decoder keeps a multi-byte character split
 * across two chunks whole. Iterating this generator drives (and, on early exit, closes) the source.
 */
export async function* decodeText(bytes: AsyncIterable<Buffer>, pick: (head: Buffer) => string): AsyncGenerator<string> {
  let decoder: iconv.DecoderStream | undefined;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  for await (const chunk of bytes) {
    if (decoder) {
      yield decoder.write(chunk);
      continue;
    }
    pending.push(chunk);
    pendingSize += chunk.length;
    if (pendingSize >= HEAD_BYTES) {
      const head = Buffer.concat(pending);
      pending = [];
      decoder = iconv.getDecoder(pick(head));
      yield decoder.write(head);
    }
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    decoder = iconv.getDecoder(pick(head));
    yield decoder.write(head);
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

/**
 * The encoding of an XML export: a UTF-8 byte-order mark, else the declaration's `encoding`, else
 * UTF-8 (the XML default). Returns the name as the file spells it.
 */
export function xmlEncodingOf(head: Buffer): string {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'UTF-8';
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw unsupported('UTF-16');
  }
  // Every encoding we accept writes the declaration in ASCII, so Latin-1 reads it faithfully.
  const declared = DECLARATION.exec(head.subarray(0, 1024).toString('latin1'))?.[2]?.trim();
  if (declared === undefined) return 'UTF-8';
  if (!iconv.encodingExists(declared)) {
    throw new SiecleFileError(
      'unknown_encoding',
      `L'encodage « ${declared} » déclaré en tête du fichier XML (encoding="${declared}") est inconnu : ` +
        `le fichier ne peut pas être lu sans abîmer les noms. Un export SIECLE est en ISO-8859-15 ou en UTF-8 : ` +
        `ré-exportez le fichier depuis SIECLE sans le modifier.`,
      `The encoding “${declared}” declared at the top of the XML file (encoding="${declared}") is unknown: ` +
        `the file cannot be read without garbling the names. A SIECLE export is in ISO-8859-15 or UTF-8: ` +
        `export the file again from SIECLE and do not modify it.`,
    );
  }
  if (!isAsciiCompatible(declared)) throw unsupported(declared);
  return declared;
}

/** The markup must read the same once decoded, or the parser would not even find the tags. */
function isAsciiCompatible(encoding: string): boolean {
  const probe = '<?xml version="1.0"?><BEE_ELEVES>azAZ09 /=_-</BEE_ELEVES>';
  return iconv.decode(Buffer.from(probe, 'latin1'), encoding) === probe;
}

function unsupported(encoding: string): SiecleFileError {
  return new SiecleFileError(
    'unsupported_encoding',
    `L'encodage « ${encoding} » du fichier XML n'est pas pris en charge. Un export SIECLE est en ISO-8859-15 ` +
      `ou en UTF-8 : ré-exportez le fichier depuis SIECLE sans le modifier.`,
    `The encoding “${encoding}” of the XML file is not supported. A SIECLE export is in ISO-8859-15 ` +
      `or UTF-8: export the file again from SIECLE and do not modify it.`,
  );
}

/**
 * Characters that a correct decoding of a school's export never yields: U+FFFD (bytes absent from
 * the encoding) and the C1 controls (what Windows-1252's œ, Œ, Ÿ, ’ become when a file says
 * ISO-8859-x). Either means the declared encoding is not the file's.
 */
export function hasForeignCharacters(text: string): boolean {
  return /[\u0080-\u009f\ufffd]/.test(text);
}
