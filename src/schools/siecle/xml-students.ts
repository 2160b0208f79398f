/** The spec §6 rules applied to the ELEVE records of an XML export. */
import { formatCalendarDate } from '../../i18n/dates.js';
import { describeStudent, FRANCE, INE_RULE, isValidIne, studentName, frenchDateToIso, MAX_TEXT_LENGTH, normalizeIne, optional } from './fields.js';
import { assembleReport, type ReadStudent, type StudentsReport } from './report.js';
import type { ImportProblem, SiecleStudent, SkippedStudent } from './types.js';
import type { SiecleXml, StudentField, XmlStudent } from './xml.js';

const SEXES: Readonly<Record<string, 'M' | 'F'>> = { '1': 'M', '2': 'F' };
const STATUSES: ReadonlySet<string> = new Set(['ST', 'AP']);

function leftOnEn(leftOn: string): string {
  const iso = frenchDateToIso(leftOn);
  return iso ? formatCalendarDate(iso, { lang: 'en' }) : leftOn;
}

export function studentsFromXml(xml: SiecleXml): StudentsReport {
  const read: ReadStudent[] = [];
  const skipped: SkippedStudent[] = [];
  for (const record of xml.students) {
    const { fields } = record;
    const ineText = optional(fields.ID_NATIONAL);
    const ine = ineText === null ? null : normalizeIne(ineText);
    const name = studentName(optional(fields.PRENOM), optional(fields.NOM_DE_FAMILLE));
    const who = describeStudent(name, ine);
    const whoEn = describeStudent(name, ine, 'en');
    const leftOn = optional(fields.DATE_SORTIE);
    const structures = record.eleveId === null ? undefined : xml.structures.get(record.eleveId);
    const division = structures?.division ?? null;
    if (leftOn !== null) {
      skipped.push({
        ine, name, reason: 'left_school',
        message: `${who} : sorti(e) de l'établissement le ${leftOn}, non importé(e).`,
        // Stored in both languages, for any English reader: the month named, as in English cards.
        messageEn: `${whoEn}: left the school on ${leftOnEn(leftOn)}, not imported.`,
      });
    } else if (ine === null) {
      skipped.push({
        ine, name, reason: 'no_ine',
        message: `${who} (ligne ${record.line}) : pas d'INE (ID_NATIONAL vide), non importé(e) ; il ou elle le sera quand SIECLE lui aura attribué un INE.`,
        messageEn: `${whoEn} (line ${record.line}): no INE (ID_NATIONAL empty), not imported; they will be imported once SIECLE has given them an INE.`,
      });
    } else if (division === null) {
      skipped.push({
        ine, name, reason: 'no_division',
        message: `${who} : dans aucune division (classe) dans SIECLE, non importé(e).`,
        messageEn: `${whoEn}: not in any division (class) in SIECLE, not imported.`,
      });
    } else {
      read.push(readStudent(record, ine, name, division, structures?.groups ?? []));
    }
  }
  return assembleReport(read, skipped, 'ID_NATIONAL', (line, lang) =>
    line === null ? (lang === 'fr' ? 'un autre élève' : 'another student') : `${lang === 'fr' ? 'ligne' : 'line'} ${line}`,
  );
}

function readStudent(record: XmlStudent, ine: string, name: string, division: string, groups: string[]): ReadStudent {
  const { fields, line } = record;
  const problems: ImportProblem[] = [];
  const problem = (field: StudentField, code: string, what: string, whatEn: string): void => {
    problems.push({
      ine, line, field, code,
      message: `Élève ${describeStudent(name, ine)}, ligne ${line} : ${what}.`,
      messageEn: `Student ${describeStudent(name, ine, 'en')}, line ${line}: ${whatEn}.`,
    });
  };

  for (const field of Object.keys(fields) as StudentField[]) {
    const value = fields[field]?.trim() ?? '';
    if (value.length > MAX_TEXT_LENGTH) problem(field, 'too_long', `${field} dépasse ${MAX_TEXT_LENGTH} caractères`, `${field} is longer than ${MAX_TEXT_LENGTH} characters`);
  }
  if (!isValidIne(ine)) problem('ID_NATIONAL', 'ine_invalid', `INE « ${ine} » invalide (${INE_RULE.fr})`, `INE “${ine}” invalid (${INE_RULE.en})`);
  const firstName = optional(fields.PRENOM);
  if (firstName === null) problem('PRENOM', 'required', 'prénom absent (PRENOM)', 'first name missing (PRENOM)');
  const lastName = optional(fields.NOM_DE_FAMILLE);
  if (lastName === null) problem('NOM_DE_FAMILLE', 'required', 'nom de famille absent (NOM_DE_FAMILLE)', 'family name missing (NOM_DE_FAMILLE)');

  const birthText = optional(fields.DATE_NAISS);
  const birthDate = birthText === null ? null : frenchDateToIso(birthText);
  if (birthText === null) problem('DATE_NAISS', 'birth_date_missing', 'date de naissance absente (DATE_NAISS)', 'birth date missing (DATE_NAISS)');
  else if (birthDate === null) {
    problem(
      'DATE_NAISS', 'birth_date_invalid',
      `date de naissance « ${birthText} » invalide (attendu jj/mm/aaaa, date existante)`,
      `birth date “${birthText}” invalid (expected dd/mm/yyyy, a date that exists)`,
    );
  }

  const sexCode = optional(fields.CODE_SEXE);
  const sex = sexCode === null ? undefined : SEXES[sexCode];
  if (sexCode === null) problem('CODE_SEXE', 'sex_missing', 'sexe absent (CODE_SEXE)', 'sex missing (CODE_SEXE)');
  else if (sex === undefined) {
    problem('CODE_SEXE', 'sex_invalid', `code sexe « ${sexCode} » inconnu (1 pour masculin, 2 pour féminin)`, `unknown sex code “${sexCode}” (1 for male, 2 for female)`);
  }

  const country = optional(fields.CODE_PAYS);
  const cityCode = optional(fields.CODE_COMMUNE_INSEE_NAISS);
  if (country === FRANCE && cityCode === null) {
    problem(
      'CODE_COMMUNE_INSEE_NAISS', 'birth_city_code_missing',
      'né(e) en France mais code commune de naissance absent (CODE_COMMUNE_INSEE_NAISS)',
      'born in France but the code of the town of birth is missing (CODE_COMMUNE_INSEE_NAISS)',
    );
  }

  const status = optional(fields.CODE_STATUT);
  const complete = problems.length === 0 && firstName !== null && lastName !== null && birthDate !== null && sex !== undefined;
  const student: SiecleStudent | null = complete
    ? {
        ine, lastName, usageName: optional(fields.NOM_USAGE), firstName,
        secondFirstName: optional(fields.PRENOM2), thirdFirstName: optional(fields.PRENOM3),
        birthDate, sex,
        birthCountryCode: country, birthDepartmentCode: optional(fields.CODE_DEPARTEMENT_NAISS),
        birthCityCode: cityCode, birthCity: optional(fields.VILLE_NAISS),
        mefCode: optional(fields.CODE_MEF),
        // The spec knows only these two; anything else is better unknown than wrong.
        status: status !== null && STATUSES.has(status) ? (status as 'ST' | 'AP') : null,
        division, groups,
      }
    : null;
  return { ine, line, name, student, problems };
}
