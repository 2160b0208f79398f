/** The rules that need the whole file at once, common to both layouts: duplicates and emptiness. */
import type { Lang } from '../../i18n/messages.js';
import { nameIn } from './fields.js';
import type { ImportProblem, SiecleStudent, SkippedStudent } from './types.js';

/** One student read from the file and not skipped: valid (student set) or with problems. */
export interface ReadStudent {
  ine: string | null;
  line: number | null;
  /** How the referent recognises the student in a message. */
  name: string;
  student: SiecleStudent | null;
  problems: ImportProblem[];
}

export interface StudentsReport {
  students: SiecleStudent[];
  skipped: SkippedStudent[];
  errors: ImportProblem[];
}

/**
 * Every occurrence of an INE found twice is left out: the file does not say which one is right,
 * and the INE is what re-imports and account links hang on.
 */
export function assembleReport(
  read: ReadStudent[],
  skipped: SkippedStudent[],
  ineField: string,
  /** "ligne 12" / "line 12": where a message in `lang` points to a student of the file. */
  where: (line: number | null, lang: Lang) => string,
): StudentsReport {
  const linesByIne = new Map<string, (number | null)[]>();
  for (const { ine, line } of read) {
    if (ine === null) continue;
    const lines = linesByIne.get(ine);
    if (lines) lines.push(line);
    else linesByIne.set(ine, [line]);
  }

  const students: SiecleStudent[] = [];
  const errors: ImportProblem[] = [];
  for (const entry of read) {
    errors.push(...entry.problems);
    const lines = entry.ine === null ? [] : (linesByIne.get(entry.ine) ?? []);
    if (entry.ine !== null && lines.length > 1) {
      // Reported at every occurrence but the first, each pointing back to the others.
      if (lines[0] !== entry.line) {
        const others = (lang: Lang) => lines.filter((line) => line !== entry.line).map((line) => where(line, lang)).join(', ');
        errors.push({
          ine: entry.ine,
          line: entry.line,
          field: ineField,
          code: 'ine_duplicate',
          message:
            `${capitalise(where(entry.line, 'fr'))} : l'INE ${entry.ine} (${entry.name}) figure plusieurs fois dans le fichier ` +
            `(aussi ${others('fr')}). Chaque élève ne doit y figurer qu'une fois.`,
          messageEn:
            `${capitalise(where(entry.line, 'en'))}: INE ${entry.ine} (${nameIn(entry.name, 'en')}) appears several times in the file ` +
            `(also ${others('en')}). Each student must appear only once.`,
        });
      }
      continue;
    }
    if (entry.student) students.push(entry.student);
  }

  if (read.length === 0) {
    errors.push({
      ine: null,
      line: null,
      field: null,
      code: 'no_student',
      message:
        skipped.length === 0
          ? `Le fichier ne contient aucun élève.`
          : skipped.length === 1
            ? `Aucun élève à importer : le seul élève du fichier est sorti de l'établissement, sans INE ou sans division.`
            : `Aucun élève à importer : les ${skipped.length} élèves du fichier sont tous sortis de l'établissement, sans INE ou sans division.`,
      messageEn:
        skipped.length === 0
          ? `The file contains no student.`
          : skipped.length === 1
            ? `No student to import: the only student in the file has left the school, or has no INE or no division.`
            : `No student to import: all ${skipped.length} students in the file have left the school, or have no INE or no division.`,
    });
  }
  return { students, skipped, errors };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
