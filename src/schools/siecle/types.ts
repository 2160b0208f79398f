/**
 * What a SIECLE student import yields (spec §6), whichever the format (XML, zipped XML or CSV), so
 * that validation, storage and the referent's report never depend on the file's layout.
 */
import { SchoolError } from '../errors.js';

/** One current student of the school, as the export describes them. */
export interface SiecleStudent {
  /** ID_NATIONAL / "Identifiant unique": trimmed and upper-cased, the key of every re-import. */
  ine: string;
  lastName: string; // NOM_DE_FAMILLE
  usageName: string | null; // NOM_USAGE
  firstName: string; // PRENOM
  secondFirstName: string | null;
  thirdFirstName: string | null;
  /** ISO yyyy-mm-dd. */
  birthDate: string;
  /** CODE_SEXE 1 = M, 2 = F; the CSV layout has no such column, hence null there. */
  sex: 'M' | 'F' | null;
  /** INSEE country code, "100" for France, in both formats (the CSV's "99100" loses its "99"). */
  birthCountryCode: string | null;
  birthDepartmentCode: string | null;
  birthCityCode: string | null;
  birthCity: string | null;
  mefCode: string | null;
  status: 'ST' | 'AP' | null;
  /** The structure of TYPE_STRUCTURE D (CSV: Division). */
  division: string;
  /** Structures of TYPE_STRUCTURE G. */
  groups: string[];
}

/**
 * A fault in one student's data. Problems are collected over the whole file so that the referent
 * fixes them all in one go; an import with any problem must not be applied.
 *
 * Codes: ine_missing, ine_invalid, ine_duplicate, birth_date_missing, birth_date_invalid, sex_missing,
 * sex_invalid, birth_city_code_missing, required, too_long, status_invalid, country_code_invalid,
 * invalid_characters, column_count, no_student.
 */
export interface ImportProblem {
  ine: string | null;
  /** XML: line of the student's <ELEVE>; CSV: data row index + 2, i.e. the spreadsheet's row. */
  line: number | null;
  /** XML element name or CSV column title (without its stars). */
  field: string | null;
  code: string;
  /** In French, for the school referent. */
  message: string;
  /** The same facts in English, for a referent whose Teams speaks English. */
  messageEn: string;
}

/** A student of the file that is deliberately not imported: reported, not an error. */
export interface SkippedStudent {
  ine: string | null;
  name: string;
  reason: 'left_school' | 'no_ine' | 'no_division';
  /** In French; messageEn says the same in English. */
  message: string;
  messageEn: string;
}

export interface ParsedExport {
  format: 'xml' | 'csv';
  /** The encoding the text was decoded with (iconv-lite name as declared or detected). */
  encoding: string;
  /** PARAMETRES/UAJ of an XML export (already checked); null for a CSV, which has none. */
  uaj: string | null;
  /** Only students without any problem; students with problems are left out and listed in errors. */
  students: SiecleStudent[];
  skipped: SkippedStudent[];
  errors: ImportProblem[];
}

/**
 * The whole file is refused: nothing in it can be trusted or read. The message, in French, names
 * what is wrong so that the referent can fix it without help; messageEn says the same in English.
 *
 * Codes: empty_file, file_too_big, not_siecle, wrong_uaj, missing_uaj, unknown_encoding,
 * unsupported_encoding, invalid_bytes, malformed_xml, truncated_xml, zip_invalid, zip_encrypted,
 * zip_no_xml, zip_several_xml, zip_bomb, spreadsheet_not_csv, missing_column, duplicate_column,
 * malformed_csv.
 */
export class SiecleFileError extends SchoolError {
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}
