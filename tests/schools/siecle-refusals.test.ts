/**
 * Unit tests of the whole-file refusals: each broken export is refused with a SiecleFileError
 * whose French message, and its English one, name what is wrong, before any student is considered.
 */
import { readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER_LINE } from '../../src/schools/siecle/csv.js';
import { MAX_COMPRESSION_RATIO } from '../../src/schools/siecle/zip.js';
import { FIXTURES, fixture, MAX_BYTES, parse, refusal, withTempDir } from './siecle-helpers.js';
import { buildZip } from './zip-writer.js';

describe('an XML file is refused as a whole when', () => {
  it.each([
    ['it is the export of another school', 'wrong-uaj.xml', 'wrong_uaj', /établissement 0170001B, pas du vôtre \(0860001A\)/, /school 0170001B, not of yours \(0860001A\)/],
    ['its declared encoding is unknown', 'unknown-encoding.xml', 'unknown_encoding', /« KOI8-X »/, /encoding “KOI8-X” .* is unknown/],
    ['it is cut short', 'truncated.xml', 'truncated_xml', /incomplet : il s'arrête \(ligne 35\) avant la fin de <ELEVE>/, /incomplete: it stops \(line 35\) before the end of <ELEVE>/],
    [
      'it is not well-formed', 'malformed.xml', 'malformed_xml',
      /mal formé ligne 31, colonne 31 \(détail technique : unexpected close tag/, /malformed at line 31, column 31 \(technical detail: unexpected close tag/,
    ],
    ['it is empty', 'empty.xml', 'empty_file', /vide \(0 octet\)/, /^The uploaded file is empty \(0 bytes\): the download from SIECLE probably failed\. Download it again\.$/],
    ['it is some other XML', 'not-siecle.xml', 'not_siecle', /<html>/, /not a SIECLE student export \(its root element is <html>, not <BEE_ELEVES>\)/],
    ['it says UTF-8 but is not', 'mislabeled-utf8.xml', 'invalid_bytes', /« UTF-8 »/, /declares the encoding “UTF-8” but holds characters that do not exist in it/],
    ['it says ISO-8859-15 but is Windows-1252', 'mislabeled-windows-1252.xml', 'invalid_bytes', /« ISO-8859-15 »/, /“ISO-8859-15”/],
  ])('%s, said in French and in English', async (_case, name, code, message, messageEn) => {
    const error = await refusal(fixture(name));

    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.messageEn).toMatch(messageEn);
  });

  it('holds a declaration and no element', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.xml');
      await writeFile(path, '<?xml version="1.0" encoding="UTF-8"?>\n');

      const error = await refusal(path);

      expect(error.code).toBe('not_siecle');
      expect(error.message).toMatch(/aucun élément/);
    });
  });

  it('matches the UAJ whatever its case and surrounding spaces', async () => {
    const parsed = await parse(fixture('ElevesSansAdresses-60.xml'), { expectedUaj: ' 0860001a ' });

    expect(parsed.students).toHaveLength(54);
  });

  it('is over the size limit, before it is read (a 21 MiB file)', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.xml');
      await writeFile(path, '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES>');
      await truncate(path, 21 * 1024 * 1024); // sparse: 21 MiB on paper, nothing on disk

      const error = await refusal(path);

      expect(error.code).toBe('file_too_big');
      expect(error.message).toMatch(/fait 21 Mo, au-delà de la limite de 20 Mo/);
      expect(error.messageEn).toMatch(/^The file is 21 MB, over the limit of 20 MB\. /);
    });
  });

  it('is named .xml but holds something else', async () => {
    const error = await refusal(fixture('eleves-60.csv'), { fileName: 'ElevesSansAdresses.xml' });

    expect(error.code).toBe('not_siecle');
    expect(error.message).toMatch(/« ElevesSansAdresses\.xml » n'est ni un XML ni une archive ZIP/);
  });
});

describe('a zip is refused when', () => {
  it('it holds no XML file', async () => {
    const error = await refusal(fixture('zip-no-xml.zip'));

    expect(error.code).toBe('zip_no_xml');
    expect(error.message).toMatch(/aucun fichier XML \(elle contient : LISEZMOI\.txt\)/);
  });

  it('it holds two XML files', async () => {
    const error = await refusal(fixture('zip-two-xml.zip'));

    expect(error.code).toBe('zip_several_xml');
    expect(error.message).toMatch(/2 fichiers XML \(ElevesSansAdresses\.xml, Autre\.xml\)/);
  });

  it.each([
    ['Excel', ['[Content_Types].xml', 'xl/workbook.xml']],
    ['LibreOffice', ['mimetype', 'content.xml', 'META-INF/manifest.xml']],
  ])('it is an %s spreadsheet rather than a CSV', async (_maker, names) => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves');
      await writeFile(path, await buildZip(names.map((name) => ({ name, content: Buffer.from('<x/>') }))));

      const error = await refusal(path);

      expect(error.code).toBe('spreadsheet_not_csv');
      expect(error.message).toMatch(/classeur .* au format CSV/);
    });
  });

  it(`it inflates more than ${MAX_COMPRESSION_RATIO} to 1 (a zip bomb: 64 MiB of zeros)`, async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.zip');
      await writeFile(path, await buildZip([{ name: 'ElevesSansAdresses.xml', content: { zeros: 64 * 1024 * 1024 } }]));

      const error = await refusal(path);

      expect(error.code).toBe('zip_bomb');
      expect(error.message).toMatch(/ElevesSansAdresses\.xml .* se décompresse de façon anormale/);
    });
  });

  it('its entry inflates beyond its declared size', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.zip');
      const xml = Buffer.from(`<?xml version="1.0"?><BEE_ELEVES>${' '.repeat(50_000)}</BEE_ELEVES>`);
      await writeFile(path, await buildZip([{ name: 'ElevesSansAdresses.xml', content: xml, declaredSize: 1_000 }]));

      expect((await refusal(path)).code).toBe('zip_bomb');
    });
  });

  it('its XML, once inflated, is over the size limit', async () => {
    // The 60-student export is 59 KiB inflated and 3.5 KiB zipped: a 40 KiB limit lets the zip in, not its XML.
    const error = await refusal(fixture('eleves-60.zip'), { maxBytes: 40 * 1024 });

    expect(error.code).toBe('file_too_big');
    expect(error.message).toMatch(/Le fichier ElevesSansAdresses\.xml, une fois décompressé, fait 60 Ko, au-delà de la limite de 40 Ko/);
    expect(error.messageEn).toMatch(/The file ElevesSansAdresses\.xml, once unzipped, is 60 KB, over the limit of 40 KB/);
  });

  it('it is protected by a password', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.zip');
      await writeFile(path, await buildZip([{ name: 'ElevesSansAdresses.xml', content: Buffer.from('<BEE_ELEVES/>'), encrypted: true }]));

      const error = await refusal(path);

      expect(error.code).toBe('zip_encrypted');
      expect(error.message).toBe(`L'archive est protégée par un mot de passe : déposez l'archive non chiffrée, ou directement le fichier XML.`);
      expect(error.messageEn).toBe('The archive is protected by a password: upload the archive without encryption, or the XML file itself.');
    });
  });

  it('it is not a readable zip', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'broken.zip');
      await writeFile(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));

      expect((await refusal(path)).code).toBe('zip_invalid');
    });
  });
});

describe('a CSV is refused as a whole when', () => {
  it('a required column is missing, named in the message', async () => {
    const error = await refusal(fixture('csv-missing-column.csv'));

    expect(error.code).toBe('missing_column');
    expect(error.message).toMatch(/Colonne obligatoire absente de l'en-tête du fichier CSV : « Division\* »/);
    expect(error.messageEn).toMatch(/Required column missing from the header of the CSV file: “Division\*”\. Add it/);
  });

  it('its header is not ours at all (here, comma-separated)', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      await writeFile(path, 'Identifiant unique*,Premier prénom*,Nom de famille*\n0123456789A,Léa,MARTIN\n');

      const error = await refusal(path);

      expect(error.code).toBe('not_siecle');
      expect(error.message).toMatch(/point-virgule/);
    });
  });

  it('a column appears twice', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      await writeFile(path, `${CSV_HEADER_LINE};Division*\n`);

      expect((await refusal(path)).code).toBe('duplicate_column');
    });
  });

  it('a quote is never closed', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      await writeFile(path, `${CSV_HEADER_LINE}\n0300000001A;"Zoé;;;BŒUF;;12/03/2013;86194;POITIERS;086;99100;ST;10110001110;5A\n`);

      const error = await refusal(path);

      expect(error.code).toBe('malformed_csv');
      expect(error.message).toMatch(/guillemet/);
      expect(error.messageEn).toMatch(/malformed around line \d+ \(a double quote \(\"\) is opened and never closed\)/);
    });
  });

  it('it is over the size limit', async () => {
    const error = await refusal(fixture('eleves-60.csv'), { maxBytes: 1024 });

    expect(error.code).toBe('file_too_big');
  });
});

it('the default limit is the one of the spec, 20 MiB', () => {
  expect(MAX_BYTES).toBe(20 * 1024 * 1024);
});

/**
 * A translation left in French, or French typography pasted into the English, is what the English
 * referent would notice: checked over every fixture, refused or not.
 */
describe('the English texts', () => {
  const FRENCH = /«|»| : |\bligne\b|élève|\bfichier\b|établissement|déposez/i;

  it('of every fixture are written in English, never the French ones again', async () => {
    const names = (await readdir(FIXTURES)).filter((name) => /\.(xml|zip|csv)$/.test(name));
    const texts: Array<{ name: string; message: string; messageEn: string }> = [];
    for (const name of names) {
      try {
        const parsed = await parse(fixture(name));
        for (const item of [...parsed.errors, ...parsed.skipped]) texts.push({ name, ...item });
      } catch (error) {
        const { message, messageEn } = error as { message: string; messageEn: string };
        texts.push({ name, message, messageEn });
      }
    }

    expect(texts.length).toBeGreaterThan(20);
    for (const { name, message, messageEn } of texts) {
      expect(messageEn, name).not.toMatch(FRENCH);
      expect(messageEn, name).not.toBe(message);
    }
  });
});
