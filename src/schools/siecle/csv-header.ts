/**
 * The CSV layout of spec §6: its columns, and the reading of the header line, which also settles
 * the encoding (a CSV says nothing of its own: we keep the first candidate in which the header's
 * accented titles read right).
 */
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { SiecleFileError } from './types.js';

export const CSV_COLUMNS = {
  ine: 'Identifiant unique*',
  firstName: 'Premier prénom*',
  secondFirstName: 'Deuxième prénom',
  thirdFirstName: 'Troisième prénom',
  lastName: 'Nom de famille*',
  usageName: "Nom d'usage",
  birthDate: 'Date de naissance (jj/mm/aaaa)*',
  birthCityCode: 'Code commune naissance**',
  birthCity: 'Libellé commune naissance**',
  birthDepartmentCode: 'Code département naissance*',
  birthCountryCode: 'Code pays naissance*',
  status: 'Statut*',
  mefCode: 'Code MEF*',
  division: 'Division*',
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;

/** Spreadsheets save CSV in the first (Excel "CSV UTF-8", LibreOffice), second (Excel on Windows) or third (old Excel on Mac). */
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'macintosh'] as const;

export const CSV_DELIMITER = ';';

/** Starred titles must be there (** = required under a condition: the column still must be). */
const REQUIRED = (Object.keys(CSV_COLUMNS) as CsvColumn[]).filter((column) => CSV_COLUMNS[column].endsWith('*'));

/** "Premier prénom" as the referent reads it in a message: the title without its stars. */
export function columnLabel(column: CsvColumn): string {
  return CSV_COLUMNS[column].replace(/\*+$/, '');
}

export interface CsvHeader {
  encoding: (typeof CSV_ENCODINGS)[number];
  /** Index of each column found in the header. */
  columns: Map<CsvColumn, number>;
  width: number;
}

/**
 * Reads the header from the file's first bytes, trying each encoding in turn.
 * @throws SiecleFileError not_siecle, missing_column or duplicate_column.
 */
export function readCsvHeader(head: Buffer): CsvHeader {
  const newline = head.indexOf(0x0a);
  const lineBytes = newline === -1 ? head : head.subarray(0, newline);
  let best: (CsvHeader & { found: number }) | undefined;
  for (const encoding of CSV_ENCODINGS) {
    const titles = splitHeader(iconv.decode(lineBytes, encoding));
    const columns = locateColumns(titles);
    const found = REQUIRED.filter((column) => columns.has(column)).length;
    if (found === REQUIRED.length) return { encoding, columns, width: titles.length };
    if (!best || found > best.found) best = { encoding, columns, width: titles.length, found };
  }
  if (!best || best.found === 0) {
    throw new SiecleFileError(
      'not_siecle',
      `Ce fichier n'est ni un export SIECLE (XML ou ZIP) ni une liste d'élèves au format CSV attendu : sa première ligne ` +
        `doit être l'en-tête « ${Object.values(CSV_COLUMNS).join(';')} », avec le point-virgule comme séparateur.`,
      `This file is neither a SIECLE export (XML or ZIP) nor a student list in the expected CSV layout: its first line ` +
        `must be the header “${Object.values(CSV_COLUMNS).join(';')}”, with the semicolon as separator.`,
    );
  }
  const { columns } = best;
  const missing = REQUIRED.filter((column) => !columns.has(column));
  const several = missing.length > 1;
  throw new SiecleFileError(
    'missing_column',
    `${several ? 'Colonnes obligatoires absentes' : 'Colonne obligatoire absente'} de l'en-tête du fichier CSV : ` +
      `${missing.map((column) => `« ${CSV_COLUMNS[column]} »`).join(', ')}. ` +
      `Ajoutez-${several ? 'les' : 'la'} (le titre exact compte, l'ordre des colonnes non).`,
    `${several ? 'Required columns missing' : 'Required column missing'} from the header of the CSV file: ` +
      `${missing.map((column) => `“${CSV_COLUMNS[column]}”`).join(', ')}. ` +
      `Add ${several ? 'them' : 'it'} (the exact title matters, the order of the columns does not).`,
  );
}

function splitHeader(line: string): string[] {
  try {
    const [titles] = parse(line, { delimiter: CSV_DELIMITER, relax_quotes: true, relax_column_count: true, to_line: 1 }) as string[][];
    return titles ?? [];
  } catch {
    return []; // a line that is not even CSV has none of our columns: reported as not_siecle
  }
}

function locateColumns(titles: string[]): Map<CsvColumn, number> {
  const byKey = new Map<string, CsvColumn>((Object.keys(CSV_COLUMNS) as CsvColumn[]).map((column) => [titleKey(CSV_COLUMNS[column]), column]));
  const columns = new Map<CsvColumn, number>();
  titles.forEach((title, index) => {
    const column = byKey.get(titleKey(title));
    if (column === undefined) return; // extra columns are the referent's business
    if (columns.has(column)) {
      throw new SiecleFileError(
        'duplicate_column',
        `La colonne « ${CSV_COLUMNS[column]} » figure deux fois dans l'en-tête du fichier CSV : gardez-en une seule.`,
        `The column “${CSV_COLUMNS[column]}” appears twice in the header of the CSV file: keep only one.`,
      );
    }
    columns.set(column, index);
  });
  return columns;
}

/**
 * Titles match whatever the spreadsheet did to them: spaces around and doubled, letter case, a
 * curly apostrophe, stars dropped. Accents stay: they are what tells the encodings apart.
 */
function titleKey(title: string): string {
  return title.normalize('NFC').replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').replace(/\*+\s*$/, '').trim().toLowerCase();
}
