/**
 * SIECLE exports are often downloaded zipped. The archive must hold exactly one XML file, which is
 * streamed out of it without being extracted to disk, under the same size limit as a plain file.
 */
import { posix } from 'node:path';
import yauzl from 'yauzl';
import type { Lang } from '../../i18n/messages.js';
import { fileTooBig, limitBytes } from './limits.js';
import { SiecleFileError } from './types.js';

/**
 * An XML export compresses about 25 to 1 (measured on generated exports); a run of zeros, 1000 to 1.
 * Far above the first, far below the second: a file over it is built to exhaust memory.
 */
export const MAX_COMPRESSION_RATIO = 100;

const OFFICE_DOCUMENT_MARKERS: ReadonlySet<string> = new Set(['[Content_Types].xml', 'mimetype', 'META-INF/manifest.xml']);

/** A SIECLE archive holds one file; thousands of entries only make listing them costly. */
const MAX_ENTRIES = 1000;

/**
 * Finds the archive's single XML file and hands its bytes to `read`; the archive is closed when
 * `read` settles.
 */
export async function readSingleXmlOfZip<T>(
  path: string,
  maxBytes: number,
  read: (bytes: AsyncIterable<Buffer>, entryName: string) => Promise<T>,
): Promise<T> {
  // Sizes are checked here against what the stream really yields, rather than by yauzl with an
  // English message.
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false }).catch((error: unknown) => {
    throw invalidZip(error);
  });
  try {
    const entry = await singleXmlEntry(zip);
    if (entry.isEncrypted()) {
      throw new SiecleFileError(
        'zip_encrypted',
        `L'archive est protégée par un mot de passe : déposez l'archive non chiffrée, ou directement le fichier XML.`,
        `The archive is protected by a password: upload the archive without encryption, or the XML file itself.`,
      );
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (ratio > MAX_COMPRESSION_RATIO) throw zipBomb(entry.fileName);
    if (entry.uncompressedSize > maxBytes) {
      throw fileTooBig(entry.uncompressedSize, maxBytes, { fr: `Le fichier ${entry.fileName}, une fois décompressé,`, en: `The file ${entry.fileName}, once unzipped,` });
    }
    const stream = await zip.openReadStreamPromise(entry).catch((error: unknown) => {
      throw invalidZip(error);
    });
    return await read(checkedBytes(stream, entry.uncompressedSize, entry.fileName), entry.fileName);
  } finally {
    zip.close();
  }
}

async function singleXmlEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry> {
  if (zip.entryCount > MAX_ENTRIES) {
    throw new SiecleFileError(
      'zip_invalid',
      `L'archive contient ${zip.entryCount} fichiers : un export SIECLE n'en contient qu'un. Déposez le seul fichier XML.`,
      `The archive holds ${zip.entryCount} files: a SIECLE export holds only one. Upload the XML file alone.`,
    );
  }
  const xmlEntries: yauzl.Entry[] = [];
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      names.push(entry.fileName);
      if (isXmlFile(entry.fileName)) xmlEntries.push(entry);
    }
  } catch (error) {
    throw invalidZip(error);
  }
  // Excel (.xlsx) and LibreOffice (.ods) files are zips of XML files: say what they really are.
  if (names.some((name) => OFFICE_DOCUMENT_MARKERS.has(name))) throw spreadsheet();
  const [single, ...others] = xmlEntries;
  if (single === undefined) {
    throw new SiecleFileError(
      'zip_no_xml',
      `L'archive ne contient aucun fichier XML${names.length ? ` (elle contient : ${listed(names, 'fr')})` : ' (elle est vide)'}. ` +
        `Elle doit contenir l'export SIECLE « ElevesSansAdresses.xml ».`,
      `The archive holds no XML file${names.length ? ` (it holds: ${listed(names, 'en')})` : ' (it is empty)'}. ` +
        `It must hold the SIECLE export “ElevesSansAdresses.xml”.`,
    );
  }
  if (others.length > 0) {
    const xmlNames = xmlEntries.map((entry) => entry.fileName);
    throw new SiecleFileError(
      'zip_several_xml',
      `L'archive contient ${xmlEntries.length} fichiers XML (${listed(xmlNames, 'fr')}) : ` +
        `elle ne doit en contenir qu'un, l'export SIECLE « ElevesSansAdresses.xml ». Déposez ce seul fichier.`,
      `The archive holds ${xmlEntries.length} XML files (${listed(xmlNames, 'en')}): ` +
        `it must hold only one, the SIECLE export “ElevesSansAdresses.xml”. Upload that file alone.`,
    );
  }
  return single;
}

/** macOS's archiver adds "__MACOSX/…" and "._name" copies of each file: not the referent's files. */
function isXmlFile(name: string): boolean {
  return /\.xml$/i.test(name) && !name.startsWith('__MACOSX/') && !posix.basename(name).startsWith('._');
}

async function* checkedBytes(stream: AsyncIterable<Buffer>, declaredSize: number, name: string): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of limitBytes(stream, declaredSize, () => zipBomb(name))) {
      total += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw error instanceof SiecleFileError ? error : invalidZip(error);
  }
  if (total < declaredSize) throw invalidZip(new Error(`${name}: ${total} of ${declaredSize} bytes`));
}

function listed(names: string[], lang: Lang): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}… (${names.length} ${lang === 'fr' ? 'fichiers' : 'files'})` : shown;
}

function zipBomb(name: string): SiecleFileError {
  return new SiecleFileError(
    'zip_bomb',
    `Le fichier ${name} de l'archive se décompresse de façon anormale (taux de compression de plus de ${MAX_COMPRESSION_RATIO} pour 1, ` +
      `ou taille réelle différente de la taille annoncée) : ce n'est pas un export SIECLE, il est refusé.`,
    `The file ${name} in the archive unzips abnormally (a compression ratio over ${MAX_COMPRESSION_RATIO} to 1, ` +
      `or a real size different from the announced one): it is not a SIECLE export, and is refused.`,
  );
}

function invalidZip(cause: unknown): SiecleFileError {
  const error = new SiecleFileError(
    'zip_invalid',
    `L'archive ZIP est illisible ou abîmée : téléchargez-la à nouveau depuis SIECLE, ou déposez directement le fichier XML.`,
    `The ZIP archive is unreadable or damaged: download it again from SIECLE, or upload the XML file itself.`,
  );
  error.cause = cause;
  return error;
}

function spreadsheet(): SiecleFileError {
  return new SiecleFileError(
    'spreadsheet_not_csv',
    `Ce fichier est un classeur (Excel ou LibreOffice), pas un CSV : dans le tableur, choisissez « Enregistrer sous » ` +
      `au format CSV avec le point-virgule comme séparateur, puis déposez le fichier .csv.`,
    `This file is a workbook (Excel or LibreOffice), not a CSV: in the spreadsheet, choose “Save As” ` +
      `in CSV format with the semicolon as separator, then upload the .csv file.`,
  );
}
