/**
 * Entry point of a SIECLE import's reading: from an uploaded file (XML, zipped XML or CSV) to the
 * students it lists and the problems found, without ever holding the file as one string. What to
 * do with them (store, report, refuse) is the caller's.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { readSiecleCsv } from './csv.js';
import { decodeText, xmlEncodingOf } from './encoding.js';
import { fileTooBig, limitBytes } from './limits.js';
import { SiecleFileError, type ParsedExport } from './types.js';
import { studentsFromXml } from './xml-students.js';
import { readSiecleXml } from './xml.js';
import { readSingleXmlOfZip } from './zip.js';

export interface ParseOptions {
  /** The UAJ of the school importing: an XML export of another school is refused. */
  expectedUaj: string;
  /** Largest file accepted, and largest XML once unzipped (20 MiB by default, set by the caller). */
  maxBytes: number;
}

type Format = 'zip' | 'xml' | 'csv';

/** Detects zip / XML / CSV from the first bytes (and name when given), streams it, never holds the whole file in memory as one string. */
export async function parseSiecleExport(input: { path: string; fileName?: string }, options: ParseOptions): Promise<ParsedExport> {
  const { size } = await stat(input.path);
  if (size === 0) {
    throw new SiecleFileError(
      'empty_file',
      `Le fichier déposé est vide (0 octet) : le téléchargement depuis SIECLE a sans doute échoué. Recommencez-le.`,
      `The uploaded file is empty (0 bytes): the download from SIECLE probably failed. Download it again.`,
    );
  }
  if (size > options.maxBytes) throw fileTooBig(size, options.maxBytes);

  const format = await detectFormat(input.path, input.fileName ?? input.path);
  if (format === 'zip') {
    return readSingleXmlOfZip(input.path, options.maxBytes, (bytes) => parseXml(bytes, options.expectedUaj));
  }
  // Bounded again while reading: the file may have grown since it was measured.
  const bytes = limitBytes(createReadStream(input.path), options.maxBytes, () => fileTooBig(null, options.maxBytes));
  if (format === 'xml') return parseXml(bytes, options.expectedUaj);
  const { encoding, ...report } = await readSiecleCsv(bytes);
  return { format: 'csv', encoding, uaj: null, ...report };
}

async function parseXml(bytes: AsyncIterable<Buffer>, expectedUaj: string): Promise<ParsedExport> {
  let encoding = 'UTF-8';
  const text = decodeText(bytes, (head) => (encoding = xmlEncodingOf(head)));
  const xml = await readSiecleXml(text, expectedUaj, () => encoding);
  return { format: 'xml', encoding, uaj: xml.uaj, ...studentsFromXml(xml) };
}

const ZIP_SIGNATURES = ['504b0304', '504b0506']; // a local file header; an empty archive
const SNIFF_BYTES = 512;

/**
 * The bytes decide: referents rename files, and browsers add ".xml" or drop ".zip". The name only
 * turns "not XML nor zip" into a clearer refusal when it promised one of them.
 */
async function detectFormat(path: string, name: string): Promise<Format> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (ZIP_SIGNATURES.includes(head.subarray(0, 4).toString('hex'))) return 'zip';
  if (startsLikeXml(head)) return 'xml';
  if (/\.(xml|zip)$/i.test(name)) {
    throw new SiecleFileError(
      'not_siecle',
      `Le fichier « ${baseName(name)} » n'est ni un XML ni une archive ZIP, malgré son nom : ce n'est pas un export SIECLE. ` +
        `Téléchargez à nouveau « ElevesSansAdresses » depuis SIECLE (module BEE).`,
      `The file “${baseName(name)}” is neither XML nor a ZIP archive, despite its name: it is not a SIECLE export. ` +
        `Download “ElevesSansAdresses” again from SIECLE (module BEE).`,
    );
  }
  return 'csv';
}

/** After an optional byte-order mark and blank space, XML opens a tag; a CSV never does. */
function startsLikeXml(head: Buffer): boolean {
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return head[2] === 0x3c || head[3] === 0x3c;
  while (start < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[start] ?? 0)) start += 1;
  return head[start] === 0x3c; // '<'
}

function baseName(name: string): string {
  return name.split(/[\\/]/).at(-1) ?? name;
}
