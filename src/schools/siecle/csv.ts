/**
 * The CSV alternative to the SIECLE XML (spec §6), made by hand or by a spreadsheet: every row is
 * checked and every problem names its line (data row index + 2, the spreadsheet's row number) and
 * its column.
 */
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { CSV_COLUMNS, CSV_DELIMITER, columnLabel, readCsvHeader, type CsvColumn, type CsvHeader } from './csv-header.js';
import { decodeText, hasForeignCharacters } from './encoding.js';
import { FRANCE, frenchDateToIso, INE_RULE, isValidIne, MAX_TEXT_LENGTH, normalizeIne, optional, studentName } from './fields.js';
import { assembleReport, type ReadStudent, type StudentsReport } from './report.js';
import { SiecleFileError, type ImportProblem } from './types.js';

/** "99" + INSEE country code: the INSEE way of writing a birthplace abroad. */
const COUNTRY = /^99(\d{3})$/;
const STATUSES: ReadonlySet<string> = new Set(['ST', 'AP']);
/** INSEE's département for "born abroad". */
const ABROAD_DEPARTMENT = '99';

export async function readSiecleCsv(bytes: AsyncIterable<Buffer>): Promise<StudentsReport & { encoding: string }> {
  const chosen: { header?: CsvHeader } = {};
  const text = decodeText(bytes, (head) => {
    chosen.header = readCsvHeader(head);
    return chosen.header.encoding;
  });
  const read: ReadStudent[] = [];
  const parser = parse({ delimiter: CSV_DELIMITER, from_line: 2, trim: true, relax_quotes: true, relax_column_count: true });
  try {
    await pipeline(text, parser, async (records: AsyncIterable<string[]>) => {
      let line = 1;
      for await (const cells of records) {
        line += 1;
        if (cells.every((cell) => cell === '')) continue; // blank rows a spreadsheet leaves behind
        // The header is read before the first chunk is decoded, hence before any record.
        read.push(readRow(cells, line, chosen.header as CsvHeader));
      }
    });
  } catch (error) {
    if (error instanceof SiecleFileError) throw error;
    if (error instanceof CsvError) {
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
      const why = unclosed ? `un guillemet (") ouvert n'est jamais refermé` : `détail technique : ${error.message}`;
      const whyEn = unclosed ? `a double quote (") is opened and never closed` : `technical detail: ${error.message}`;
      throw new SiecleFileError(
        'malformed_csv',
        `Le fichier CSV est mal formé vers la ligne ${String(error.lines)} (${why}). ` +
          `Corrigez la cellule ou enregistrez à nouveau le fichier depuis le tableur.`,
        `The CSV file is malformed around line ${String(error.lines)} (${whyEn}). ` +
          `Fix the cell, or save the file again from the spreadsheet.`,
      );
    }
    throw error;
  }
  const header = chosen.header as CsvHeader;
  const report = assembleReport(read, [], columnLabel('ine'), (line, lang) =>
    line === null ? (lang === 'fr' ? 'une autre ligne' : 'another line') : `${lang === 'fr' ? 'ligne' : 'line'} ${line}`,
  );
  return { ...report, encoding: header.encoding };
}

function readRow(cells: string[], line: number, header: CsvHeader): ReadStudent {
  const value = (column: CsvColumn): string | null => {
    const index = header.columns.get(column);
    return index === undefined ? null : optional(cells[index]);
  };
  const ineText = value('ine');
  const ine = ineText === null ? null : normalizeIne(ineText);
  const name = studentName(value('firstName'), value('lastName'));
  const problems: ImportProblem[] = [];
  /** Column titles stay as the file writes them (French) in both languages: the referent looks for them. */
  const problem = (column: CsvColumn | null, code: string, what: string, whatEn: string): void => {
    const field = column === null ? null : columnLabel(column);
    problems.push({
      ine, line, field, code,
      message: `Ligne ${line}${field ? `, colonne « ${field} »` : ''} : ${what}.`,
      messageEn: `Line ${line}${field ? `, column “${field}”` : ''}: ${whatEn}.`,
    });
  };

  if (cells.slice(header.width).some((cell) => cell !== '')) {
    problem(
      null, 'column_count',
      `${cells.length} valeurs pour ${header.width} colonnes : un point-virgule dans un nom ? Mettez alors le nom entre guillemets`,
      `${cells.length} values for ${header.width} columns: a semicolon in a name? Then put the name between double quotes`,
    );
  }
  for (const column of header.columns.keys()) {
    const text = value(column);
    if (text === null) continue;
    if (text.length > MAX_TEXT_LENGTH) problem(column, 'too_long', `plus de ${MAX_TEXT_LENGTH} caractères`, `more than ${MAX_TEXT_LENGTH} characters`);
    if (hasForeignCharacters(text)) {
      problem(
        column, 'invalid_characters',
        `caractères illisibles : enregistrez le fichier en CSV UTF-8 ou Windows (point-virgule)`,
        `unreadable characters: save the file as CSV UTF-8 or Windows CSV (semicolon-separated)`,
      );
    }
  }

  const required = (column: CsvColumn, code = 'required'): string | null => {
    const text = value(column);
    if (text === null) problem(column, code, 'valeur obligatoire absente', 'required value missing');
    return text;
  };
  if (ine === null) problem('ine', 'ine_missing', 'INE absent', 'INE missing');
  else if (!isValidIne(ine)) problem('ine', 'ine_invalid', `« ${ine} » n'est pas un INE (${INE_RULE.fr})`, `“${ine}” is not an INE (${INE_RULE.en})`);
  const firstName = required('firstName');
  const lastName = required('lastName');

  const birthText = required('birthDate', 'birth_date_missing');
  const birthDate = birthText === null ? null : frenchDateToIso(birthText);
  if (birthText !== null && birthDate === null) {
    problem(
      'birthDate', 'birth_date_invalid',
      `« ${birthText} » n'est pas une date valide au format jj/mm/aaaa`,
      `“${birthText}” is not a valid date in the format dd/mm/yyyy (day/month/year)`,
    );
  }

  const department = required('birthDepartmentCode');
  const countryText = required('birthCountryCode');
  const country = countryText === null ? null : (COUNTRY.exec(countryText)?.[1] ?? null);
  if (countryText !== null && country === null) {
    problem(
      'birthCountryCode', 'country_code_invalid',
      `« ${countryText} » n'est pas un code pays : 5 chiffres, « 99 » suivi du code INSEE du pays (99100 pour la France)`,
      `“${countryText}” is not a country code: 5 digits, “99” followed by the country's INSEE code (99100 for France)`,
    );
  }
  const cityCode = value('birthCityCode');
  if (country === FRANCE && cityCode === null) {
    problem(
      'birthCityCode', 'birth_city_code_missing',
      'né(e) en France (99100) : le code commune de naissance est obligatoire',
      'born in France (99100): the code of the town of birth is required',
    );
  }

  const statusText = required('status');
  const status = statusText?.toUpperCase() ?? null;
  if (status !== null && !STATUSES.has(status)) {
    problem('status', 'status_invalid', `« ${statusText} » : le statut est ST (élève) ou AP (apprenti)`, `“${statusText}”: the status is ST (student) or AP (apprentice)`);
  }
  const mefCode = required('mefCode');
  const division = required('division');

  const valid = problems.length === 0 && ine !== null && firstName !== null && lastName !== null && birthDate !== null && division !== null;
  return {
    ine, line, name, problems,
    student: valid
      ? {
          ine, lastName, usageName: value('usageName'), firstName,
          secondFirstName: value('secondFirstName'), thirdFirstName: value('thirdFirstName'),
          birthDate, sex: null,
          birthCountryCode: country,
          // The XML leaves it empty for a birth abroad; the CSV writes INSEE's 99: same fact, same value.
          birthDepartmentCode: department === ABROAD_DEPARTMENT && country !== FRANCE ? null : department,
          birthCityCode: cityCode, birthCity: value('birthCity'),
          mefCode, status: status as 'ST' | 'AP', division, groups: [],
        }
      : null,
  };
}

/** Exported for the tests that build CSV files: the header exactly as the spec writes it. */
export const CSV_HEADER_LINE = Object.values(CSV_COLUMNS).join(CSV_DELIMITER);
