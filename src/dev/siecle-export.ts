/**
 * Writes a synthetic SIECLE export as the real ones come: the "BEE_ELEVES" XML
 * (ElevesSansAdresses.xml) in ISO-8859-15, zipped or not, or the `;` CSV layout in Windows-1252.
 * Streamed from the students to the file, so that 20,000 students are never one string.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { generatedStudents, isCurrent, type GeneratedStudent, type StudentShares } from './siecle-students.js';

export interface SiecleExportRequest {
  out: string;
  students: number;
  format: 'xml' | 'csv';
  /** XML only: the file inside a zip archive, as SIECLE often delivers it. */
  zip?: boolean;
  /** Same seed, same file. */
  seed?: number;
  uaj?: string;
  /** XML only; a CSV is always Windows-1252, as spreadsheets on Windows save it. */
  encoding?: 'iso-8859-15' | 'utf-8';
  shares?: Partial<StudentShares>;
}

export interface SiecleExportWritten {
  path: string;
  format: 'xml' | 'csv';
  encoding: string;
  zipped: boolean;
  /** Students written to the XML; for the CSV, which lists only current students, those drawn. */
  students: number;
  /** Students still at school and in a division: those an import keeps, duplicates aside. */
  current: number;
  bytes: number;
}

export const DEFAULT_SHARES: StudentShares = { left: 0.02, noDivision: 0.01, duplicateIne: 0 };
export const DEFAULT_UAJ = '0860001A';
/** The zip entry's date, fixed so that the same seed gives the same bytes. */
const EXPORTED_AT = new Date('2026-11-25T08:00:00Z');

const CSV_HEADER = ['Identifiant unique*', 'Premier prénom*', 'Deuxième prénom', 'Troisième prénom', 'Nom de famille*',
  "Nom d'usage", 'Date de naissance (jj/mm/aaaa)*', 'Code commune naissance**', 'Libellé commune naissance**',
  'Code département naissance*', 'Code pays naissance*', 'Statut*', 'Code MEF*', 'Division*'];

export async function writeSiecleExport(request: SiecleExportRequest): Promise<SiecleExportWritten> {
  const { out, students: count, format, zip = false, seed = 42, uaj = DEFAULT_UAJ } = request;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`students must be a whole number ≥ 0 (got ${count})`);
  if (format === 'csv' && (zip || request.encoding)) throw new RangeError('a CSV export is neither zipped nor re-encoded');
  const shares = { ...DEFAULT_SHARES, ...request.shares };
  const encoding = format === 'csv' ? 'windows-1252' : (request.encoding ?? 'iso-8859-15');
  const students = () => generatedStudents(seed, count, shares);
  const text = format === 'csv' ? [Readable.from(csvRows(students())), csvWriter()] : [Readable.from(xmlChunks(uaj, encoding, students))];
  // iconv-lite writes '?' for a letter the charset lacks, as SIECLE does.
  const encoder = iconv.encodeStream(encoding);
  if (zip) {
    const entry = new PassThrough();
    const archive = new yazl.ZipFile();
    archive.addReadStream(entry, 'ElevesSansAdresses.xml', { mtime: EXPORTED_AT });
    archive.end();
    await Promise.all([pipeline([...text, encoder, entry]), pipeline(archive.outputStream, createWriteStream(out))]);
  } else {
    await pipeline([...text, encoder, createWriteStream(out)]);
  }
  let current = 0;
  for (const student of students()) if (isCurrent(student)) current++;
  return { path: out, format, encoding, zipped: zip, students: count, current, bytes: (await stat(out)).size };
}

/** csv-stringify quotes a cell that holds `;`, `"` or a line break, as spreadsheets do. */
function csvWriter() {
  const writer = stringify({ delimiter: ';', record_delimiter: 'windows' });
  // The encoder after it takes text, not the bytes a stream gives by default.
  writer.setEncoding('utf8');
  return writer;
}

function* csvRows(students: Iterable<GeneratedStudent>): Generator<string[]> {
  yield CSV_HEADER;
  for (const s of students) {
    if (!isCurrent(s)) continue;
    yield [s.ine, s.firstName, s.secondFirstName, s.thirdFirstName, s.lastName, s.usageName, s.birthDate, s.cityCode,
      s.countryCode === '100' ? s.city : '', s.departmentCode || '99', `99${s.countryCode}`, s.status, s.mefCode, s.division];
  }
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function studentXml(s: GeneratedStudent): string {
  return `      <ELEVE ELEVE_ID="${s.id}" ELENOET="${s.id}">
        <ID_NATIONAL>${s.ine}</ID_NATIONAL>
        <ELENOET>${s.id}</ELENOET>
        <NOM_DE_FAMILLE>${escape(s.lastName)}</NOM_DE_FAMILLE>
        <NOM_USAGE>${escape(s.usageName)}</NOM_USAGE>
        <PRENOM>${escape(s.firstName)}</PRENOM>
        <PRENOM2>${escape(s.secondFirstName)}</PRENOM2>
        <PRENOM3>${escape(s.thirdFirstName)}</PRENOM3>
        <DATE_NAISS>${s.birthDate}</DATE_NAISS>
        <CODE_SEXE>${s.sex}</CODE_SEXE>
        <CODE_PAYS>${s.countryCode}</CODE_PAYS>
        <CODE_DEPARTEMENT_NAISS>${s.departmentCode}</CODE_DEPARTEMENT_NAISS>
        <CODE_COMMUNE_INSEE_NAISS>${s.cityCode}</CODE_COMMUNE_INSEE_NAISS>
        <VILLE_NAISS>${escape(s.city)}</VILLE_NAISS>
        <CODE_MEF>${s.mefCode}</CODE_MEF>
        <CODE_STATUT>${s.status}</CODE_STATUT>
        <DATE_ENTREE>01/09/2026</DATE_ENTREE>
        <DATE_SORTIE>${s.leftOn}</DATE_SORTIE>
      </ELEVE>
`;
}

function structure(code: string, type: 'D' | 'G'): string {
  return `        <STRUCTURE>
          <CODE_STRUCTURE>${escape(code)}</CODE_STRUCTURE>
          <TYPE_STRUCTURE>${type}</TYPE_STRUCTURE>
        </STRUCTURE>
`;
}

function structuresXml(s: GeneratedStudent): string {
  return `      <STRUCTURES_ELEVE ELEVE_ID="${s.id}" ELENOET="${s.id}">
${s.division ? structure(s.division, 'D') : ''}${s.inGroup ? structure(`${s.division || 'X'}-ANG`, 'G') : ''}      </STRUCTURES_ELEVE>
`;
}

/** The students are drawn twice (their records, then their structures), rather than kept. */
function* xmlChunks(uaj: string, encoding: string, students: () => Iterable<GeneratedStudent>): Generator<string> {
  yield `<?xml version="1.0" encoding="${encoding.toUpperCase()}"?>
<BEE_ELEVES VERSION="3.9">
  <PARAMETRES>
    <UAJ>${escape(uaj)}</UAJ>
    <ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>
    <DATE_EXPORT>25/11/2026</DATE_EXPORT>
    <HORODATAGE>25/11/2026 08:00:00</HORODATAGE>
  </PARAMETRES>
  <DONNEES>
    <ELEVES>
`;
  for (const s of students()) yield studentXml(s);
  yield '    </ELEVES>\n    <STRUCTURES>\n';
  for (const s of students()) yield structuresXml(s);
  yield '    </STRUCTURES>\n  </DONNEES>\n</BEE_ELEVES>\n';
}
