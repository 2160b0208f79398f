/** An import's report for people: each text in the reader's language, and the whole as CSV. */
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../i18n/messages.js';
import type { ImportJob } from './import-job.js';

/** A file error, problem or skipped student of a report in the reader's language (French if the report predates English). */
export function reportText(item: { message: string; messageEn?: string }, lang: Lang): string {
  return lang === 'en' ? (item.messageEn ?? item.message) : item.message;
}

/**
 * The whole report as CSV (UTF-8 with BOM, `;`, CRLF), for a spreadsheet. It is laid out for French
 * spreadsheets (`;`, French headers and types), and one link serves every referent of the school
 * whatever their language: so the English text is a last column beside the French, left empty
 * for reports stored before it existed. Names and INEs come from the school's file: a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading `'`.
 */
export function importReportCsv(job: ImportJob): string {
  const rows: Array<Array<string | number | null | undefined>> = [['Type', 'INE', 'Ligne', 'Champ', 'Message', 'Message (English)']];
  const report = job.report;
  if (report?.fileError) rows.push(['Fichier refusé', '', '', '', report.fileError.message, report.fileError.messageEn]);
  for (const e of report?.errors ?? []) rows.push(['Erreur', e.ine, e.line, e.field, e.message, e.messageEn]);
  for (const s of report?.skipped ?? []) rows.push(['Élève ignoré', s.ine, '', '', s.message, s.messageEn]);
  return stringify(rows, { delimiter: ';', record_delimiter: 'windows', bom: true, quoted: true, quoted_empty: true, escape_formulas: true });
}
