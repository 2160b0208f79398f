/**
 * Made-up students for synthetic SIECLE exports (tests, benchmarks, trying an import by hand).
 * Every name, INE and date is invented. Edge cases on purpose: accents and the letters only
 * ISO-8859-15 has (œ, Œ, Ÿ), compound and usage names, students who left (DATE_SORTIE), students
 * without a division, group structures next to divisions.
 *
 * Student i is drawn from its own generator seeded by (seed, i), so that a writer can go over the
 * students twice (the XML lists students, then their structures) without keeping them in memory.
 */
import { seededRandom } from '../assessment/random.js';

export interface GeneratedStudent {
  /** ELEVE_ID and ELENOET. */
  id: string;
  ine: string;
  lastName: string;
  usageName: string;
  firstName: string;
  secondFirstName: string;
  thirdFirstName: string;
  /** dd/mm/yyyy, as SIECLE writes it. */
  birthDate: string;
  sex: '1' | '2';
  /** INSEE country code, 100 for France. */
  countryCode: string;
  departmentCode: string;
  cityCode: string;
  city: string;
  mefCode: string;
  status: 'ST' | 'AP';
  /** Empty for a student without a division. */
  division: string;
  /** Also in a group structure (TYPE_STRUCTURE G). */
  inGroup: boolean;
  /** DATE_SORTIE, empty for a student still at school. */
  leftOn: string;
}

export interface StudentShares {
  /** Share of students with a DATE_SORTIE. */
  left: number;
  /** Share of students without a division. */
  noDivision: number;
  /** Share of students given the INE of the student before them (0: none). */
  duplicateIne: number;
}

/** What an import keeps: the others are reported as skipped. */
export function isCurrent(student: GeneratedStudent): boolean {
  return !student.leftOn && student.division !== '';
}

const FIRST_NAMES = ['Léa', 'Chloé', 'Inès', 'Zoé', 'Anaïs', 'Maëlle', 'Noémie', 'Héloïse', 'Jade', 'Louise',
  'Lucas', 'Hugo', 'Théo', 'Noé', 'Raphaël', 'Gaël', 'Jérôme', 'Loïc', 'Benoît', 'Nathan', 'Adam', 'Yanis',
  'Aïcha', 'Fatoumata', 'Mohamed', 'Chloë', 'Zoë', 'Joël', 'Cœlio', 'Anne-Sophie', 'Jean-Baptiste', 'Marie-Ève'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Bœuf', 'Lætitia-Roux', "D'Almeida",
  'Le Gall', "N'Diaye", 'Nguyen', 'Da Silva', 'Œuvrard', 'Ÿvelin', 'Müller', 'Château', 'Béranger'];
/** MEF codes (invented), the division's prefix, and the age of a student of that year. */
const LEVELS: ReadonlyArray<readonly [string, string, number]> = [
  ['10010012110', '6', 11], ['10110001110', '5', 12], ['10210001110', '4', 13], ['10310019110', '3', 14],
  ['20010018110', '2nde', 15], ['20111001110', '1G', 16], ['20211001110', 'TG', 17]];
const TOWNS: ReadonlyArray<readonly [string, string, string]> = [
  ['86194', 'POITIERS', '086'], ['17300', 'LA ROCHELLE', '017'], ['79191', 'NIORT', '079'], ['16015', 'ANGOULÊME', '016']];
const FOREIGN: ReadonlyArray<readonly [string, string]> = [['132', 'LONDRES'], ['109', 'BERLIN'], ['350', 'ALGER']];
const SCHOOL_YEAR = 2026;
const INE_KEYS = 'ABCDEFGHJK';

/** 10 digits and a letter: the 11 characters of an INE. */
function ineOf(index: number): string {
  return String(100_000_000 + index).padStart(10, '0') + INE_KEYS[index % INE_KEYS.length];
}

function isDuplicate(index: number, share: number): boolean {
  return share > 0 && index > 0 && index % Math.max(2, Math.round(1 / share)) === 0;
}

export function studentAt(seed: number, index: number, shares: StudentShares): GeneratedStudent {
  const random = seededRandom(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const [mefCode, prefix, age] = pick(LEVELS);
  const abroad = random() < 0.05 ? pick(FOREIGN) : null;
  const [cityCode, town, departmentCode] = pick(TOWNS);
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  return {
    id: String(1000 + index),
    // Planted pairs: this student takes the INE of the one before, who is never a copy himself.
    ine: isDuplicate(index, shares.duplicateIne) ? ineOf(index - 1) : ineOf(index),
    lastName: pick(LAST_NAMES).toUpperCase(),
    usageName: random() < 0.05 ? pick(LAST_NAMES).toUpperCase() : '',
    firstName: pick(FIRST_NAMES),
    secondFirstName: random() < 0.4 ? pick(FIRST_NAMES) : '',
    thirdFirstName: random() < 0.1 ? pick(FIRST_NAMES) : '',
    birthDate: `${day}/${month}/${SCHOOL_YEAR - age}`,
    sex: random() < 0.5 ? '1' : '2',
    countryCode: abroad ? abroad[0] : '100',
    departmentCode: abroad ? '' : departmentCode,
    cityCode: abroad ? '' : cityCode,
    city: abroad ? abroad[1] : town,
    mefCode,
    status: random() < 0.97 ? 'ST' : 'AP',
    division: random() < shares.noDivision ? '' : `${prefix}${'ABCD'[Math.floor(random() * 4)]}`,
    inGroup: random() < 0.3,
    leftOn: random() < shares.left ? `15/10/${SCHOOL_YEAR}` : '',
  };
}

/** Students 0 to count − 1, one at a time. */
export function* generatedStudents(seed: number, count: number, shares: StudentShares): Generator<GeneratedStudent> {
  for (let index = 0; index < count; index++) yield studentAt(seed, index, shares);
}
